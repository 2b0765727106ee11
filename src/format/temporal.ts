// Text of finite temporal values, as q stores them (counts from 2000.01.01).
// Null and infinity sentinels are handled by the caller (./item.ts).

const p2 = (n: number): string => (n < 10 ? '0' + n : '' + n);
const p3 = (n: number): string => (n < 10 ? '00' + n : n < 100 ? '0' + n : '' + n);
const p4 = (n: number): string => (n < 10 ? '000' + n : n < 100 ? '00' + n : n < 1000 ? '0' + n : '' + n);

/** Days from 2000.01.01 to yyyy.mm.dd (proleptic Gregorian); outside 0001..9999 q prints 0000.00.00. */
export function dateText(d: number): string {
  if (!Number.isFinite(d)) return '0000.00.00'; // a datetime past ±2e300 days overflows to ±infinity milliseconds
  // civil_from_days (H. Hinnant), shifted to the 2000.03.01 era boundary.
  const z = d + 730425; // days from 0000.03.01 to 2000.01.01 (719468 + 10957)
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) return '0000.00.00';
  return p4(year) + '.' + p2(month) + '.' + p2(day);
}

/** Months from 2000.01 to yyyy.mm. */
export function monthText(m: number): string {
  const y = 2000 + Math.floor(m / 12);
  const mo = m - Math.floor(m / 12) * 12 + 1;
  if (y < 1 || y > 9999) return '0000.00';
  return p4(y) + '.' + p2(mo);
}

/** Minutes to hh:mm (hours may exceed 24; negative values get a leading -). */
export function minuteText(u: number): string {
  if (u < 0) return '-' + minuteText(-u);
  return p2(Math.floor(u / 60)) + ':' + p2(u % 60);
}

/** Seconds to hh:mm:ss. */
export function secondText(v: number): string {
  if (v < 0) return '-' + secondText(-v);
  return p2(Math.floor(v / 3600)) + ':' + p2(Math.floor(v / 60) % 60) + ':' + p2(v % 60);
}

/** Milliseconds to hh:mm:ss.mmm. */
export function timeText(t: number): string {
  if (t < 0) return '-' + timeText(-t);
  const s = Math.floor(t / 1000);
  return p2(Math.floor(s / 3600)) + ':' + p2(Math.floor(s / 60) % 60) + ':' + p2(s % 60) + '.' + p3(t % 1000);
}

const NS_DAY = 86400000000000n;

/** Nanoseconds within a day (0 <= ns < 86400e9, exact in a double) to hh:mm:ss.nnnnnnnnn. */
function nanosOfDay(ns: number): string {
  const s = Math.floor(ns / 1e9);
  const f = ns - s * 1e9;
  return p2(Math.floor(s / 3600)) + ':' + p2(Math.floor(s / 60) % 60) + ':' + p2(s % 60) + '.' + ('' + f).padStart(9, '0');
}

// Timestamps in a vector usually share their day: remember the last one.
let lastDay = NaN;
let lastDayText = '';

/** Timestamp: nanoseconds from 2000.01.01D00:00 to yyyy.mm.ddDhh:mm:ss.nnnnnnnnn. */
export function timestampText(p: bigint): string {
  let days = Number(p / NS_DAY);
  let rem = Number(p % NS_DAY);
  if (rem < 0) {
    rem += 86400000000000;
    days -= 1;
  }
  if (days !== lastDay) {
    lastDay = days;
    lastDayText = dateText(days);
  }
  return lastDayText + 'D' + nanosOfDay(rem);
}

/** Timespan: nanoseconds to [-]dDhh:mm:ss.nnnnnnnnn. */
export function timespanText(n: bigint): string {
  if (n < 0n) return '-' + timespanText(-n);
  return '' + n / NS_DAY + 'D' + nanosOfDay(Number(n % NS_DAY));
}

/** Datetime: float days from 2000.01.01 to yyyy.mm.ddThh:mm:ss.mmm (rounded to the millisecond). */
export function datetimeText(z: number): string {
  const ms = Math.round(z * 86400000);
  const days = Math.floor(ms / 86400000);
  const date = dateText(days);
  if (date === '0000.00.00') return '0000.00.00T00:00:00.000';
  return date + 'T' + timeText(ms - days * 86400000);
}
