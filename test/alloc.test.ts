// The allocator at its limits: power-of-two classes, reuse, growth, 'wsfull.
import { describe, it, expect } from 'vitest';
import { q, K } from '../src/index.js';
import { E, alloc } from '../src/runtime.js';

describe('allocator', () => {
  it('rounds blocks up to power-of-two classes of at least 32 bytes', () => {
    const before = q.memory().used;
    const a = K.long(1);            // 16 + 8  -> 32
    expect(q.memory().used - before).toBe(32);
    const v = K.float(new Float64Array(3)); // 16 + 24 -> 64
    expect(q.memory().used - before).toBe(96);
    const w = K.float(new Float64Array(5)); // 16 + 40 -> 64
    expect(q.memory().used - before).toBe(160);
    a.dispose(); v.dispose(); w.dispose();
    expect(q.memory().used).toBe(before);
  });
  it('splits a larger free block rather than growing the heap', () => {
    const big = K.float(new Float64Array(1 << 16)); // 512 KiB + header -> 1 MiB class
    const top = E.memTop();
    big.dispose();
    const smalls = Array.from({ length: 64 }, () => K.long([1, 2, 3]));
    expect(E.memTop()).toBe(top);
    smalls.forEach((s) => s.dispose());
  });
  it('data blocks are 16-byte aligned for v128 loads', () => {
    const xs = [K.long(1), K.boolean([true]), K.float(new Float64Array(7)), K.string('abc')];
    for (const x of xs) expect(x.ptr % 16).toBe(0);
  });
  it("reports 'wsfull at the 4 GiB limit and stays usable", () => {
    const before = q.memory().blocks;
    expect(() => alloc(9, 2 ** 29)).toThrow('wsfull');          // 4 GiB + header: over the largest class
    const p = alloc(4, 2 ** 31 - 64);                             // a 2 GiB block: fits
    expect(() => alloc(4, 2 ** 31 - 64)).toThrow('wsfull');     // a second cannot
    E.r0(p);
    const again = alloc(4, 2 ** 31 - 64);                          // the freed block is reused
    expect(again).toBe(p);
    E.r0(again);
    expect(q.til(3).toJS()).toEqual([0, 1, 2]);
    expect(q.memory().blocks).toBe(before + 1);
    expect(q.memory().peak).toBeGreaterThanOrEqual(2 ** 31);
  });
  it('the largest block is 2 GiB: a vector of 2^31-16 bytes of items fits, one byte more is wsfull', () => {
    const before = q.memory().blocks;
    const p = alloc(4, 2 ** 31 - 16);                          // 268435454 floats' worth of bytes
    expect(E.capacity(p)).toBe(2 ** 31 - 16);
    E.r0(p);
    expect(() => alloc(4, 2 ** 31 - 15)).toThrow('wsfull');
    expect(() => alloc(9, 2 ** 28 - 1)).toThrow('wsfull');     // 2^28-1 floats: 16 bytes too many
    const f = alloc(9, 2 ** 28 - 2);                            // the longest float vector
    E.r0(f);
    expect(q.memory().blocks).toBe(before);
  });
  it('keeps a freed block of 16 MiB or more whole while the heap can grow', () => {
    const big = alloc(4, 2 ** 24);                               // a 32 MiB block
    E.r0(big);
    const small = alloc(4, 1000);
    expect(small).not.toBe(big);
    const again = alloc(4, 2 ** 24);                             // the freed block, whole
    expect(again).toBe(big);
    E.r0(small); E.r0(again);
  });
  it('rejects negative and fractional counts', () => {
    expect(() => alloc(7, -1)).toThrow('domain');
    expect(() => alloc(7, 1.5)).toThrow('domain');
    expect(() => alloc(7, 2 ** 32)).toThrow('limit');
  });
});
