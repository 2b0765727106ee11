// The shared inputs of the qwasm benchmarks, bit-identical to bench/c/prng.h
// and bench/numpy_bench.py: splitmix64 in counter form (item i of seed s is
// mix(s + (i+1)*GAMMA)), computed here on 32-bit halves so that no BigInt is
// needed, and derived with integer shifts and exact float operations only.

const GAMMA_H = 0x9e3779b9, GAMMA_L = 0x7f4a7c15;
const M1_H = 0xbf58476d, M1_L = 0x1ce4e5b9;
const M2_H = 0x94d049bb, M2_L = 0x133111eb;
const P53 = 2 ** -53;

// one 64-bit value as two uint32 halves, returned through these globals
let H = 0, L = 0;

/** (ah:al) * (bh:bl) mod 2^64 into H:L */
function mul64(ah, al, bh, bl) {
  const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  L = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  H = (p11 + Math.floor(p01 / 65536) + Math.floor(p10 / 65536) + Math.floor(mid / 65536)
    + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

/** Calls f(hi, lo, i) for the first n outputs of the stream with this seed. */
export function stream(seed, n, f) {
  let sh = 0, sl = seed >>> 0;
  for (let i = 0; i < n; i++) {
    // state += GAMMA
    const l = sl + GAMMA_L;
    sl = l >>> 0;
    sh = (sh + GAMMA_H + (l > 0xffffffff ? 1 : 0)) >>> 0;
    // z = (z ^ z>>>30) * M1
    let zl = (sl ^ ((sl >>> 30) | (sh << 2))) >>> 0, zh = (sh ^ (sh >>> 30)) >>> 0;
    mul64(zh, zl, M1_H, M1_L);
    // z = (z ^ z>>>27) * M2
    zl = (L ^ ((L >>> 27) | (H << 5))) >>> 0; zh = (H ^ (H >>> 27)) >>> 0;
    mul64(zh, zl, M2_H, M2_L);
    // z ^ z>>>31
    zl = (L ^ ((L >>> 31) | (H << 1))) >>> 0; zh = (H ^ (H >>> 31)) >>> 0;
    f(zh, zl, i);
  }
}

/** u53(r) = (r >>> 11) * 2^-53 from the halves */
const u53 = (h, l) => ((h >>> 11) * 4294967296 + (((l >>> 11) | (h << 21)) >>> 0)) * P53;

export const NPOOL = 1000;
export const symName = (k) => `s${k}`;

function longs(n, seed, f) {
  const a = new BigInt64Array(n), w = new Uint32Array(a.buffer);
  stream(seed, n, (h, l, i) => { f(h, l, w, 2 * i); });
  return a;
}
// r >>> 44 as a number: the top 20 bits
const top20 = (h) => h >>> 12;

/** The data sets by name; n items (KEYS has n/10). Each is built on first use. */
export function datasets(n) {
  const m = Math.floor(n / 10);
  const cache = new Map();
  const defs = {
    J: () => longs(n, 1, (h, l, w, k) => { w[k] = top20(h) + 1; w[k + 1] = 0; }),
    JN: () => longs(n, 2, (h, l, w, k) => {
      if ((l & 15) === 0) { w[k] = 0; w[k + 1] = 0x80000000; } else { w[k] = top20(h) + 1; w[k + 1] = 0; }
    }),
    J2: () => longs(n, 3, (h, l, w, k) => { w[k] = top20(h) + 1; w[k + 1] = 0; }),
    F: () => { const a = new Float64Array(n); stream(4, n, (h, l, i) => { a[i] = u53(h, l) * 2048 - 1024; }); return a; },
    FN: () => { const a = new Float64Array(n); stream(5, n, (h, l, i) => { a[i] = (l & 15) === 0 ? NaN : u53(h, l) * 2048 - 1024; }); return a; },
    F2: () => { const a = new Float64Array(n); stream(6, n, (h, l, i) => { a[i] = 1 + u53(h, l) * 1024; }); return a; },
    FP: () => { const a = new Float64Array(n); stream(7, n, (h, l, i) => { a[i] = 1 + (u53(h, l) - 0.5) * 2 ** -10; }); return a; },
    Z: () => new BigInt64Array(n),
    ZF: () => new Float64Array(n),
    R: () => longs(n, 8, (h, l, w, k) => { w[k] = l; w[k + 1] = h; }),
    D: () => { const a = new Int32Array(n); stream(10, n, (h, l, i) => { a[i] = h >>> 18; }); return a; },
    P: () => longs(n, 11, (h, l, w, k) => { w[k] = ((l >>> 4) | (h << 28)) >>> 0; w[k + 1] = h >>> 4; }),
    /** symbol indices into the pool of names symName(0..999) */
    S: () => { const a = new Int32Array(n); stream(13, n, (h, l, i) => { a[i] = h % NPOOL; }); return a; },
    SORTED: () => {
      const a = new Float64Array(n); let acc = 0;
      stream(14, n, (h, l, i) => { acc += 1 + (h >>> 28); a[i] = acc; });
      return BigInt64Array.from(a, (v) => BigInt(v));
    },
    KEYS: () => {
      const s = get('SORTED'), M = Number(s[n - 1] ?? 0n) + 16;
      const a = new Float64Array(m);
      stream(15, m, (h, l, i) => { a[i] = Math.trunc(u53(h, l) * M); });
      return BigInt64Array.from(a, (v) => BigInt(v));
    },
    POOL: () => longs(NPOOL, 16, (h, l, w, k) => { w[k] = l; w[k + 1] = h; }),
    G: () => {
      const pool = new Uint32Array(get('POOL').buffer);
      return longs(n, 17, (h, l, w, k) => { const j = 2 * (h % NPOOL); w[k] = pool[j]; w[k + 1] = pool[j + 1]; });
    },
  };
  function get(name) {
    if (!cache.has(name)) cache.set(name, defs[name]());
    return cache.get(name);
  }
  return { get, m, names: Object.keys(defs), drop: (name) => cache.delete(name) };
}

/** XOR of the 64-bit (or 32-bit) words, as 16 hex digits: must equal C's and numpy's. */
export function fingerprint(a) {
  const w = new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4);
  let h = 0, l = 0;
  if (a.BYTES_PER_ELEMENT === 8) for (let i = 0; i < w.length; i += 2) { l ^= w[i]; h ^= w[i + 1]; }
  else for (let i = 0; i < w.length; i++) l ^= w[i];
  return (h >>> 0).toString(16).padStart(8, '0') + (l >>> 0).toString(16).padStart(8, '0');
}
