// Round trips over random values of every type (all bit patterns: nulls,
// infinities, NaN payloads), and malformed messages: every one gives a value or
// a q error, never a crash, and nothing leaks (test/setup.ts checks blocks).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q, K, QError } from '../../src/index.js';
import { E, alloc, mem, intern } from '../../src/runtime.js';
import { serialize, deserialize, compress } from '../../src/ipc/codec.js';

const WIDTH = [0, 1, 16, 0, 1, 2, 4, 8, 4, 8, 1, 4, 8, 4, 4, 8, 8, 4, 4, 4];
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** xorshift32: values from a seed fast-check picks (so failures shrink to a seed). */
function rng(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 4294967296; };
}
const SYMS = ['', 'a', 'b', 'abc', 'ünï', 'x y', 'long symbol text'];

/** A random simple value of vector code t (negative for an atom) with raw random bits. */
function simple(t: number, n: number, r: () => number): K {
  const a = Math.abs(t);
  const count = t < 0 ? 1 : n;
  const p = alloc(t, count);
  if (a === 11) {
    for (let i = 0; i < count; i++) { const id = intern(SYMS[Math.floor(r() * SYMS.length)]); mem().i32[((p + 16) >> 2) + i] = id; }
  } else {
    const u8 = mem().u8, bytes = count * WIDTH[a];
    for (let i = 0; i < bytes; i++) u8[p + 16 + i] = a === 1 ? (r() < 0.5 ? 1 : 0) : Math.floor(r() * 256);
    // bias towards the special values: nulls and infinities of the type
    if (a !== 1 && a !== 4 && a !== 10 && a !== 2 && count > 0 && r() < 0.5) {
      const dv = new DataView(mem().buffer, p + 16, bytes);
      const w = WIDTH[a], i = Math.floor(r() * count) * w, which = Math.floor(r() * 3);
      if (a === 8) dv.setFloat32(i, [NaN, Infinity, -Infinity][which], true);
      else if (a === 9 || a === 15) dv.setFloat64(i, [NaN, Infinity, -Infinity][which], true);
      else if (w === 2) dv.setInt16(i, [-32768, 32767, -32767][which], true);
      else if (w === 4) dv.setInt32(i, [-2147483648, 2147483647, -2147483647][which], true);
      else dv.setBigInt64(i, [-(2n ** 63n), 2n ** 63n - 1n, -(2n ** 63n) + 1n][which], true);
    }
  }
  if (t > 0 && r() < 0.2) mem().u8[p + 1] = 1 + Math.floor(r() * 4);
  return new K(p);
}

const TYPES = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];

/** A random value: atoms, vectors, general lists, dictionaries, tables, keyed tables. */
function value(r: () => number, depth: number): K {
  const pick = r();
  const t = TYPES[Math.floor(r() * TYPES.length)];
  const n = Math.floor(r() * 6);
  if (depth > 2 || pick < 0.5) return simple(r() < 0.3 ? -t : t, n, r);
  if (pick < 0.7) {
    const items = Array.from({ length: n }, () => value(r, depth + 1));
    const p = alloc(0, n);
    items.forEach((k, i) => { mem().u32[((p + 16) >> 2) + i] = E.r1(k.ptr); });
    items.forEach((k) => k.dispose());
    return new K(p);
  }
  const rows = Math.floor(r() * 4);
  const ncols = 1 + Math.floor(r() * 3);
  const names = K.symbol(Array.from({ length: ncols }, (_, i) => 'c' + i));
  const cols = Array.from({ length: ncols }, () => simple(TYPES[Math.floor(r() * TYPES.length)], rows, r));
  const lst = alloc(0, ncols);
  cols.forEach((k, i) => { mem().u32[((lst + 16) >> 2) + i] = E.r1(k.ptr); });
  cols.forEach((k) => k.dispose());
  const vals = new K(lst);
  try {
    if (pick < 0.8) return q('!', names, vals);
    const tbl = q('flip', q('!', names, vals));
    if (pick < 0.9 || ncols < 2) return tbl;
    return q('1!', tbl);
  } finally { names.dispose(); vals.dispose(); }
}

describe('round trips', () => {
  it('-9!-8!x gives x back, bit for bit, for random values of every type', () => {
    fc.assert(fc.property(fc.integer(), (seed) => {
      const x = value(rng(seed), 0);
      try {
        const m = serialize(x);
        const y = deserialize(m);
        try {
          expect(hex(serialize(y))).toBe(hex(m));
          expect(q('~', x, y).toJS()).toBe(true);
          // and compressed
          const c = serialize(x, { compress: true });
          const z = deserialize(c);
          try { expect(hex(serialize(z))).toBe(hex(m)); } finally { z.dispose(); }
          // and the same value written big-endian decodes the same
          const be = toBigEndian(m);
          if (be) { const w = deserialize(be); try { expect(hex(serialize(w))).toBe(hex(m)); } finally { w.dispose(); } }
        } finally { y.dispose(); }
      } finally { x.dispose(); }
    }), { numRuns: 400 });
  });
  it('large vectors of every type round-trip', () => {
    for (const t of TYPES) {
      const x = simple(t, 100003, rng(t));
      const m = serialize(x);
      const y = deserialize(m);
      expect(hex(serialize(y)) === hex(m)).toBe(true);
      const c = serialize(x, { compress: true });
      const z = deserialize(c);
      expect(hex(serialize(z)) === hex(m)).toBe(true);
      x.dispose(); y.dispose(); z.dispose();
    }
  });
  it('compressible data compresses and comes back', () => {
    const x = q('100000#`a`b`c`d');
    const c = serialize(x, { compress: true });
    expect(c[2]).toBe(1);
    expect(c.length).toBeLessThan(serialize(x).length / 4);
    expect(q('~', deserialize(c), x).toJS()).toBe(true);
  });
});

/** A big-endian copy of a little-endian message of simple values (undefined for others). */
function toBigEndian(m: Uint8Array): Uint8Array | undefined {
  const t = (m[8] << 24) >> 24;
  if (t === 0 || t > 19 || t < -19 || t === 11 || t === -11) return undefined;
  const out = m.slice();
  out[0] = 0;
  out.subarray(4, 8).reverse();
  const w = WIDTH[Math.abs(t)];
  let o = 9;
  if (t > 0) { o = 10; out.subarray(10, 14).reverse(); o = 14; }
  if (Math.abs(t) !== 2 && w > 1) for (; o + w <= out.length; o += w) out.subarray(o, o + w).reverse();
  return out;
}

/** Decoding must give a value or a q error; nothing else. */
function tryDecode(b: Uint8Array): void {
  try { deserialize(b).dispose(); } catch (e) { expect(e).toBeInstanceOf(QError); }
}

describe('malformed messages', () => {
  it('every truncation of a message fails cleanly', () => {
    const x = q('(1 2 3;`a`b!(1.5;"xy");([]a:1 2;b:`c`d);{x+y};0Ng;2000.01.01D00:00:00.000000001)');
    const m = serialize(x);
    for (let n = 0; n < m.length; n++) {
      const cut = m.slice(0, n);
      expect(() => deserialize(cut)).toThrow(QError);
      if (n >= 8) {
        new DataView(cut.buffer).setInt32(4, n, true); // a consistent header over a short body
        expect(() => deserialize(cut)).toThrow('badmsg');
      }
    }
  });
  it('huge counts, bad types, bad attributes, unterminated symbols', () => {
    expect(() => deserialize(Buffer.from('0100000012000000070000ffffff7f00000000', 'hex'))).toThrow('badmsg');
    expect(() => deserialize(Buffer.from('0100000012000000000000ffffff7f00000000', 'hex'))).toThrow('badmsg');
    expect(() => deserialize(Buffer.from('01000000120000000b0000ffffff7f61626364', 'hex'))).toThrow('badmsg');
    expect(() => deserialize(Buffer.from('0100000012000000070000ffffffff00000000', 'hex'))).toThrow('badmsg');
    expect(() => deserialize(Buffer.from('010000000a0000000300', 'hex'))).toThrow('badmsg');
    expect(() => deserialize(Buffer.from('010000000a0000001400', 'hex'))).toThrow('badmsg');
    expect(() => deserialize(Buffer.from('010000000a000000ec00', 'hex'))).toThrow('badmsg');
    expect(() => deserialize(Buffer.from('010000000e0000000a0900000000', 'hex'))).toThrow('badmsg');
    expect(() => deserialize(Buffer.from('010000000c000000f5616263', 'hex'))).toThrow('badmsg');
    expect(() => deserialize(Buffer.from('020000000a000000ff01', 'hex'))).toThrow('badmsg');
    expect(() => deserialize(Buffer.from('010003000a000000ff01', 'hex'))).toThrow('badmsg');
    // trailing bytes after the body
    expect(() => deserialize(Buffer.from('010000000b000000ff0100', 'hex'))).toThrow('badmsg');
    // a table whose columns differ in length; a dictionary whose keys and values differ in count
    expect(() => q('-9!', q('0x', ''))).toThrow();
    const bad = serialize(q('([]a:1 2;b:3 4)'));
    bad[bad.length - 17] = 1; // second column count 2 -> 1 (shorter body: badmsg either way)
    tryDecode(bad);
    const d = serialize(q('`a`b!1 2'));
    d[12] = 3; // key count 3 over two keys
    expect(() => deserialize(d)).toThrow('badmsg');
  });
  it('deep nesting is refused, not a stack overflow', () => {
    const depth = 100000;
    const b = new Uint8Array(8 + depth * 6 + 6);
    b[0] = 1;
    new DataView(b.buffer).setInt32(4, b.length, true);
    for (let i = 0; i < depth; i++) b.set([0, 0, 1, 0, 0, 0], 8 + i * 6);
    b.set([0, 0, 0, 0, 0, 0], 8 + depth * 6);
    expect(() => deserialize(b)).toThrow('badmsg');
    const deep = q('{enlist x}/[3000;1]');
    expect(() => serialize(deep)).toThrow('stack');
    const ok = q('{enlist x}/[500;1]');
    expect(q('~', deserialize(serialize(ok)), ok).toJS()).toBe(true);
  });
  it('compressed garbage and decompression bombs fail cleanly', () => {
    const big = serialize(q('10000#til 10'));
    const c = compress(big);
    expect(c[2]).toBe(1);
    // the uncompressed length far beyond what the input can expand to
    const bomb = c.slice();
    new DataView(bomb.buffer).setInt32(8, 0x7ffffff0, true);
    expect(() => deserialize(bomb)).toThrow('badmsg');
    for (let n = 12; n < c.length; n += 7) {
      const cut = c.slice(0, n);
      new DataView(cut.buffer).setInt32(4, n, true);
      tryDecode(cut);
    }
  });
  it('random mutations of valid messages never crash or leak', () => {
    fc.assert(fc.property(fc.integer(), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }), fc.boolean(), (seed, edits, z) => {
      const x = value(rng(seed), 0);
      let m: Uint8Array;
      try { m = serialize(x, { compress: z }); } finally { x.dispose(); }
      for (const [at, v] of edits) m[8 + (at % Math.max(1, m.length - 8))] = v;
      tryDecode(m);
    }), { numRuns: 3000 });
  });
});
