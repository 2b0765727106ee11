// q's pattern language (basics/regex.md) for like, ss and ssr: `?` any char,
// `*` any run, `[abc]` `[a-z]` `[^…]` alternatives (inside which ? * are plain
// and `]` first is literal). Patterns and subjects are latin-1 JS strings.

import { QError } from '../errors.js';

/** One position of a pattern: a char class (negated or not), or a star. */
type Unit = { star: true } | { star: false; test: (c: number) => boolean };

export function compile(p: string): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') { out.push({ star: true }); continue; }
    if (c === '?') { out.push({ star: false, test: () => true }); continue; }
    if (c === '[') {
      let j = i + 1;
      const neg = p[j] === '^' && j + 1 < p.length;
      if (neg) j++;
      const start = j;
      // a ']' right after '[' (or '[^') is a member, not the end
      let end = p.indexOf(']', j === start && p[j] === ']' ? j + 1 : j);
      if (end < 0) { out.push(lit(c.charCodeAt(0))); continue; }
      const set = new Set<number>();
      for (let k = start; k < end; k++) {
        if (p[k + 1] === '-' && k + 2 < end) {
          for (let a = p.charCodeAt(k); a <= p.charCodeAt(k + 2); a++) set.add(a);
          k += 2;
        } else set.add(p.charCodeAt(k));
      }
      out.push({ star: false, test: neg ? (x) => !set.has(x) : (x) => set.has(x) });
      i = end;
      continue;
    }
    out.push(lit(c.charCodeAt(0)));
  }
  return out;
}

const lit = (a: number): Unit => ({ star: false, test: (x) => x === a });

/** Whether the whole of s matches the pattern (q's like). */
export function like(s: string, units: Unit[]): boolean {
  // q matches one star anywhere, or a leading and a trailing one around something; more is 'nyi
  const stars = units.filter((u) => u.star).length;
  const ends = units.length > 2 && units[0].star && units[units.length - 1].star;
  if (stars > 2 || (stars === 2 && !ends)) throw new QError('nyi');
  return matchAt(s, 0, units, 0);
}

function matchAt(s: string, i: number, us: Unit[], j: number): boolean {
  for (; j < us.length; j++, i++) {
    const u = us[j];
    if (u.star) {
      for (let k = s.length; k >= i; k--) if (matchAt(s, k, us, j + 1)) return true;
      return false;
    }
    if (i >= s.length || !u.test(s.charCodeAt(i))) return false;
  }
  return i === s.length;
}

/** Start positions of non-overlapping matches of a star-free pattern (q's ss). */
export function find(s: string, units: Unit[]): number[] {
  if (units.length === 0 || units.some((u) => u.star)) throw new QError('length');
  const n = units.length, out: number[] = [];
  for (let i = 0; i + n <= s.length;) {
    let ok = true;
    for (let j = 0; j < n; j++) {
      const u = units[j] as Extract<Unit, { star: false }>;
      if (!u.test(s.charCodeAt(i + j))) { ok = false; break; }
    }
    if (ok) { out.push(i); i += n; } else i++;
  }
  return out;
}
