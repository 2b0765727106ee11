// Plain TypeScript reference for the structural kernels, over the raw bytes
// of simple vectors: items are w-byte slices, so one implementation covers
// every type. Written from the q reference (take.md, drop.md, cut.md,
// sublist.md, raze.md, apply.md), independent of the engine code.

/** The stored bytes of q's null for each simple type (little-endian). */
export function nullBytes(t: number): Uint8Array {
  const a = Math.abs(t);
  const le = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)).reverse());
  switch (a) {
    case 1: case 4: return new Uint8Array(1);          // 0b, 0x00
    case 2: return new Uint8Array(16);                  // 0Ng
    case 10: return Uint8Array.of(32);                  // " "
    case 5: return le('8000');                          // 0Nh
    case 6: case 13: case 14: case 17: case 18: case 19: return le('80000000');
    case 11: return new Uint8Array(4);                  // ` (symbol id 0)
    case 8: return le('ffc00000');                      // 0Ne
    case 7: case 12: case 16: return le('8000000000000000');
    case 9: case 15: return le('fff8000000000000');     // 0n
  }
  throw new Error(`no null for type ${t}`);
}

export type Items = Uint8Array[]; // one w-byte slice per item

export function split(bytes: Uint8Array, w: number): Items {
  const out: Items = [];
  for (let i = 0; i + w <= bytes.length; i += w) out.push(bytes.slice(i, i + w));
  return out;
}
export function concat(items: Items): Uint8Array {
  const n = items.reduce((a, b) => a + b.length, 0);
  const r = new Uint8Array(n);
  let o = 0;
  for (const it of items) { r.set(it, o); o += it.length; }
  return r;
}

/** x i: items at the indexes; out of range (negative, null, >= n) gives null. */
export function index(x: Items, idx: number[], nul: Uint8Array): Items {
  return idx.map((i) => (Number.isInteger(i) && i >= 0 && i < x.length ? x[i] : nul));
}

/** k#x: cyclic, from the end when k < 0; nulls from an empty list. */
export function take(x: Items, k: number, nul: Uint8Array): Items {
  const m = Math.abs(k), n = x.length, out: Items = [];
  if (n === 0) return Array.from({ length: m }, () => nul);
  if (k >= 0) for (let i = 0; i < m; i++) out.push(x[i % n]);
  else for (let i = 0; i < m; i++) out.push(x[(((n - m + i) % n) + n) % n]);
  return out;
}

/** k_x: without the first k (last -k) items. */
export function drop(x: Items, k: number): Items {
  return k >= 0 ? x.slice(Math.min(k, x.length)) : x.slice(0, Math.max(0, x.length + k));
}

/** x _ i: without item i (unchanged when i is not an index of x). */
export function remove(x: Items, i: number): Items {
  return i >= 0 && i < x.length ? [...x.slice(0, i), ...x.slice(i + 1)] : x.slice();
}

/** offsets _ x. */
export function cut(x: Items, offs: number[]): Items[] {
  return offs.map((a, k) => x.slice(a, k + 1 < offs.length ? offs[k + 1] : x.length));
}

/** n cut x. */
export function cutN(x: Items, n: number): Items[] {
  const out: Items[] = [];
  for (let i = 0; i < x.length; i += n) out.push(x.slice(i, i + n));
  return out;
}

/** x sublist y. */
export function sublist(y: Items, x: number | [number, number], nul: Uint8Array): Items {
  if (typeof x === 'number') return Math.abs(x) < y.length ? take(y, x, nul) : y.slice();
  const [i, c0] = x;
  const c = Math.max(0, Math.min(c0, y.length - i));
  return index(y, Array.from({ length: c }, (_, k) => i + k), nul);
}

/** rows x cols reshape (no nulls). */
export function reshape(x: Items, r: number, c: number, nul: Uint8Array): Items[] {
  const flat = take(x, r * c, nul);
  return Array.from({ length: r }, (_, i) => flat.slice(i * c, i * c + c));
}

/** raze of vectors of one type. */
export function raze(xs: Items[]): Items {
  return xs.flat();
}
