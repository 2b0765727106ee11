// The index data kdb+ writes after the items of a `p#` or `u#` column file.
// What the fixtures show (shared/kdb-file-fixtures: SirCsimbok-kdb-tick's
// trade/sym and quote/sym, DolphinDB's empty quote_cffex/sym, TorQ's old-style
// trade/sym and trade_iex/sym): the index is a dump of kdb+ objects, each with
// its own 16-byte header (m size class, a 0, t type, u attribute, r 0, n count).
//
//  p# (after the items):  zero padding to a file offset ≡ 8 (mod 16)
//                         │ the distinct values, in order, as a u# vector of the column's type
//                         │ a long vector of d+1 run starts (the last is the count)
//  u# (after the items):  3 words (0) │ S slots (i64): the position of a value in the
//                         vector, -1 when empty. Slot of v: bits 43.. of v × 0x9E3779B97F4A7C15
//                         (mod 2^64), masked to S-1, then the next free slot (wrapping).
//                         S is the least power of 2 ≥ 2d (d=6 → 16, d=10 → 32);
//                         an empty vector has 0 0 -1 -1.
//
// The slot function is proved for integer values (the i64 indexes of an
// enumeration and the i32 ones of the old layout); the other types' hashes are
// not known, so only integer-stored columns are written with their index.

const G = 0x9E3779B97F4A7C15n;
const M64 = (1n << 64n) - 1n;

/** Size class of a block of `bytes`: 16 << m bytes hold it. */
function sizeClass(bytes: number): number {
  let m = 0;
  while ((16 << m) < bytes) m++;
  return m;
}

function header(dv: DataView, at: number, m: number, t: number, u: number, n: number): void {
  dv.setUint8(at, m); dv.setUint8(at + 1, 0); dv.setUint8(at + 2, t); dv.setUint8(at + 3, u);
  dv.setInt32(at + 4, 0, true);
  dv.setBigInt64(at + 8, BigInt(n), true);
}

/** The u# index of d distinct integer values: 3 words, then the slots. */
function uniqueSlots(values: bigint[]): BigInt64Array {
  const d = values.length;
  if (d === 0) return BigInt64Array.of(0n, 0n, -1n, -1n);
  let s = 1;
  while (s < 2 * d) s *= 2;
  const out = new BigInt64Array(3 + s).fill(-1n);
  out[0] = out[1] = out[2] = 0n;
  const mask = BigInt(s - 1);
  for (let i = 0; i < d; i++) {
    let slot = Number((((BigInt.asUintN(64, values[i]) * G) & M64) >> 43n) & mask);
    while (out[3 + slot] !== -1n) slot = (slot + 1) & (s - 1);
    out[3 + slot] = BigInt(i);
  }
  return out;
}

/** u# index bytes for the items of a u# column (integer values, all distinct). */
export function uniqueIndex(values: bigint[]): Uint8Array {
  return new Uint8Array(uniqueSlots(values).buffer);
}

/** p# index bytes for a column whose data ends at file offset `end`;
 *  undefined when the items are not parted (a value in two runs). */
export function partedIndex(item: (i: number) => bigint, n: number, t: number, width: 4 | 8, end: number): Uint8Array | undefined {
  const distinct: bigint[] = [], starts: number[] = [];
  const seen = new Set<bigint>();
  for (let i = 0; i < n; i++) {
    const v = item(i);
    if (i > 0 && v === distinct[distinct.length - 1]) continue;
    if (seen.has(v)) return undefined;
    seen.add(v); distinct.push(v); starts.push(i);
  }
  starts.push(n);
  const d = distinct.length;
  const pad = (((8 - end) % 16) + 16) % 16;
  const slots = uniqueSlots(distinct);
  const dataBytes = width * d, dataPad = (8 - (dataBytes % 8)) % 8;
  const uBytes = 16 + dataBytes + dataPad + slots.byteLength;
  const pBytes = 16 + 8 * (d + 1);
  const out = new Uint8Array(pad + uBytes + pBytes);
  const dv = new DataView(out.buffer);
  let at = pad;
  header(dv, at, sizeClass(uBytes), t, 2, d); at += 16;
  for (let i = 0; i < d; i++, at += width) {
    if (width === 8) dv.setBigInt64(at, distinct[i], true); else dv.setInt32(at, Number(distinct[i]), true);
  }
  at += dataPad;
  out.set(new Uint8Array(slots.buffer), at); at += slots.byteLength;
  header(dv, at, sizeClass(pBytes), 7, 0, d + 1); at += 16;
  for (let i = 0; i <= d; i++, at += 8) dv.setBigInt64(at, BigInt(starts[i]), true);
  return out;
}
