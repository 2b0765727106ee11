// Test helpers: evaluate q text to JS, and JS stand-ins for primitives whose
// kernels have not landed yet (registered only where the registry lacks them).
import { afterEach } from 'vitest';
import { K } from '../../src/k.js';
import { from } from '../../src/construct.js';
import { lookup, prim } from '../../src/ops/registry.js';
import { evaluate, reset, consoleEval } from '../../src/lang/index.js';
import { compiler } from '../../src/lang/eval.js';
import { QError } from '../../src/errors.js';

afterEach(() => reset());

const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v as number));
function lift2(f: (a: number, b: number) => number | boolean) {
  const go = (a: unknown, b: unknown): unknown => {
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) throw new Error('length');
      return a.map((x, i) => go(x, b[i]));
    }
    if (Array.isArray(a)) return a.map((x) => go(x, b));
    if (Array.isArray(b)) return b.map((y) => go(a, y));
    return f(num(a), num(b));
  };
  return (x: K, y: K) => from(go(x.toJS(), y.toJS()));
}
function lift1(f: (a: number) => number) {
  const go = (a: unknown): unknown => (Array.isArray(a) ? a.map(go) : f(num(a)));
  return (x: K) => from(go(x.toJS()));
}
function fallback(name: string, impl: Parameters<typeof prim>[1]) {
  const have = lookup(name) ?? {};
  const missing = Object.fromEntries(Object.entries(impl).filter(([k]) => !(have as Record<string, unknown>)[k]));
  if (Object.keys(missing).length) prim(name, missing);
}
fallback('+', { dyad: lift2((a, b) => a + b) });
fallback('-', { dyad: lift2((a, b) => a - b) });
fallback('*', { dyad: lift2((a, b) => a * b) });
fallback('%', { dyad: lift2((a, b) => a / b) });
fallback('<', { dyad: lift2((a, b) => a < b) });
fallback('>', { dyad: lift2((a, b) => a > b) });
fallback('=', { dyad: lift2((a, b) => a === b) });
fallback('neg', { monad: lift1((a) => -a) });
fallback('sum', { monad: (x: K) => from((x.toJS() as number[]).reduce((s: number, v) => s + num(v), 0)) });
fallback(',', { dyad: (x: K, y: K) => {
  const a = x.type < 0 ? [x.toJS()] : (x.toJS() as unknown[]);
  const b = y.type < 0 ? [y.toJS()] : (y.toJS() as unknown[]);
  return from([...a, ...b]);
} });

/** The JS value of q text (result disposed). */
export function js(text: string): unknown {
  const k = evaluate(text);
  try { return k.toJS(); } finally { k.dispose(); }
}
/** The q type of q text's value. */
export function qtype(text: string): number {
  const k = evaluate(text);
  try { return k.type; } finally { k.dispose(); }
}
/** The q error name text raises. */
export function err(text: string): string {
  try { evaluate(text).dispose(); } catch (e) { return (e as Error).message; }
  return '(no error)';
}
export { consoleEval, evaluate };

/** The console text of q text (after its type, with withType), or its error as 'name. */
export function outcome(text: string, withType = false): string {
  try {
    const k = evaluate(text);
    try { return (withType ? `${k.type} ` : '') + k.toString(); } finally { k.dispose(); }
  } catch (e) {
    if (e instanceof QError) return "'" + e.message;
    throw e;
  }
}

/** f run by the tree walker alone: every compiler hook off, restored after. */
export function walkerOnly<T>(f: () => T): T {
  const saved = { ...compiler };
  compiler.lambda = null; compiler.top = null; compiler.atomic = null; compiler.run = null;
  try { return f(); } finally { Object.assign(compiler, saved); }
}
