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
// enumeration and the i32 ones of the old layout, ints and longs read signed).
// GUESSED, for want of a fixture (no public kdb+ file has a p#/u# column of
// another type): every other type is hashed by its stored bits as an integer
// of its width: floats and reals by their bit pattern (signed, as ints and
// longs), shorts signed, bytes, chars and booleans unsigned, guids by their
// first 8 bytes; two items are the same value when their bits are. A reader
// never trusts this index (object.ts reads the count from the header and
// ignores what follows the items; the in-memory index is rebuilt on use).
//
// g# (attribute 4): no fixture and no page shows what kdb+ writes after the
// items, so a g# column is written with its attribute byte and count and no
// index at all (GUESSED); on read the attribute is kept and the in-memory
// hash index is built when first used, whatever kdb+ put after the items.

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

/** u# index bytes for the n items (all distinct) in raw, each `width` bytes. */
export function uniqueIndex(raw: Uint8Array, n: number, width: number): Uint8Array {
  const hash = hashKeys(raw, width);
  return new Uint8Array(uniqueSlots(Array.from({ length: n }, (_, i) => hash(i))).buffer);
}

/** The hash input of item i of raw items of `width` bytes (see above: proved
 *  for widths 4 and 8 of integers, guessed for the rest). */
export function hashKeys(raw: Uint8Array, width: number): (i: number) => bigint {
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  switch (width) {
    case 1: return (i) => BigInt(raw[i]);
    case 2: return (i) => BigInt(dv.getInt16(2 * i, true));
    case 4: return (i) => BigInt(dv.getInt32(4 * i, true));
    default: return (i) => dv.getBigInt64(width * i, true);
  }
}

/** p# index bytes for the n items in raw (each `width` bytes, type t) whose
 *  data ends at file offset `end`; undefined when the items are not parted
 *  (a value in two runs). */
export function partedIndex(raw: Uint8Array, n: number, t: number, width: number, end: number): Uint8Array | undefined {
  const hash = hashKeys(raw, width);
  // the value of an item: its bits (a guid's 16 bytes do not fit the hash input)
  const key: (i: number) => bigint | string = width === 16
    ? (i) => String.fromCharCode(...raw.subarray(16 * i, 16 * i + 16)) : hash;
  const firsts: number[] = [], starts: number[] = [];
  const seen = new Set<bigint | string>();
  let last: bigint | string | undefined;
  for (let i = 0; i < n; i++) {
    const v = key(i);
    if (i > 0 && v === last) continue;
    if (seen.has(v)) return undefined;
    seen.add(v); last = v; firsts.push(i); starts.push(i);
  }
  starts.push(n);
  const d = firsts.length;
  const pad = (((8 - end) % 16) + 16) % 16;
  const slots = uniqueSlots(firsts.map(hash));
  const dataBytes = width * d, dataPad = (8 - (dataBytes % 8)) % 8;
  const uBytes = 16 + dataBytes + dataPad + slots.byteLength;
  const pBytes = 16 + 8 * (d + 1);
  const out = new Uint8Array(pad + uBytes + pBytes);
  const dv = new DataView(out.buffer);
  let at = pad;
  header(dv, at, sizeClass(uBytes), t, 2, d); at += 16;
  for (let i = 0; i < d; i++, at += width) out.set(raw.subarray(width * firsts[i], width * firsts[i] + width), at);
  at += dataPad;
  out.set(new Uint8Array(slots.buffer), at); at += slots.byteLength;
  header(dv, at, sizeClass(pBytes), 7, 0, d + 1); at += 16;
  for (let i = 0; i <= d; i++, at += 8) dv.setBigInt64(at, BigInt(starts[i]), true);
  return out;
}
