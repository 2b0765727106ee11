// q temporals <-> Arrow temporals, exact or an error, never a wrong time.
//
// q stores days/ns/… from 2000.01.01; Arrow counts from 1970.01.01. An item is
// mapped as arrow = q * scale + shift, with q's nulls as Arrow nulls and q's
// infinities as the Arrow type's extreme values (0W -> max, -0W -> -max). A
// finite q item whose shifted value would reach those extremes (a timestamp
// after 2262.04.11, where Arrow's int64 nanoseconds from 1970 end) raises
// 'domain rather than wrap or collide with infinity.

import { QError } from '../index.js';
import { isValid } from './model.js';

export const OFFSET_DAYS = 10957;
export const OFFSET_NS = 946684800000000000n;
const MAX32 = 2147483647;
const MAX64 = 9223372036854775807n;
const NULL32 = -2147483648;
const NULL64 = -9223372036854775808n;

/** q int32 items -> Arrow int32 items (nulls: validity only; their slot is 0). */
export function shift32(src: Int32Array, scale: number, shift: number): Int32Array {
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const x = src[i];
    if (x === NULL32) continue;
    if (x === MAX32 || x === -MAX32) { out[i] = x; continue; }
    const y = x * scale + shift;
    if (y >= MAX32 || y <= -MAX32) throw new QError('domain');
    out[i] = y;
  }
  return out;
}

/** Arrow int32 items -> q int32 items; y = x * scale + shift must hold exactly. */
export function unshift32(src: Int32Array, valid: Uint8Array | undefined, scale: number, shift: number): Int32Array {
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    if (!isValid(valid, i)) { out[i] = NULL32; continue; }
    const y = src[i];
    if (y === MAX32 || y === -MAX32) { out[i] = y; continue; }
    const x = (y - shift) / scale;
    if (!Number.isInteger(x) || x >= MAX32 || x <= -MAX32) throw new QError('domain');
    out[i] = x;
  }
  return out;
}

export function shift64(src: BigInt64Array, scale: bigint, shift: bigint): BigInt64Array {
  if (scale === 1n) return add64(src, undefined, shift);
  const out = new BigInt64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const x = src[i];
    if (x === NULL64) continue;
    if (x === MAX64 || x === -MAX64) { out[i] = x; continue; }
    const y = x * scale + shift;
    if (y >= MAX64 || y <= -MAX64) throw new QError('domain');
    out[i] = y;
  }
  return out;
}

/** Arrow int64 items -> q int64 items: x = (y * mul - shift) / div, exactly
 *  (div > 1 undoes shift64's scale; mul > 1 reads a coarser foreign unit). */
export function unshift64(src: BigInt64Array, valid: Uint8Array | undefined, mul: bigint, shift: bigint, div = 1n): BigInt64Array {
  if (mul === 1n && div === 1n) return add64(src, valid, -shift);
  const out = new BigInt64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    if (!isValid(valid, i)) { out[i] = NULL64; continue; }
    const y = src[i];
    if (y === MAX64 || y === -MAX64) { out[i] = y; continue; }
    const d = y * mul - shift;
    if (d % div !== 0n) throw new QError('domain');
    const x = d / div;
    if (x >= MAX64 || x <= -MAX64) throw new QError('domain');
    out[i] = x;
  }
  return out;
}

// Months: calendar months from 2000.01 <-> Arrow date32 (days from 1970) of the 1st.
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400), yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function monthsToDays(src: Int32Array): Int32Array {
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const x = src[i];
    if (x === NULL32) continue;
    if (x === MAX32 || x === -MAX32) { out[i] = x; continue; }
    const y = 2000 + Math.floor(x / 12), m = x - Math.floor(x / 12) * 12 + 1;
    const d = daysFromCivil(y, m, 1);
    if (d >= MAX32 || d <= -MAX32) throw new QError('domain');
    out[i] = d;
  }
  return out;
}

export function daysToMonths(src: Int32Array, valid: Uint8Array | undefined): Int32Array {
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    if (!isValid(valid, i)) { out[i] = NULL32; continue; }
    const y = src[i];
    if (y === MAX32 || y === -MAX32) { out[i] = y; continue; }
    const date = new Date(y * 86400000);
    if (Number.isNaN(date.getTime()) || date.getUTCDate() !== 1) throw new QError('domain');
    out[i] = (date.getUTCFullYear() - 2000) * 12 + date.getUTCMonth();
  }
  return out;
}

/**
 * y = x + shift over int64 items in 32-bit halves (BigInt per item is ~20x
 * slower), with the same rules as shift64/unshift64: null (or an invalid item
 * when `valid` is given) -> null, ±max -> ±max, a result that reaches ±max or
 * null -> 'domain.
 */
function add64(src: BigInt64Array, valid: Uint8Array | undefined, shift: bigint): BigInt64Array {
  const n = src.length, out = new BigInt64Array(n);
  const lo = new Uint32Array(src.buffer, src.byteOffset, 2 * n), hi = new Int32Array(src.buffer, src.byteOffset, 2 * n);
  const olo = new Uint32Array(out.buffer), ohi = new Int32Array(out.buffer);
  const sLo = Number(BigInt.asUintN(32, shift)), sHi = Number(BigInt.asIntN(32, shift >> 32n));
  for (let i = 0; i < n; i++) {
    const l = lo[2 * i], h = hi[2 * i + 1];
    const isNull = h === -0x80000000 && l === 0;
    if (valid ? !isValid(valid, i) : isNull) { ohi[2 * i + 1] = -0x80000000; continue; }
    if ((h === 0x7fffffff && l === 0xffffffff) || (h === -0x80000000 && l === 1)) { olo[2 * i] = l; ohi[2 * i + 1] = h; continue; }
    if (isNull) throw new QError('domain'); // a valid item that is q's null pattern
    let rl = l + sLo, carry = 0;
    if (rl >= 0x100000000) { rl -= 0x100000000; carry = 1; }
    const rh = h + sHi + carry;
    if (rh > 0x7fffffff || rh < -0x80000000) throw new QError('domain');
    if ((rh === 0x7fffffff && rl === 0xffffffff) || (rh === -0x80000000 && rl <= 1)) throw new QError('domain');
    olo[2 * i] = rl; ohi[2 * i + 1] = rh;
  }
  return out;
}
