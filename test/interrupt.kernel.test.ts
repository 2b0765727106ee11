// Long kernels stop on request (assembly/poll.ts): the check installed with
// lang.setInterruptCheck is asked once per chunk of a kernel's work, and a
// check that throws makes the kernel free what it made and fail with 'stop.
// Stops are placed by counting polls (work), never by the clock.
import { describe, it, expect, afterEach } from 'vitest';
import { q, lang, QError } from '../src/index.js';

afterEach(() => { lang.setInterruptCheck(null); q('delete big, big2, res from `.'); });

/** How many times one evaluation of expr polls (the interpreter's checks included). */
function polls(expr: string): number {
  let n = 0;
  lang.setInterruptCheck(() => { n++; });
  try { q(expr).dispose(); } finally { lang.setInterruptCheck(null); }
  return n;
}

/** Evaluates expr with a stop asked for at the k-th poll: the error and the polls made. */
function stopAt(expr: string, k: number): { err: string | null; n: number } {
  let n = 0;
  lang.setInterruptCheck(() => { if (++n >= k) throw new QError('stop'); });
  try { q(expr).dispose(); return { err: null, n }; } catch (e) { return { err: (e as Error).message, n }; } finally { lang.setInterruptCheck(null); }
}

/** Sets up `big` (and whatever else setup defines), then checks that expr
 *  polls as it works and stops cleanly at its first, a middle and its last
 *  poll: 'stop, no poll after the stop, no block or scratch byte left, res
 *  keeps its old value, and the same expr then runs to the same result. */
function stopsCleanly(setup: string, expr: string, minPolls = 4): number {
  q(setup).dispose();
  q('res:`before').dispose();
  const want = q(expr);
  try {
    const total = polls(expr);
    expect(total, `${expr} polls while it works`).toBeGreaterThanOrEqual(minPolls);
    for (const k of [1, total >> 1, total]) {
      const before = q.memory();
      const r = stopAt(`res:${expr}`, k);
      expect(r, `${expr} stopped at poll ${k} of ${total}`).toEqual({ err: 'stop', n: k });
      const after = q.memory();
      expect(after.blocks).toBe(before.blocks);
      expect(after.syms).toBe(before.syms);
      expect(q('res').toJS()).toBe('before');
    }
    expect(q('1+1').toJS()).toBe(2);
    const again = q(expr);
    try { expect(q.match(again, want).toJS()).toBe(true); } finally { again.dispose(); }
    return total;
  } finally { want.dispose(); }
}

describe('long kernels stop on request', () => {
  it('reports the stop as q error stop (engine code ESTOP)', () => {
    expect(() => stopsCleanly('big:300000?1000000000000', 'iasc big')).not.toThrow();
  });
  it('grades and sorts of every radix width', () => {
    stopsCleanly('big:300000?1000000000000', 'idesc big');
    stopsCleanly('big:300000?1000000000000', 'asc big');
    stopsCleanly('big:300000?1000000i', 'iasc big');
    stopsCleanly('big:300000?100.0', 'desc big');
    stopsCleanly('big:300000?30000h', 'iasc big');
    stopsCleanly('big:`$string 200000?1000000', 'iasc big');
    stopsCleanly('big:300000?0Ng', 'iasc big');
  });
  it('hash find, in, distinct and group', () => {
    stopsCleanly('big:300000?1000000000000; big2:300000?1000000000000', 'big?big2');
    stopsCleanly('big:300000?100000i; big2:300000?100000i', 'big2 in big');
    stopsCleanly('big:300000?100000.0', 'distinct big');
    stopsCleanly('big:300000?100000', 'group big');
    stopsCleanly('big:300000?100000i', 'group big');
    stopsCleanly('big:300000?100000.0', 'group big');
    stopsCleanly('big:300000?30000h', 'distinct big');
    stopsCleanly('big:300000?0Ng', 'distinct big');
    stopsCleanly('big:300000?0Ng; big2:300000#big', 'big?big2');
  });
  it('grouping for select ... by', () => {
    stopsCleanly('big:([] k:300000?100000; v:300000?1.0)', 'select sum v by k from big');
    stopsCleanly('big:([] a:300000?1000; b:300000?1000; v:300000?1.0)', 'select sum v by a, b from big');
    stopsCleanly('big:([] a:300000?1000000000; b:300000?1000000000; v:300000?1.0)', 'select count v by a, b from big');
  });
  it('til, formatting and parsing numbers', () => {
    stopsCleanly('big:1', 'til 3000000');
    stopsCleanly('big:300000?1000000.0', 'string big');
    stopsCleanly('big:300000?1000000', '-3!big');
    stopsCleanly('big:string 300000?1000000', '"J"$big');
    stopsCleanly('big:string 300000?1000.0', '"F"$big');
  });
  it('serialising, compressing and deserialising', () => {
    stopsCleanly('big:300000?`3', '-8!big');
    stopsCleanly('big:300000#(1;`a;"bc")', '-8!big');
    stopsCleanly('big:-8!300000#(1;2.0;"bc")', '-9!big');
    stopsCleanly('big:-8!til 2000000', '-18!big', 2);
    stopsCleanly('big:-18!-8!til 2000000', '-9!big', 2);
  });
  it('the u# index: building it and looking up through it', () => {
    stopsCleanly('big:`u#til 300000; big2:300000?2000000', 'big?big2');
  });
  it('aj: grouping the right table and the as-of search', () => {
    stopsCleanly('big:([] s:300000?`a`b`c; t:asc 300000?1000000; p:300000?1.0); big2:([] s:300000?`a`b`c; t:300000?1000000)', 'aj[`s`t; big2; big]');
    stopsCleanly('big:([] t:asc 300000?1000000; p:300000?1.0); big2:([] t:300000?1000000)', 'aj[enlist `t; big2; big]');
  });
});
