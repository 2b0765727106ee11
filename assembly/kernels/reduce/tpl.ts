// Templates shared by the reduce family kernels (agg, scan, uniform, window).
// Not re-exported by assembly/index.ts: everything here is @inline and generic.

// Compile-time null / infinity per storage type ------------------------------

@inline export function ISNUL<T>(v: T): bool {
  if (isFloat<T>()) return v != v;
  if (sizeof<T>() == 1) return false;
  if (sizeof<T>() == 2) return <i32>v == -32768;
  if (sizeof<T>() == 4) return <i32>v == i32.MIN_VALUE;
  return <i64>v == i64.MIN_VALUE;
}
@inline export function NUL<T>(): T {
  if (isFloat<T>()) return <T>NaN;
  if (sizeof<T>() == 1) return <T>0;
  if (sizeof<T>() == 2) return <T>-32768;
  if (sizeof<T>() == 4) return <T>i32.MIN_VALUE;
  return <T>i64.MIN_VALUE;
}
/** Largest value (0W, 0w, 0xff). */
@inline export function WMAX<T>(): T {
  if (isFloat<T>()) return <T>Infinity;
  if (sizeof<T>() == 1) return <T>255;
  if (sizeof<T>() == 2) return <T>32767;
  if (sizeof<T>() == 4) return <T>i32.MAX_VALUE;
  return <T>i64.MAX_VALUE;
}
/** Smallest non-null value (-0W, -0w, 0x00). */
@inline export function WMIN<T>(): T {
  if (isFloat<T>()) return <T>-Infinity;
  if (sizeof<T>() == 1) return <T>0;
  if (sizeof<T>() == 2) return <T>-32767;
  if (sizeof<T>() == 4) return <T>-i32.MAX_VALUE;
  return <T>-i64.MAX_VALUE;
}
@inline export function LD<T>(x: usize, i: u32): T { return load<T>(x + (<usize>i << alignof<T>())); }
@inline export function ST<T>(r: usize, i: u32, v: T): void { store<T>(r + (<usize>i << alignof<T>()), v); }
/** The value as f64, null -> NaN. */
@inline export function TOF<T>(v: T): f64 { return ISNUL<T>(v) ? NaN : <f64>v; }

/** Lane-wise max/min of two vectors for storage T (i64: gt_s + bitselect; floats: pmax/pmin). */
@inline export function VMAX<T>(a: v128, b: v128): v128 {
  if (isFloat<T>()) return v128.pmax<T>(a, b);
  if (sizeof<T>() == 8) return v128.bitselect(b, a, i64x2.gt_s(b, a));
  return v128.max<T>(a, b);
}
@inline export function VMIN<T>(a: v128, b: v128): v128 {
  if (isFloat<T>()) return v128.pmin<T>(a, b);
  if (sizeof<T>() == 8) return v128.bitselect(b, a, i64x2.gt_s(a, b));
  return v128.min<T>(a, b);
}
