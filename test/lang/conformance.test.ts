// Replays the kdb+ console transcripts in test/q/*.q.txt (format in
// test/q/README.md): each file in a fresh session, each case's console output
// compared with the expected lines (errors by their first line only).
import { describe, expect, test, beforeAll, afterAll, beforeEach } from 'vitest';
import { trackHandles } from '../../src/k.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { consoleEval, reset, setOutput } from '../../src/lang/index.js';
import { errorText } from '../../src/lang/repl.js';
import { system as qsystem } from '../../src/lang/system.js';
import { q } from '../../src/index.js';

(globalThis as { QWASM_LEAK_CHECK?: boolean }).QWASM_LEAK_CHECK = false;
// a session's variables live across cases: the per-test handle tracking (test/setup.ts) must not dispose them
beforeEach(() => trackHandles(false));

const dir = resolve(__dirname, '../q');
interface Case { expr: string; expected: string[]; line: number }

export function cases(text: string): Case[] {
  const out: Case[] = [];
  let cur: Case | null = null;
  text.split('\n').forEach((line, i) => {
    if (line.startsWith('q)')) {
      cur = { expr: line.slice(2), expected: [], line: i + 1 };
      out.push(cur);
    } else if (cur && line !== '' && !(line.startsWith('/ ') && false)) {
      cur.expected.push(line);
    }
  });
  // comment lines between cases: a trailing run of "/ " lines belongs to no case
  for (const c of out) {
    while (c.expected.length && c.expected[c.expected.length - 1].startsWith('/ ')) c.expected.pop();
  }
  return out;
}

/** What the console prints for one input, as lines. */
function run(expr: string): string[] {
  // what show, 0N! and -1 print comes before the value, as on a console
  let printed = '';
  setOutput((s) => { printed += s; });
  const lines = (s: string) => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));
  let out: string | null;
  try {
    out = consoleEval(expr);
  } catch (e) {
    return [...lines(printed), errorText(e)];
  }
  return [...lines(printed), ...lines(out ?? '')];
}

const files = readdirSync(dir).filter((f) => f.endsWith('.q.txt')).sort();

for (const file of files) {
  describe(file, () => {
    let blocks = 0;
    beforeAll(() => { reset(); qsystem('P 7'); qsystem('c 25 80'); blocks = q.memory().blocks; });
    afterAll(() => {
      reset();
      qsystem('P 7'); qsystem('c 25 80');
      // per-file leak check: everything a session made is released with its variables
      expect(q.memory().blocks).toBeLessThanOrEqual(blocks);
    });
    for (const c of cases(readFileSync(join(dir, file), 'utf8'))) {
      test(`${c.line}: ${c.expr}`, (ctx) => {
        const got = run(c.expr);
        // a primitive whose kernel has not landed yet: pending, not failed (QWASM_STRICT=1 fails it)
        if (got[got.length - 1] === "'nyi" && c.expected[0] !== "'nyi" && !process.env.QWASM_STRICT) ctx.skip();
        if (c.expected.length === 1 && c.expected[0].startsWith("'")) expect(got.slice(0, 1)).toEqual(c.expected);
        else expect(got).toEqual(c.expected);
      });
    }
  });
}
