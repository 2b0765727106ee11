// XXH64 with seed 0, as a zstd frame's checksum uses it (its low 32 bits).
// 64-bit lanes as pairs of 32-bit halves: BigInt per lane would be ten times slower.

const lo = (x: bigint): number => Number(x & 0xffffffffn);
const hi = (x: bigint): number => Number(x >> 32n);
const P1 = 0x9e3779b185ebca87n, P2 = 0xc2b2ae3d27d4eb4fn, P3 = 0x165667b19e3779f9n, P4 = 0x85ebca77c2b2ae63n, P5 = 0x27d4eb2f165667c5n;

/** A 64-bit value as [low, high] unsigned 32-bit halves. */
type U64 = [number, number];
const u = (x: bigint): U64 => [lo(x), hi(x)];
const [p1, p2, p3, p4, p5] = [P1, P2, P3, P4, P5].map(u);

function add(a: U64, b: U64): U64 {
  const l = a[0] + b[0];
  return [l >>> 0, (a[1] + b[1] + (l > 0xffffffff ? 1 : 0)) >>> 0];
}
function mul(a: U64, b: U64): U64 {
  // 16-bit limbs so that every partial product is exact in a double
  const a0 = a[0] & 0xffff, a1 = a[0] >>> 16, a2 = a[1] & 0xffff, a3 = a[1] >>> 16;
  const b0 = b[0] & 0xffff, b1 = b[0] >>> 16, b2 = b[1] & 0xffff, b3 = b[1] >>> 16;
  let c0 = a0 * b0;
  let c1 = (c0 >>> 16) + a1 * b0 + a0 * b1;
  c0 &= 0xffff;
  let c2 = Math.floor(c1 / 65536) + a2 * b0 + a1 * b1 + a0 * b2;
  c1 &= 0xffff;
  const c3 = (Math.floor(c2 / 65536) + a3 * b0 + a2 * b1 + a1 * b2 + a0 * b3) & 0xffff;
  c2 &= 0xffff;
  return [((c1 << 16) | c0) >>> 0, ((c3 << 16) | c2) >>> 0];
}
function rotl(a: U64, r: number): U64 {
  if (r >= 32) { a = [a[1], a[0]]; r -= 32; }
  if (r === 0) return a;
  return [((a[0] << r) | (a[1] >>> (32 - r))) >>> 0, ((a[1] << r) | (a[0] >>> (32 - r))) >>> 0];
}
const xor = (a: U64, b: U64): U64 => [(a[0] ^ b[0]) >>> 0, (a[1] ^ b[1]) >>> 0];
const shr = (a: U64, r: number): U64 => (r >= 32 ? [a[1] >>> (r - 32), 0] : [((a[0] >>> r) | (a[1] << (32 - r))) >>> 0, a[1] >>> r]);

function round(acc: U64, lane: U64): U64 { return mul(rotl(add(acc, mul(lane, p2)), 31), p1); }
function merge(h: U64, v: U64): U64 { return add(mul(xor(h, round([0, 0], v)), p1), p4); }

/** The low 32 bits of XXH64(b, seed 0). */
export function xxh64low(b: Uint8Array): number {
  const dv = new DataView(b.buffer, b.byteOffset, b.length);
  const lane = (i: number): U64 => [dv.getUint32(i, true), dv.getUint32(i + 4, true)];
  const n = b.length;
  let i = 0, h: U64;
  if (n >= 32) {
    let v1 = add(p1, p2), v2 = p2, v3: U64 = [0, 0], v4 = u((1n << 64n) - P1);
    for (; i + 32 <= n; i += 32) {
      v1 = round(v1, lane(i)); v2 = round(v2, lane(i + 8)); v3 = round(v3, lane(i + 16)); v4 = round(v4, lane(i + 24));
    }
    h = add(add(rotl(v1, 1), rotl(v2, 7)), add(rotl(v3, 12), rotl(v4, 18)));
    h = merge(merge(merge(merge(h, v1), v2), v3), v4);
  } else h = p5;
  h = add(h, [n >>> 0, Math.floor(n / 2 ** 32)]);
  for (; i + 8 <= n; i += 8) h = add(mul(rotl(xor(h, round([0, 0], lane(i))), 27), p1), p4);
  if (i + 4 <= n) { h = add(mul(rotl(xor(h, mul([dv.getUint32(i, true), 0], p1)), 23), p2), p3); i += 4; }
  for (; i < n; i++) h = mul(rotl(xor(h, mul([b[i], 0], p5)), 11), p1);
  h = mul(xor(h, shr(h, 33)), p2);
  h = mul(xor(h, shr(h, 29)), p3);
  h = xor(h, shr(h, 32));
  return h[0];
}
