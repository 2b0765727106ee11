// Shared by the files tests: where the kdb+ fixture files are, temporary
// directories, and q text evaluated to its console form.
import { existsSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { q } from '../../src/index.js';
import { globals } from '../../src/lang/eval.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** ../shared/kdb-file-fixtures beside the project (as CI lays it out); a
 *  worktree elsewhere may point QWASM_SHARED at the shared directory. */
export const FIX = (() => {
  const cands = [process.env.QWASM_SHARED, resolve(root, '../shared'), resolve(root, '../../shared')]
    .filter((s): s is string => !!s).map((s) => join(s, 'kdb-file-fixtures'));
  const hit = cands.find((c) => existsSync(c));
  if (!hit) throw new Error(`kdb-file-fixtures not found in ${cands.join(', ')}`);
  return hit;
})();

export const fix = (p: string): string => join(FIX, p);
export const bytesOf = (p: string): Uint8Array => new Uint8Array(readFileSync(p));

/** A fresh temporary directory, removed by the returned cleanup. */
export function tmp(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'qwasm-files-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The console form of q text. */
export function qs(text: string): string {
  const r = q(text);
  try { return r.show(); } finally { r.dispose(); }
}
/** The one-line form of q text. */
export function q1(text: string): string {
  const r = q(text);
  try { return r.toString(); } finally { r.dispose(); }
}
export function qerr(text: string): string {
  try { q(text).dispose(); } catch (e) { return (e as Error).message; }
  return '(no error)';
}

/** Runs f, then drops every global it defined (tests must leave no blocks)
 *  and goes back to the working directory it started in (`\l db` changes into db). */
export function withGlobals<T>(f: () => T): T {
  const before = new Set(globals.keys());
  const cwd = process.cwd();
  try { return f(); } finally {
    process.chdir(cwd);
    for (const [k, v] of [...globals]) if (!before.has(k)) { globals.delete(k); v.dispose(); }
  }
}
