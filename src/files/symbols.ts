// Symbol lists and atoms in "ff01" files: the `.d` column lists, the `sym`
// enumeration domains and small serialized atoms. These are read and written
// here rather than by the IPC codec because kdb+ files bend the message rules:
// a `sym` file keeps the count it was created with while .Q.en appends names,
// and recent kdb+ writes a symbol vector's count as 0. So the names run to the
// end of the file, whatever the count says.

import { QError } from '../errors.js';
import { alloc, mem, intern, symbol } from '../runtime.js';
import { K } from '../k.js';
import { QTYPES } from '../types.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Names of a serialized symbol vector at body offset 0 (type 11). */
export function symbolNames(body: Uint8Array): string[] {
  if (body.length < 6 || body[0] !== 11) throw new QError('type');
  const out: string[] = [];
  let i = 6;
  while (i < body.length) {
    let e = i;
    while (e < body.length && body[e] !== 0) e++;
    if (e === body.length) throw new QError('length'); // a name cut short
    out.push(dec.decode(body.subarray(i, e)));
    i = e + 1;
  }
  return out;
}

/** The attribute byte of a serialized vector. */
export function bodyAttr(body: Uint8Array): number { return body[1] ?? 0; }

/** A symbol vector file's bytes (ff01 included). withCount: write the count
 *  (kdb+ before 4.0 did; recent kdb+ writes 0 unless there is an attribute). */
export function symbolFile(names: string[], attr: number, withCount: boolean): Uint8Array {
  const parts = names.map((s) => enc.encode(s));
  let n = 8;
  for (const p of parts) n += p.length + 1;
  const out = new Uint8Array(n);
  out[0] = 0xff; out[1] = 0x01; out[2] = 11; out[3] = attr;
  if (withCount || attr) new DataView(out.buffer).setInt32(4, names.length, true);
  let o = 8;
  for (const p of parts) {
    if (p.includes(0)) throw new QError('type');
    out.set(p, o); o += p.length + 1;
  }
  return out;
}

/** The names appended to a sym file by .Q.en: NUL-terminated, no header. */
export function symbolTail(names: string[]): Uint8Array {
  const parts = names.map((s) => enc.encode(s));
  let n = 0;
  for (const p of parts) n += p.length + 1;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length + 1; }
  return out;
}

/** A serialized atom (types -1..-19) as a new K, or undefined for any other body. */
export function atomFromBody(body: Uint8Array): K | undefined {
  const t = (body[0] << 24) >> 24;
  if (t >= 0 || t < -19 || !QTYPES[-t]) return undefined;
  if (t === -11) {
    let e = 1;
    while (e < body.length && body[e] !== 0) e++;
    if (e === body.length) throw new QError('length');
    const id = intern(dec.decode(body.subarray(1, e)));
    const p = alloc(-11, 1);
    mem().i32[(p + 16) >>> 2] = id;
    return new K(p);
  }
  const w = QTYPES[-t]!.width;
  if (body.length < 1 + w) throw new QError('length');
  const p = alloc(t, 1);
  mem().u8.set(body.subarray(1, 1 + w), p + 16);
  return new K(p);
}

/** ff01 + a serialized atom. */
export function atomFile(x: K): Uint8Array {
  const t = x.type;
  if (t === -11) {
    const s = enc.encode(symbol(mem().i32[(x.ptr + 16) >>> 2]));
    const out = new Uint8Array(3 + s.length + 1);
    out[0] = 0xff; out[1] = 0x01; out[2] = 0xf5; out.set(s, 3);
    return out;
  }
  const w = QTYPES[-t]!.width;
  const out = new Uint8Array(3 + w);
  out[0] = 0xff; out[1] = 0x01; out[2] = t & 0xff;
  out.set(mem().u8.subarray(x.ptr + 16, x.ptr + 16 + w), 3);
  return out;
}
