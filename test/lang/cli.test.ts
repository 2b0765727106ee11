// The qwasm console on a pipe: spawn bin/qwasm.js with input on stdin.
// Uses dist/index.js when the package build exports the language; otherwise
// bundles a test entry of its own (same sources) so the test runs before wiring.
import { describe, expect, test, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(__dirname, '../..');
let entry = '';

beforeAll(async () => {
  const dist = join(root, 'dist/index.js');
  if (existsSync(dist) && /\blang\b/.test(readFileSync(dist, 'utf8').slice(-4000))) { entry = dist; return; }
  const src = join(root, 'dist/_lang_test_entry.ts');
  writeFileSync(src, "export * from '../src/index.js';\nexport * as lang from '../src/lang/index.js';\n");
  entry = join(root, 'dist/_lang_test.mjs');
  await build({ entryPoints: [src], outfile: entry, bundle: true, format: 'esm', platform: 'node', target: 'es2022', logLevel: 'error' });
}, 60000);

function qwasm(input: string, args: string[] = []): { out: string; code: number | null } {
  const r = spawnSync(process.execPath, [join(root, 'bin/qwasm.js'), ...args], {
    input, encoding: 'utf8', env: { ...process.env, QWASM_ENTRY: entry }, timeout: 30000,
  });
  return { out: r.stdout + r.stderr, code: r.status };
}

describe('qwasm on a pipe', () => {
  test('no prompt, no banner; nothing for assignments or a trailing ;', () => {
    const { out, code } = qwasm('a:til 3\ncount a\na;\n');
    expect(out).toBe('3\n');
    expect(code).toBe(0);
  });
  test('errors print as q names and the session carries on', () => {
    expect(qwasm('nosuch\ntil `a\n1)\ncount 1 2\n').out).toBe("'nosuch\n'type\n')\n2\n");
  });
  test('continuation lines of an open lambda', () => {
    expect(qwasm('f:{[a]\n  count a}\nf "abc"\n').out).toBe('3\n');
  });
  test('\\\\ exits', () => expect(qwasm('count 1\n\\\\\ncount 1 2\n').out).toBe('1\n'));
  test('exit code', () => expect(qwasm('exit 3\n').code).toBe(3));
  test('comments', () => expect(qwasm('/ nothing\ncount 1 2 / two\n/\nblock\n\\\ncount 1\n').out).toBe('2\n1\n'));
  test('runs a script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qwasm-'));
    const file = join(dir, 's.q');
    writeFileSync(file, 'a:til 4\nf:{\n  count x}\n/ comment\nshow f a\n');
    const { out } = qwasm('count a\n', [file]);
    expect(out).toBe('4\n4\n');
  });
  test('\\l loads a script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qwasm-'));
    const file = join(dir, 'lib.q');
    writeFileSync(file, 'b:til 5\n');
    expect(qwasm(`\\l ${file}\ncount b\n`).out).toBe('5\n');
  });
  test('a script stops at its first error, then the console reads on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qwasm-'));
    const file = join(dir, 'e.q');
    writeFileSync(file, 'show 1\n1+`a\nshow 2\n');
    expect(qwasm('show 3\n', [file]).out).toBe("1\n'type\n3\n");
  });
  test('\\\\ and exit in a script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qwasm-'));
    const a = join(dir, 'a.q'), b = join(dir, 'b.q');
    writeFileSync(a, 'show 1\n\\\\\nshow 2\n');
    writeFileSync(b, 'exit 4\n');
    expect(qwasm('show 9\n', [a]).out).toBe('1\n');
    expect(qwasm('', [b]).code).toBe(4);
  });
});
