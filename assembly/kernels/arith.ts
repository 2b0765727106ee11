// arith kernels: x op y over storage classes, atom⊕vector by stride 0.
//
//   op_C(x, sx, y, sy, r, n)   x, y, r data pointers; sx, sy 1 for a vector, 0 for an atom
//
// One @inline template per family (BIN for + - * % & | ^, DIVMOD for div/mod,
// POWLOG for xexp/xlog), instantiated per storage class: G=u8 H=i16 I=i32 J=i64
// E=f32 F=f64. Exports: add_ sub_ mul_ div_ lesser_ greater_ fill_ idiv_ mod_
// xexp_ xlog_ (& and | are lesser_/greater_: min_/max_ are the aggregates).
// Nulls are the smallest values, so & keeps a null and | drops it.
// Operands arrive already promoted to the kernel's class (src/ops/atomic.ts).
// Integer + - * propagate nulls (q checks for nulls, then wraps); floats are IEEE.

const ADD = 0, SUB = 1, MUL = 2, DIV = 3, MIN = 4, MAX = 5, FIL = 6;

/** q null of a storage class (the minimum integer, NaN for floats, 0 for u8). */
@inline export function NUL<T>(): T {
  if (isFloat<T>()) return <T>NaN;
  if (sizeof<T>() == 8) return <T>0x8000000000000000;
  if (sizeof<T>() == 4) return <T>0x80000000;
  if (sizeof<T>() == 2) return <T>0x8000;
  return <T>0;
}
/** q positive infinity of a storage class (0W, 0w). */
@inline export function INF<T>(): T {
  if (isFloat<T>()) return <T>Infinity;
  if (sizeof<T>() == 8) return <T>0x7fffffffffffffff;
  if (sizeof<T>() == 4) return <T>0x7fffffff;
  if (sizeof<T>() == 2) return <T>0x7fff;
  return <T>0xff;
}
@inline export function ISNUL<T>(a: T): bool {
  if (isFloat<T>()) return a != a;
  return a == NUL<T>();
}

@inline function SOP<T>(op: i32, a: T, b: T): T {
  if (op == ADD) { if (isFloat<T>()) return a + b; return ISNUL<T>(a) || ISNUL<T>(b) ? NUL<T>() : <T>(a + b); }
  if (op == SUB) { if (isFloat<T>()) return a - b; return ISNUL<T>(a) || ISNUL<T>(b) ? NUL<T>() : <T>(a - b); }
  if (op == MUL) { if (isFloat<T>()) return a * b; return ISNUL<T>(a) || ISNUL<T>(b) ? NUL<T>() : <T>(a * b); }
  if (op == DIV) return a / b;
  if (op == MIN) { if (isFloat<T>()) return a < b || a != a ? a : b; return a < b ? a : b; }
  if (op == MAX) { if (isFloat<T>()) return a > b || b != b ? a : b; return a > b ? a : b; }
  // FIL: y with its nulls replaced by x
  return ISNUL<T>(b) ? a : b;
}

/** Lanes where a (when CA) or b (when CB) is null; an atom operand was checked once outside the loop. */
@inline function NULMASK<T>(a: v128, b: v128, CA: bool, CB: bool): v128 {
  const nv = v128.splat<T>(NUL<T>());
  if (CA && CB) return v128.or(v128.eq<T>(a, nv), v128.eq<T>(b, nv));
  return CA ? v128.eq<T>(a, nv) : v128.eq<T>(b, nv);
}

@inline function VOP<T>(op: i32, a: v128, b: v128, CA: bool, CB: bool): v128 {
  if (op == ADD) { const s = v128.add<T>(a, b); if (isFloat<T>()) return s; return v128.bitselect(v128.splat<T>(NUL<T>()), s, NULMASK<T>(a, b, CA, CB)); }
  if (op == SUB) { const s = v128.sub<T>(a, b); if (isFloat<T>()) return s; return v128.bitselect(v128.splat<T>(NUL<T>()), s, NULMASK<T>(a, b, CA, CB)); }
  if (op == MUL) { if (sizeof<T>() == 1) return a; const s = v128.mul<T>(a, b); if (isFloat<T>()) return s; return v128.bitselect(v128.splat<T>(NUL<T>()), s, NULMASK<T>(a, b, CA, CB)); }
  if (op == DIV) { if (isFloat<T>()) return v128.div<T>(a, b); return a; }
  if (op == MIN) {
    if (isFloat<T>()) return v128.bitselect(a, b, v128.or(v128.lt<T>(a, b), v128.ne<T>(a, a)));
    if (sizeof<T>() == 8) return v128.bitselect(a, b, v128.lt<T>(a, b));
    return v128.min<T>(a, b);
  }
  if (op == MAX) {
    if (isFloat<T>()) return v128.bitselect(a, b, v128.or(v128.gt<T>(a, b), v128.ne<T>(b, b)));
    if (sizeof<T>() == 8) return v128.bitselect(a, b, v128.gt<T>(a, b));
    return v128.max<T>(a, b);
  }
  // FIL
  if (isFloat<T>()) return v128.bitselect(a, b, v128.ne<T>(b, b));
  return v128.bitselect(a, b, v128.eq<T>(b, v128.splat<T>(NUL<T>())));
}

@inline function LOOP<T>(op: i32, x: usize, y: usize, r: usize, n: u32, VX: bool, VY: bool): void {
  const W = sizeof<T>();
  const L: usize = 16 / W;
  const N = <usize>n;
  const ax = load<T>(x), ay = load<T>(y);
  let i: usize = 0;
  if (ASC_FEATURE_SIMD) {
    const vx = v128.splat<T>(ax), vy = v128.splat<T>(ay);
    for (; i + 2 * L <= N; i += 2 * L) {
      const o = i * W;
      const a0 = VX ? v128.load(x + o) : vx, a1 = VX ? v128.load(x + o, 16) : vx;
      const b0 = VY ? v128.load(y + o) : vy, b1 = VY ? v128.load(y + o, 16) : vy;
      v128.store(r + o, VOP<T>(op, a0, b0, VX, VY));
      v128.store(r + o, VOP<T>(op, a1, b1, VX, VY), 16);
    }
  }
  for (; i < N; i++) {
    const o = i * W;
    store<T>(r + o, SOP<T>(op, VX ? load<T>(x + o) : ax, VY ? load<T>(y + o) : ay));
  }
}

@inline function BIN<T>(op: i32, x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void {
  // integer + - * with a null atom: every item is null
  if (!isFloat<T>() && op <= MUL && ((!sx && ISNUL<T>(load<T>(x))) || (!sy && ISNUL<T>(load<T>(y))))) {
    for (let i: usize = 0; i < <usize>n; i++) store<T>(r + i * sizeof<T>(), NUL<T>());
    return;
  }
  if (sx && sy) LOOP<T>(op, x, y, r, n, true, true);
  else if (sx) LOOP<T>(op, x, y, r, n, true, false);
  else if (sy) LOOP<T>(op, x, y, r, n, false, true);
  else if (n) store<T>(r, SOP<T>(op, load<T>(x), load<T>(y)));
}

/** Fill with an explicit null value (char ' ', symbol 0): y's nulls become x. */
@inline function FILLN<T>(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32, nv: T): void {
  const W = sizeof<T>();
  const ax = load<T>(x), ay = load<T>(y);
  for (let i: usize = 0; i < <usize>n; i++) {
    const b = sy ? load<T>(y + i * W) : ay;
    store<T>(r + i * W, b == nv ? (sx ? load<T>(x + i * W) : ax) : b);
  }
}

// x div y (floor of the ratio) and x mod y (sign of y), nulls propagate.
// Integer division by zero gives null; mod by zero gives x.
@inline function IDIVS<T>(a: T, b: T): T {
  if (isFloat<T>()) return <T>Math.floor(<f64>a / <f64>b);
  if (ISNUL<T>(a) || ISNUL<T>(b) || b == 0) return NUL<T>();
  let q = a / b;
  if (a % b != 0 && ((a ^ b) < 0)) q--;
  return q;
}
@inline function MODS<T>(a: T, b: T): T {
  if (isFloat<T>()) { if (b == 0) return a; return <T>(<f64>a - <f64>b * Math.floor(<f64>a / <f64>b)); }
  if (ISNUL<T>(a) || ISNUL<T>(b)) return NUL<T>();
  if (b == 0) return a;
  let m = a % b;
  if (m != 0 && ((m ^ b) < 0)) m += b;
  return m;
}
@inline function DIVMOD<T>(mod: bool, x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void {
  const W = sizeof<T>();
  const ax = load<T>(x), ay = load<T>(y);
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = sx ? load<T>(x + i * W) : ax, b = sy ? load<T>(y + i * W) : ay;
    store<T>(r + i * W, mod ? MODS<T>(a, b) : IDIVS<T>(a, b));
  }
}

// x xexp y and x xlog y over floats (operands promoted to float first)
@inline function POWLOG(log: bool, x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void {
  const ax = load<f64>(x), ay = load<f64>(y);
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = sx ? load<f64>(x + (i << 3)) : ax, b = sy ? load<f64>(y + (i << 3)) : ay;
    let v: f64;
    if (log) v = Math.log(b) / Math.log(a);
    else v = a < 0 || a != a ? NaN : (b == 0 ? 1.0 : Math.exp(b * Math.log(a)));
    store<f64>(r + (i << 3), v);
  }
}

export function add_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i32>(ADD, x, sx, y, sy, r, n); }
export function add_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i64>(ADD, x, sx, y, sy, r, n); }
export function add_E(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f32>(ADD, x, sx, y, sy, r, n); }
export function add_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f64>(ADD, x, sx, y, sy, r, n); }
export function sub_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i32>(SUB, x, sx, y, sy, r, n); }
export function sub_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i64>(SUB, x, sx, y, sy, r, n); }
export function sub_E(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f32>(SUB, x, sx, y, sy, r, n); }
export function sub_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f64>(SUB, x, sx, y, sy, r, n); }
export function mul_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i32>(MUL, x, sx, y, sy, r, n); }
export function mul_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i64>(MUL, x, sx, y, sy, r, n); }
export function mul_E(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f32>(MUL, x, sx, y, sy, r, n); }
export function mul_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f64>(MUL, x, sx, y, sy, r, n); }
export function div_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f64>(DIV, x, sx, y, sy, r, n); }
export function lesser_G(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<u8>(MIN, x, sx, y, sy, r, n); }
export function lesser_H(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i16>(MIN, x, sx, y, sy, r, n); }
export function lesser_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i32>(MIN, x, sx, y, sy, r, n); }
export function lesser_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i64>(MIN, x, sx, y, sy, r, n); }
export function lesser_E(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f32>(MIN, x, sx, y, sy, r, n); }
export function lesser_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f64>(MIN, x, sx, y, sy, r, n); }
export function greater_G(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<u8>(MAX, x, sx, y, sy, r, n); }
export function greater_H(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i16>(MAX, x, sx, y, sy, r, n); }
export function greater_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i32>(MAX, x, sx, y, sy, r, n); }
export function greater_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i64>(MAX, x, sx, y, sy, r, n); }
export function greater_E(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f32>(MAX, x, sx, y, sy, r, n); }
export function greater_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f64>(MAX, x, sx, y, sy, r, n); }
export function fill_H(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i16>(FIL, x, sx, y, sy, r, n); }
export function fill_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i32>(FIL, x, sx, y, sy, r, n); }
export function fill_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<i64>(FIL, x, sx, y, sy, r, n); }
export function fill_E(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f32>(FIL, x, sx, y, sy, r, n); }
export function fill_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { BIN<f64>(FIL, x, sx, y, sy, r, n); }
/** char fill: blanks are char nulls */
export function fill_C(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { FILLN<u8>(x, sx, y, sy, r, n, 32); }
/** symbol fill: id 0 is the empty symbol */
export function fill_S(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { FILLN<i32>(x, sx, y, sy, r, n, 0); }
export function idiv_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { DIVMOD<i32>(false, x, sx, y, sy, r, n); }
export function idiv_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { DIVMOD<i64>(false, x, sx, y, sy, r, n); }
export function idiv_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { DIVMOD<f64>(false, x, sx, y, sy, r, n); }
export function mod_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { DIVMOD<i32>(true, x, sx, y, sy, r, n); }
export function mod_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { DIVMOD<i64>(true, x, sx, y, sy, r, n); }
export function mod_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { DIVMOD<f64>(true, x, sx, y, sy, r, n); }
export function xexp_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { POWLOG(false, x, sx, y, sy, r, n); }
export function xlog_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { POWLOG(true, x, sx, y, sy, r, n); }
