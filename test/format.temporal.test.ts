// Temporal text against an independent calendar (JS Date) over a wide range.
import { describe, expect, test } from 'vitest';
import { dateText, monthText, timestampText } from '../src/format/temporal.js';

const DAY = 86400000;
const EPOCH_2000 = Date.UTC(2000, 0, 1);
const viaDate = (d: number): string => {
  const t = new Date(EPOCH_2000 + d * DAY);
  const y = t.getUTCFullYear();
  return String(y).padStart(4, '0') + '.' + String(t.getUTCMonth() + 1).padStart(2, '0') + '.' + String(t.getUTCDate()).padStart(2, '0');
};

describe('dates', () => {
  test('every 97th day from 0001.01.01 to 9999.12.31 agrees with Date', () => {
    for (let d = -730119; d <= 2921939; d += 97) expect(dateText(d)).toBe(viaDate(d));
    expect(dateText(2921939)).toBe('9999.12.31');
    expect(dateText(2921940)).toBe('0000.00.00');
  });
  test('months', () => {
    expect(monthText(0)).toBe('2000.01');
    expect(monthText(-13)).toBe('1998.12');
    expect(monthText(23)).toBe('2001.12');
  });
  test('timestamps before 2000 floor to the previous day', () => {
    expect(timestampText(-86400000000000n)).toBe('1999.12.31D00:00:00.000000000');
    expect(timestampText(-86400000000001n)).toBe('1999.12.30D23:59:59.999999999');
    expect(timestampText(1n)).toBe('2000.01.01D00:00:00.000000001');
  });
});
