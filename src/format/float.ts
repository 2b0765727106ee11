// Float text as kdb+ prints it: C printf "%.*g" with \P significant digits
// (P = 0 means 17), rounding exact ties to even as glibc does.
// Returns the bare number text: no type suffix, no null/infinity handling.

/** printf("%.*g", p, x) for finite x, 1 <= p <= 17. */
export function fmtG(x: number, p: number): string {
  const neg = x < 0 || Object.is(x, -0);
  const a = neg ? -x : x;
  let m: string; // p significant digits, no dot
  let e: number; // decimal exponent of the first digit
  if (a === 0) {
    m = '0'.repeat(p);
    e = 0;
  } else {
    const s = a.toExponential(p - 1); // "d.ddde+X", ties rounded away from zero
    const ei = s.indexOf('e');
    m = p === 1 ? s.slice(0, ei) : s[0] + s.slice(2, ei);
    e = +s.slice(ei + 1);
    const fixed = tieToEven(a, p);
    if (fixed !== null) {
      m = fixed.m;
      e = fixed.e;
    }
  }
  let out: string;
  if (e < -4 || e >= p) {
    let frac = stripZeros(m.slice(1));
    const ae = e < 0 ? -e : e;
    out = m[0] + (frac ? '.' + frac : '') + (e < 0 ? 'e-' : 'e+') + (ae < 10 ? '0' + ae : '' + ae);
  } else if (e >= 0) {
    const frac = stripZeros(m.slice(e + 1));
    out = m.slice(0, e + 1) + (frac ? '.' + frac : '');
  } else {
    const frac = stripZeros('0'.repeat(-e - 1) + m);
    out = frac ? '0.' + frac : '0';
  }
  return neg ? '-' + out : out;
}

function stripZeros(s: string): string {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 48) n--;
  return n === s.length ? s : s.slice(0, n);
}

/**
 * JS rounds an exact decimal tie away from zero; printf rounds it to even.
 * A tie needs the value to be exactly representable with p+1 significant
 * digits ending in 5, so the cheap test (round trip of the p+1 digit text)
 * filters almost every value before the exact 100-digit expansion is read.
 */
function tieToEven(a: number, p: number): { m: string; e: number } | null {
  const t = a.toExponential(p); // p+1 significant digits
  const ei = t.indexOf('e');
  if (t.charCodeAt(ei - 1) !== 53 /* '5' */ || Number(t) !== a) return null;
  const full = a.toExponential(100);
  const fe = full.indexOf('e');
  const digits = full[0] + full.slice(2, fe); // 101 digits
  if (digits.charCodeAt(p) !== 53) return null;
  for (let i = p + 1; i < digits.length; i++) if (digits.charCodeAt(i) !== 48) return null;
  const last = digits.charCodeAt(p - 1) - 48;
  if ((last & 1) === 1) return null; // odd: away-from-zero already lands on even
  return { m: digits.slice(0, p), e: +full.slice(fe + 1) };
}

/** Significant digits for a \P setting (0 means maximum, 17). */
export function digitsFor(precision: number): number {
  return precision === 0 ? 17 : precision;
}
