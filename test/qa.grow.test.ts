// Writes into engine memory must take their view AFTER any allocation that the
// written value needs: in `mem().u32[i] = alloc(...)` JS evaluates mem().u32
// first, and if the allocation grows memory that view is detached and the
// write is silently lost (the list keeps a null pointer).
import { describe, it, expect } from 'vitest';
import { q, K } from '../src/index.js';
import { E } from '../src/runtime.js';

/** Rows for 25 long columns that cannot fit in memory as it is now, so building
 *  them must grow it (freed blocks of earlier tests are kept and reused). */
function rowsToGrow(): number {
  return Math.max(1 << 20, 2 ** Math.ceil(Math.log2(E.memory.buffer.byteLength / 100)));
}

describe('writes that allocate survive memory.grow', () => {
  it('q.table extends atom columns correctly while memory grows', () => {
    const rows = rowsToGrow();
    const cols: Record<string, unknown> = { x: new Float64Array(rows) };
    for (let i = 0; i < 24; i++) cols[`c${i}`] = i;
    const size = E.memory.buffer.byteLength;
    const t = q.table(cols);
    expect(E.memory.buffer.byteLength).toBeGreaterThan(size); // memory grew during the build
    for (let i = 0; i < 24; i++) {
      const c = t.col(`c${i}`);
      expect(c.count).toBe(rows);
      expect((c.data as BigInt64Array)[rows - 1]).toBe(BigInt(i));
      c.dispose();
    }
  });

  it('flip of a dictionary with atom values extends them correctly while memory grows', () => {
    const rows = rowsToGrow();
    const vals = [K.float(new Float64Array(rows)), ...Array.from({ length: 24 }, (_, i) => K.long(i))];
    const d = q.dict(K.symbol(['x', ...vals.slice(1).map((_, i) => `c${i}`)]), K.from(vals));
    const size = E.memory.buffer.byteLength;
    const t = q.flip(d);
    expect(E.memory.buffer.byteLength).toBeGreaterThan(size);
    for (let i = 0; i < 24; i++) {
      const c = t.col(`c${i}`);
      expect((c.data as BigInt64Array)[rows - 1]).toBe(BigInt(i));
      c.dispose();
    }
  });

  it('null of a long general list, flip of a list of lists and first of a wide table stay intact', () => {
    const n = 200000;
    const list = K.from(Array.from({ length: n }, (_, i) => (i % 2 ? [i] : 'ab')));
    const nl = q.null(list);
    expect(nl.count).toBe(n);
    expect(String(q.count(q.raze ? q.raze(nl) : nl))).toBeDefined();
    const m = K.from(Array.from({ length: 3 }, () => Array.from({ length: n }, (_, i) => i)));
    const tr = q.flip(m);
    expect(tr.count).toBe(n);
    expect((tr.at(n - 1) as K).toJS()).toEqual([n - 1, n - 1, n - 1]);
    const wide: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) wide[`w${i}`] = [i];
    const row = q.first(q.table(wide));
    expect((row.toJS() as Record<string, number>).w4999).toBe(4999);
  });
});
