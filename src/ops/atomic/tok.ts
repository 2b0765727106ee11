// Tok: "J"$"42", -7h$"42" — a string read as an atom of the named type
// (ref/tok.md). Text that is not a value of the type, or is out of its range,
// gives the type's null.

import { mem, alloc, intern } from '../../runtime.js';
import { QTYPES, KB, UU, KG, KH, KI, KJ, KE, KF, KC, KS, KP, KM, KD, KZ, KN, KU, KV, KT } from '../../types.js';

const NS_DAY = 86400000000000n;
const TRUTHY = new Set('txyTXY1');

function daysFrom(y: number, m: number, d: number): number | undefined {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return undefined;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCDate() !== d) return undefined;
  const days = Math.round((t - Date.UTC(2000, 0, 1)) / 86400000);
  return days >= -2147483647 && days <= 2147483647 ? days : undefined;
}

/** yyyy.mm.dd, yyyy-mm-dd or yyyymmdd -> days from 2000.01.01 */
function parseDate(s: string): number | undefined {
  const m = /^(\d{4})[.-]?(\d{2})[.-]?(\d{2})$/.exec(s);
  return m ? daysFrom(+m[1], +m[2], +m[3]) : undefined;
}
/** hh:mm:ss.fffffffff (parts optional from the right) or hhmmss… digits -> ns of the day's span */
function parseTime(s: string): bigint | undefined {
  let m = /^(-)?(\d+):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?$/.exec(s);
  if (!m) {
    const d = /^(\d{2})(\d{2})(\d{2})?(\d{0,9})$/.exec(s);
    if (!d) return undefined;
    m = [s, undefined, d[1], d[2], d[3], d[4]] as unknown as RegExpExecArray;
  }
  const [, neg, h, mi, se, fr] = m;
  if (+mi! > 59 || (se !== undefined && +se > 59)) return undefined;
  const ns = ((BigInt(h!) * 60n + BigInt(mi!)) * 60n + BigInt(se ?? 0)) * 1000000000n + BigInt((fr ?? '').padEnd(9, '0') || '0');
  return neg ? -ns : ns;
}

type Raw = number | bigint;

/** 16 bytes of an IPv6 address (with :: and an optional dotted IPv4 tail); null when malformed. */
function ipv6(s: string): Uint8Array | null {
  const words = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const ps = part.split(':');
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(p);
      if (v4 && i === ps.length - 1) { out.push((+v4[1] << 8) | +v4[2], (+v4[3] << 8) | +v4[4]); continue; }
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
      out.push(parseInt(p, 16));
    }
    return out;
  };
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = words(halves[0]), tail = halves.length === 2 ? words(halves[1]) : [];
  if (!head || !tail) return null;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 0) return null;
  const all = [...head, ...new Array(fill).fill(0), ...tail];
  const b = new Uint8Array(16);
  all.forEach((w, i) => { b[2 * i] = w >> 8; b[2 * i + 1] = w & 255; });
  return b;
}
function special(s: string, t: number): Raw | undefined {
  const q = QTYPES[t]!;
  const lc = s.toLowerCase();
  if (lc === '0n' || s === '') return q.null;
  if (lc === '0w') return q.inf;
  if (lc === '-0w') return q.ninf;
  return undefined;
}

function intText(s: string, lo: bigint, hi: bigint): bigint | undefined {
  if (!/^[-+]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v >= lo && v <= hi ? v : undefined;
}

/** The raw value of string s read as type t (1..19); the null when unreadable. */
export function tokRaw(t: number, text: string): Raw | Uint8Array {
  const s = text.trim();
  const q = QTYPES[t]!;
  const nul = (q.null ?? 0) as Raw;
  switch (t) {
    case KB: return TRUTHY.has(s[0] ?? ' ') ? 1 : 0;
    case UU: {
      const out = new Uint8Array(16);
      const hex = s.replace(/-/g, '');
      if (/^[0-9a-fA-F]{32}$/.test(hex)) for (let i = 0; i < 16; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
      else {
        const ip = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
        if (ip) { out[10] = 255; out[11] = 255; for (let i = 0; i < 4; i++) out[12 + i] = +ip[i + 1] & 255; }
        else if (s.includes(':')) { const v6 = ipv6(s); if (v6) out.set(v6); }
      }
      return out;
    }
    case KG: return /^[0-9a-fA-F]{1,2}$/.test(s) ? parseInt(s, 16) : 0;
    case KC: return s.length ? s.charCodeAt(0) & 255 : 32;
    case KH: case KI: case KJ: {
      const sp = special(s, t);
      if (sp !== undefined) return sp;
      if (t === KI) {
        const ip = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
        if (ip) return ((+ip[1] << 24) | (+ip[2] << 16) | (+ip[3] << 8) | +ip[4]) | 0;
      }
      const w = q.inf as number | bigint;
      const v = intText(s, -BigInt(w), BigInt(w));
      if (v === undefined) return nul;
      return t === KJ ? v : Number(v);
    }
    case KE: case KF: {
      const sp = special(s, t);
      if (sp !== undefined) return sp;
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return NaN;
      return t === KE ? Math.fround(Number(s)) : Number(s);
    }
    case KD: { const sp = special(s, t); if (sp !== undefined) return sp; return parseDate(s) ?? nul; }
    case KM: {
      const sp = special(s, t); if (sp !== undefined) return sp;
      const m = /^(\d{4})[.-]?(\d{2})m?$/.exec(s);
      return m && +m[2] >= 1 && +m[2] <= 12 ? (+m[1] - 2000) * 12 + +m[2] - 1 : nul;
    }
    case KP: case KZ: {
      const sp = special(s, t); if (sp !== undefined) return sp;
      // seconds since 1970 (10 or 11 digits, optional fraction): "P"$"10129708800.123456789"
      const unix = /^(\d{10,11})(?:\.(\d{1,9}))?$/.exec(s);
      if (unix) {
        const ns = (BigInt(unix[1]) - 946684800n) * 1000000000n + BigInt((unix[2] ?? '').padEnd(9, '0'));
        return t === KP ? ns : Number(ns) / 8.64e13;
      }
      const m = /^(\d{8})-(\d.*)$/.exec(s) ?? /^([0-9.-]{8,10})(?:[DT](.*))?$/.exec(s);
      const d = m ? parseDate(m[1]) : undefined;
      const tod = m && m[2] ? parseTime(m[2]) : 0n;
      if (d === undefined || tod === undefined) return nul;
      const ns = BigInt(d) * NS_DAY + tod;
      return t === KP ? ns : Number(ns) / 8.64e13;
    }
    case KN: {
      const sp = special(s, t); if (sp !== undefined) return sp;
      const m = /^(-)?(?:(\d+)D)?(.*)$/s.exec(s)!; // s: a line break inside is bad text (null), not a failed match
      const tod = m[3] === '' && m[2] ? 0n : parseTime(m[3]);
      if (tod === undefined) return nul;
      const ns = BigInt(m[2] ?? 0) * NS_DAY + tod;
      return m[1] ? -ns : ns;
    }
    case KU: case KV: case KT: {
      const sp = special(s, t); if (sp !== undefined) return sp;
      const ns = parseTime(s);
      if (ns === undefined) return nul;
      const unit = t === KU ? 60000000000n : t === KV ? 1000000000n : 1000000n;
      const q2 = ns / unit;
      return q2 >= -2147483647n && q2 <= 2147483647n ? Number(q2) : nul;
    }
  }
  return nul;
}

/** An atom of type t from string s (s: the string's bytes as latin1 text). */
export function tokAtom(t: number, s: string): number {
  if (t === KS) {
    const id = intern(s.trim());
    const p = alloc(-KS, 1);
    mem().i32[(p + 16) >>> 2] = id;
    return p;
  }
  const v = tokRaw(t, s);
  const p = alloc(-t, 1);
  const m = mem(), d = p + 16;
  switch (QTYPES[t]!.storage) {
    case 'U': m.u8.set(v as Uint8Array, d); break;
    case 'G': m.u8[d] = Number(v); break;
    case 'H': m.i16[d >>> 1] = Number(v); break;
    case 'I': m.i32[d >>> 2] = Number(v); break;
    case 'J': m.i64[d >>> 3] = BigInt(v as bigint); break;
    case 'E': m.f32[d >>> 2] = Number(v); break;
    case 'F': m.f64[d >>> 3] = Number(v); break;
  }
  return p;
}
