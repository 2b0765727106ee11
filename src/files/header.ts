// kdb+ file headers, as the files kdb+ writes show them (see the fixtures in
// shared/kdb-file-fixtures and test/files/*.test.ts). Byte layouts:
//
//  simple vector ("fe20"):        0      1      2     3     4..7   8..15      16
//                                 ┌──────┬──────┬─────┬─────┬──────┬──────────┬──────
//                                 │ 0xfe │ 0x20 │  t  │  a  │  0   │ n (i64)  │ items…
//                                 └──────┴──────┴─────┴─────┴──────┴──────────┴──────
//     t 1..19 a simple vector; t 78..96 (77+t) an old-style nested column whose
//     items are i64 end offsets into the raw bytes of the companion `name#` file.
//     Recent kdb+ writes n as 0 when there is no attribute: the count is then
//     the data size over the item width. Attribute index data (p#, u#, g#)
//     follows the items and is ignored on reading.
//
//  4 KiB header ("fd20"):         0..1 0xfd 0x20 │ 16.. domain name, NUL-padded │
//                                 4080 0xfd │ 4081 flag │ 4082 t │ 4083 a │ 4088 n (i64) │ 4096 items…
//     t 20 an enumeration: items are i64 indexes into the domain (a variable,
//     usually `sym`); t 77 an anymap nested column (items are i64 refs into
//     `name#`, symbols in `name##`); t 4 the byte vector of a `name#` file.
//
//  old enumeration:               0 0xfe │ 1.. domain name (NUL-ended) │ 11 a │ 16 n (i64) │ 24 i32 items…
//
//  serialized object ("ff01"):    0xff 0x01, then the object as in a kdb+ IPC
//     message body (no 8-byte message header): atoms, symbol vectors
//     (the `.d` and `sym` files), general lists, dictionaries, tables.
//
//  compressed:                    "kxzipped", blocks, then a trailer (-19!).

export const VEC_HDR = 16;
export const BIG_HDR = 4096;
export const OLD_ENUM_HDR = 24;

export type FileKind =
  | { kind: 'vector'; t: number; attr: number; n: number; data: number; width: number }
  | { kind: 'enum'; domain: string; attr: number; n: number; data: number; width: 4 | 8 }
  | { kind: 'oldnested'; t: number; n: number }
  | { kind: 'anymap'; attr: number; n: number }
  | { kind: 'object' }
  | { kind: 'compressed' };

const dec = new TextDecoder();

function i64At(b: Uint8Array, at: number): number {
  const dv = new DataView(b.buffer, b.byteOffset, b.length);
  const v = dv.getBigInt64(at, true);
  if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('count');
  return Number(v);
}

function cstr(b: Uint8Array, from: number, to: number): string {
  let e = from;
  while (e < to && b[e] !== 0) e++;
  return dec.decode(b.subarray(from, e));
}

const KX = [0x6b, 0x78, 0x7a, 0x69, 0x70, 0x70, 0x65, 0x64]; // "kxzipped"

/** What a file holds, from its first bytes (`head` holds at least 4096 bytes
 *  when the file is that long). Undefined when it is no kdb+ file. */
export function classify(head: Uint8Array, size: number): FileKind | undefined {
  if (size >= 8 && KX.every((c, i) => head[i] === c)) return { kind: 'compressed' };
  if (size < 2) return undefined;
  if (head[0] === 0xff && head[1] === 0x01) return { kind: 'object' };
  if (head[0] === 0xfe && head[1] === 0x20) {
    if (size < VEC_HDR) return undefined;
    const t = head[2], attr = head[3], n = i64At(head, 8);
    if (t >= 78 && t <= 96) return { kind: 'oldnested', t: t - 77, n };
    return { kind: 'vector', t, attr, n, data: VEC_HDR, width: 0 };
  }
  if (head[0] === 0xfd && head[1] === 0x20) {
    if (size < BIG_HDR) return undefined;
    const t = head[4082], attr = head[4083], n = i64At(head, 4088);
    if (t === 20) return { kind: 'enum', domain: cstr(head, 16, 4080), attr, n, data: BIG_HDR, width: 8 };
    if (t === 77) return { kind: 'anymap', attr, n };
    return { kind: 'vector', t, attr, n, data: BIG_HDR, width: 0 };
  }
  if (head[0] === 0xfe && size >= OLD_ENUM_HDR) {
    return { kind: 'enum', domain: cstr(head, 1, 11), attr: head[11], n: i64At(head, 16), data: OLD_ENUM_HDR, width: 4 };
  }
  return undefined;
}

/** The 16-byte header of a simple vector file. Recent kdb+ (and qwasm by
 *  default) writes the count only when the vector has an attribute. */
export function vectorHeader(t: number, attr: number, n: number, withCount: boolean): Uint8Array {
  const h = new Uint8Array(VEC_HDR);
  h[0] = 0xfe; h[1] = 0x20; h[2] = t; h[3] = attr;
  if (withCount || attr) new DataView(h.buffer).setBigInt64(8, BigInt(n), true);
  return h;
}

/** The 4096-byte header of an enumeration, anymap or `#` file. */
export function bigHeader(domain: string, t: number, attr: number, n: number, flag: number, withCount: boolean): Uint8Array {
  const h = new Uint8Array(BIG_HDR);
  h[0] = 0xfd; h[1] = 0x20;
  const name = new TextEncoder().encode(domain);
  if (name.length > 4080 - 17) throw new Error('limit');
  h.set(name, 16);
  h[4080] = 0xfd; h[4081] = flag; h[4082] = t; h[4083] = attr;
  if (withCount || attr) new DataView(h.buffer).setBigInt64(4088, BigInt(n), true);
  return h;
}

/** Writer settings. countAlways: write vector counts even without an
 *  attribute, as kdb+ before 3.6 did (older readers need it). */
export const writeOptions = { countAlways: false };
