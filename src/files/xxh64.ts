// XXH64 with seed 0, as a zstd frame's checksum uses it (its low 32 bits).
// A 64-bit lane is two unsigned 32-bit halves in locals (BigInt, or an array
// per value, is several times slower); mul leaves its result in H and L.

let H = 0, L = 0;
/** (ah,al) * (bh,bl) mod 2^64 into H, L: 16-bit limbs keep every partial product exact. */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff, a1 = al >>> 16, a2 = ah & 0xffff, a3 = ah >>> 16;
  const b0 = bl & 0xffff, b1 = bl >>> 16, b2 = bh & 0xffff, b3 = bh >>> 16;
  const c0 = a0 * b0;
  const c1 = (c0 >>> 16) + a1 * b0 + a0 * b1;
  const c2 = Math.floor(c1 / 65536) + a2 * b0 + a1 * b1 + a0 * b2;
  const c3 = Math.floor(c2 / 65536) + a3 * b0 + a2 * b1 + a1 * b2 + a0 * b3;
  L = (((c1 & 0xffff) << 16) | (c0 & 0xffff)) >>> 0;
  H = (((c3 & 0xffff) << 16) | (c2 & 0xffff)) >>> 0;
}
/** (ah,al) + (bh,bl) mod 2^64 into H, L. */
function add(ah: number, al: number, bh: number, bl: number): void {
  const l = al + bl;
  L = l >>> 0;
  H = (ah + bh + (l > 0xffffffff ? 1 : 0)) >>> 0;
}
/** rotate (h,l) left by r (0 < r < 32) into H, L. */
function rotl(h: number, l: number, r: number): void {
  H = ((h << r) | (l >>> (32 - r))) >>> 0;
  L = ((l << r) | (h >>> (32 - r))) >>> 0;
}

const P1H = 0x9e3779b1, P1L = 0x85ebca87, P2H = 0xc2b2ae3d, P2L = 0x27d4eb4f;
const P3H = 0x165667b1, P3L = 0x9e3779f9, P4H = 0x85ebca77, P4L = 0xc2b2ae63, P5H = 0x27d4eb2f, P5L = 0x165667c5;

/** round(acc, lane) = rotl(acc + lane * P2, 31) * P1, into H, L. */
function round(ah: number, al: number, xh: number, xl: number): void {
  mul(xh, xl, P2H, P2L);
  add(ah, al, H, L);
  rotl(H, L, 31);
  mul(H, L, P1H, P1L);
}

/** The low 32 bits of XXH64(b, seed 0). */
export function xxh64low(b: Uint8Array): number {
  const dv = new DataView(b.buffer, b.byteOffset, b.length);
  const n = b.length;
  let i = 0, hh: number, hl: number;
  if (n >= 32) {
    add(P1H, P1L, P2H, P2L);
    let v1h = H, v1l = L, v2h = P2H, v2l = P2L, v3h = 0, v3l = 0;
    // -P1 mod 2^64
    let v4h = ~P1H >>> 0, v4l = (-P1L) >>> 0; // P1L is not 0: no carry into the high half
    for (; i + 32 <= n; i += 32) {
      round(v1h, v1l, dv.getUint32(i + 4, true), dv.getUint32(i, true)); v1h = H; v1l = L;
      round(v2h, v2l, dv.getUint32(i + 12, true), dv.getUint32(i + 8, true)); v2h = H; v2l = L;
      round(v3h, v3l, dv.getUint32(i + 20, true), dv.getUint32(i + 16, true)); v3h = H; v3l = L;
      round(v4h, v4l, dv.getUint32(i + 28, true), dv.getUint32(i + 24, true)); v4h = H; v4l = L;
    }
    rotl(v1h, v1l, 1); hh = H; hl = L;
    rotl(v2h, v2l, 7); add(hh, hl, H, L); hh = H; hl = L;
    rotl(v3h, v3l, 12); add(hh, hl, H, L); hh = H; hl = L;
    rotl(v4h, v4l, 18); add(hh, hl, H, L); hh = H; hl = L;
    for (const [vh, vl] of [[v1h, v1l], [v2h, v2l], [v3h, v3l], [v4h, v4l]]) {
      round(0, 0, vh, vl);
      mul((hh ^ H) >>> 0, (hl ^ L) >>> 0, P1H, P1L);
      add(H, L, P4H, P4L); hh = H; hl = L;
    }
  } else { hh = P5H; hl = P5L; }
  add(hh, hl, Math.floor(n / 2 ** 32), n >>> 0); hh = H; hl = L;
  for (; i + 8 <= n; i += 8) {
    round(0, 0, dv.getUint32(i + 4, true), dv.getUint32(i, true));
    rotl((hh ^ H) >>> 0, (hl ^ L) >>> 0, 27);
    mul(H, L, P1H, P1L);
    add(H, L, P4H, P4L); hh = H; hl = L;
  }
  if (i + 4 <= n) {
    mul(0, dv.getUint32(i, true), P1H, P1L);
    rotl((hh ^ H) >>> 0, (hl ^ L) >>> 0, 23);
    mul(H, L, P2H, P2L);
    add(H, L, P3H, P3L); hh = H; hl = L;
    i += 4;
  }
  for (; i < n; i++) {
    mul(0, b[i], P5H, P5L);
    rotl((hh ^ H) >>> 0, (hl ^ L) >>> 0, 11);
    mul(H, L, P1H, P1L); hh = H; hl = L;
  }
  // avalanche: h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32
  mul(hh, (hl ^ (hh >>> 1)) >>> 0, P2H, P2L); hh = H; hl = L;
  mul((hh ^ (hh >>> 29)) >>> 0, (hl ^ ((hl >>> 29) | (hh << 3))) >>> 0, P3H, P3L);
  return (L ^ H) >>> 0;
}
