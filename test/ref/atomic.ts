// Plain TypeScript reference for the atomic kernels: values are raw stored
// numbers (bigint for the J class), one array per operand, atoms broadcast.
// Written from the q reference's rules, independently of the wasm kernels.

export type Cls = 'G' | 'H' | 'I' | 'J' | 'E' | 'F';
export type Raw = number | bigint;

export const NUL: Record<Cls, Raw> = { G: 0, H: -32768, I: -2147483648, J: -(2n ** 63n), E: NaN, F: NaN };
export const INF: Record<Cls, Raw> = { G: 255, H: 32767, I: 2147483647, J: 2n ** 63n - 1n, E: Infinity, F: Infinity };
const BITS: Record<string, number> = { G: 8, H: 16, I: 32 };
const isF = (c: Cls) => c === 'E' || c === 'F';
export const isNul = (c: Cls, v: Raw): boolean => (c === 'G' ? false : isF(c) ? Number.isNaN(v as number) : v === NUL[c]);

/** Wraps an exact integer to the class (two's complement), floats rounded to the class. */
export function wrap(c: Cls, v: Raw): Raw {
  if (c === 'J') return BigInt.asIntN(64, BigInt(v));
  if (c === 'E') return Math.fround(Number(v));
  if (c === 'F') return Number(v);
  if (c === 'G') return Number(BigInt.asUintN(8, BigInt(v)));
  return Number(BigInt.asIntN(BITS[c], BigInt(v)));
}

const roundAway = (f: number) => (f < 0 ? -Math.floor(-f + 0.5) : Math.floor(f + 0.5));
const TWO63 = 9223372036854775808;

/** Numeric cast between classes (the `$` bit-pattern rule, nulls to nulls). */
export function castRaw(from: Cls, to: Cls, v: Raw): Raw {
  if (from === to) return v;
  if (isF(from)) {
    const f = v as number;
    if (isF(to)) return wrap(to, f);
    if (to === 'G') {
      if (Number.isNaN(f)) return 0;
      const g = roundAway(f);
      const s = g >= TWO63 ? 2n ** 63n - 1n : g <= -TWO63 ? -(2n ** 63n) : BigInt(g);
      return Number(BigInt.asUintN(8, s));
    }
    if (Number.isNaN(f)) return NUL[to];
    if (f === Infinity) return INF[to];
    if (f === -Infinity) return to === 'J' ? -(INF.J as bigint) : -(INF[to] as number);
    const g = roundAway(f);
    const m = to === 'J' ? TWO63 : (INF[to] as number);
    if (g > m || g < -m) return NUL[to];
    if (to === 'J') return g >= TWO63 ? INF.J : BigInt(g);
    return g;
  }
  if (from === 'G') return isF(to) ? Number(v) : to === 'J' ? BigInt(v) : Number(v);
  if (to === 'G') return wrap('G', v);
  if (v === NUL[from]) return NUL[to];
  if (isF(to)) return wrap(to, Number(v));
  return wrap(to, v);
}

export const toBool = (v: Raw): number => (typeof v === 'bigint' ? (v !== 0n ? 1 : 0) : (v !== 0 ? 1 : 0));

// dyads -------------------------------------------------------------------------

export type Op2 = 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max' | 'fill' | 'idiv' | 'mod' | 'xexp' | 'xlog';

function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && ((a < 0n) !== (b < 0n))) ? q - 1n : q;
}
function floorModBig(a: bigint, b: bigint): bigint {
  const m = a % b;
  return (m !== 0n && ((m < 0n) !== (b < 0n))) ? m + b : m;
}

/** One item of x op y in class c (operands already promoted to c). */
export function bin(op: Op2, c: Cls, a: Raw, b: Raw, fillNull?: Raw): Raw {
  switch (op) {
    case 'add': case 'sub': case 'mul': {
      if (isF(c)) {
        const x = a as number, y = b as number;
        return wrap(c, op === 'add' ? x + y : op === 'sub' ? x - y : x * y);
      }
      if (isNul(c, a) || isNul(c, b)) return NUL[c];
      const x = BigInt(a), y = BigInt(b);
      return wrap(c, op === 'add' ? x + y : op === 'sub' ? x - y : x * y);
    }
    case 'div': return (a as number) / (b as number);
    case 'min':
      if (isF(c)) { const x = a as number, y = b as number; return Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y) === x ? x : y; }
      return a < b ? a : b;
    case 'max':
      if (isF(c)) { const x = a as number, y = b as number; if (Number.isNaN(y)) return x; if (Number.isNaN(x)) return y; return x > y ? x : y; }
      return a > b ? a : b;
    case 'fill': {
      const nul = fillNull !== undefined ? (Number.isNaN(fillNull as number) ? Number.isNaN(b as number) : b === fillNull) : isNul(c, b);
      return nul ? a : b;
    }
    case 'idiv': {
      if (isF(c)) return Math.floor((a as number) / (b as number));
      if (isNul(c, a) || isNul(c, b) || BigInt(b) === 0n) return NUL[c];
      return wrap(c, floorDivBig(BigInt(a), BigInt(b)));
    }
    case 'mod': {
      if (isF(c)) { const x = a as number, y = b as number; return y === 0 ? x : x - y * Math.floor(x / y); }
      if (isNul(c, a) || isNul(c, b)) return NUL[c];
      if (BigInt(b) === 0n) return a;
      return wrap(c, floorModBig(BigInt(a), BigInt(b)));
    }
    case 'xexp': { const x = a as number, y = b as number; return x < 0 || Number.isNaN(x) ? NaN : y === 0 ? 1 : Math.exp(y * Math.log(x)); }
    case 'xlog': return Math.log(b as number) / Math.log(a as number);
  }
}

export type Cmp = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge';
const TOL = 2 ** -43;
/** q's tolerant float equality (basics/precision.md): equal within 2^-43 relative, nulls equal. */
export function feq(a: number, b: number): boolean {
  if (a === b) return true;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  const d = Math.abs(a - b);
  return d !== Infinity && d <= TOL * Math.max(Math.abs(a), Math.abs(b));
}
function flt(a: number, b: number): boolean {
  if (feq(a, b)) return false;
  if (Number.isNaN(a)) return true;
  if (Number.isNaN(b)) return false;
  return a < b;
}
export function cmp(op: Cmp, float: boolean, a: Raw, b: Raw): number {
  let r: boolean;
  if (float) {
    const x = a as number, y = b as number;
    r = op === 'eq' ? feq(x, y) : op === 'ne' ? !feq(x, y) : op === 'lt' ? flt(x, y) : op === 'gt' ? flt(y, x)
      : op === 'le' ? !flt(y, x) : !flt(x, y);
  } else {
    r = op === 'eq' ? a === b : op === 'ne' ? a !== b : op === 'lt' ? a < b : op === 'gt' ? a > b : op === 'le' ? a <= b : a >= b;
  }
  return r ? 1 : 0;
}

// monads -----------------------------------------------------------------------------

export function neg(c: Cls, v: Raw): Raw { return isF(c) ? wrap(c, -(v as number)) : wrap(c, -BigInt(v)); }
export function abs(c: Cls, v: Raw): Raw {
  if (isF(c)) return Math.abs(v as number);
  const b = BigInt(v);
  return wrap(c, b < 0n ? -b : b);
}
export function signum(c: Cls, v: Raw): number {
  if (isF(c)) { const x = v as number; return x > 0 ? 1 : x === 0 ? 0 : -1; }
  return v > 0 ? 1 : BigInt(v) === 0n ? 0 : -1;
}
export const not = (v: Raw): number => (typeof v === 'bigint' ? (v === 0n ? 1 : 0) : (v === 0 ? 1 : 0));
export const FNS: Record<string, (x: number) => number> = {
  sqrt: Math.sqrt, exp: Math.exp, log: Math.log, sin: Math.sin, cos: Math.cos, tan: Math.tan,
  asin: Math.asin, acos: Math.acos, atan: Math.atan, reciprocal: (x) => 1 / x,
};
export function roundJ(ceil: boolean, v: number): bigint {
  if (Number.isNaN(v)) return NUL.J as bigint;
  const f = ceil ? Math.ceil(v) : Math.floor(v);
  if (f >= TWO63) return INF.J as bigint;
  if (f <= -TWO63) return -(INF.J as bigint);
  return BigInt(f);
}

// temporal ---------------------------------------------------------------------------

/** days since 2000.01.01 -> months since 2000.01, via JS Date (UTC). */
export function d2m(d: number): number {
  if (d === NUL.I || d === INF.I || d === -(INF.I as number)) return d;
  const t = new Date(Date.UTC(2000, 0, 1) + d * 86400000);
  return (t.getUTCFullYear() - 2000) * 12 + t.getUTCMonth();
}
export function m2d(m: number): number {
  if (m === NUL.I || m === INF.I || m === -(INF.I as number)) return m;
  const y = 2000 + Math.floor(m / 12), mo = ((m % 12) + 12) % 12;
  const t = new Date(0);
  t.setUTCFullYear(y, mo, 1);
  t.setUTCHours(0, 0, 0, 0);
  return Math.round((t.getTime() - Date.UTC(2000, 0, 1)) / 86400000);
}
/** x*k (finer unit) or floor((x mod day)/k) (coarser), nulls and infinities kept. */
export function tscale(from: Cls, to: Cls, v: Raw, mul: bigint, div: bigint, day: bigint): Raw {
  if (v === NUL[from]) return NUL[to];
  if (v === INF[from]) return INF[to];
  if (from === 'J' ? v === -(INF.J as bigint) : v === -(INF[from] as number)) return to === 'J' ? -(INF.J as bigint) : -(INF[to] as number);
  let b = BigInt(v) * mul;
  if (div === 1n && !day) {
    const lim = BigInt(INF[to] as number | bigint) / mul;
    if (BigInt(v) > lim) return INF[to];
    if (BigInt(v) < -lim) return to === 'J' ? -(INF.J as bigint) : -(INF[to] as number);
  }
  if (day) b = floorModBig(b, day);
  return wrap(to, floorDivBig(b, div));
}

/** Integral temporal units -> datetime (days): nulls and infinities kept. */
export function toDatetime(from: Cls, v: Raw, perDay: number): number {
  if (v === NUL[from]) return NaN;
  if (v === INF[from]) return Infinity;
  if (from === 'J' ? v === -(INF.J as bigint) : v === -(INF[from] as number)) return -Infinity;
  return Number(v) / perDay;
}
