// The kernels of `npm run bench`: for each, its inputs (data sets of
// bench/lib/data.mjs), the ways to call it through qwasm's public API (the
// first that exists and works at run time is used; none -> "n/a"), the plain
// JavaScript loop a JS user would write over the same typed arrays, and the
// issue's speed target. The ids are shared with bench/c/bench.c and
// bench/numpy_bench.py.

const NJ = -9223372036854775808n;

// qwasm call candidates ----------------------------------------------------------
/** q.<name>(...args) for each name that the q namespace has */
const fn = (...names) => names.map((nm) => ({
  how: `q.${nm}`,
  get: (q) => (typeof q[nm] === 'function' ? (...a) => q[nm](...a) : undefined),
}));
/** x.<name>(...rest) as a K method */
const meth = (...names) => names.map((nm) => ({
  how: `x.${nm}()`,
  get: (_q, K) => (typeof K.prototype[nm] === 'function' ? (x, ...a) => x[nm](...a) : undefined),
}));
/** a function built from the namespace and K (for casts, K.from...) */
const custom = (how, get) => [{ how, get }];

// JS loops -------------------------------------------------------------------------
const js = {
  sumJ(x) { let s = 0n; for (let i = 0; i < x.length; i++) s += x[i]; return s; },
  sumJN(x) { let s = 0n; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v !== NJ) s += v; } return s; },
  sumF(x) { let s = 0; for (let i = 0; i < x.length; i++) s += x[i]; return s; },
  sumFN(x) { let s = 0; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v === v) s += v; } return s; },
  prdJ(x) { let s = 1n; for (let i = 0; i < x.length; i++) s = BigInt.asIntN(64, s * x[i]); return s; },
  prdJN(x) { let s = 1n; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v !== NJ) s = BigInt.asIntN(64, s * v); } return s; },
  prdF(x) { let s = 1; for (let i = 0; i < x.length; i++) s *= x[i]; return s; },
  prdFN(x) { let s = 1; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v === v) s *= v; } return s; },
  maxJ(x) { let m = NJ; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v > m) m = v; } return m; },
  minJ(x) { let m = -NJ - 1n; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v < m) m = v; } return m; },
  minJN(x) { let m = -NJ - 1n; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v !== NJ && v < m) m = v; } return m; },
  maxF(x) { let m = -Infinity; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v > m) m = v; } return m; },
  minF(x) { let m = Infinity; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v < m) m = v; } return m; },
  avgJ(x) { let s = 0n; for (let i = 0; i < x.length; i++) s += x[i]; return Number(s) / x.length; },
  avgJN(x) { let s = 0n, c = 0; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v !== NJ) { s += v; c++; } } return Number(s) / c; },
  avgF(x) { let s = 0; for (let i = 0; i < x.length; i++) s += x[i]; return s / x.length; },
  avgFN(x) { let s = 0, c = 0; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v === v) { s += v; c++; } } return s / c; },
  allJ(x) { for (let i = 0; i < x.length; i++) if (x[i] === 0n) return 0; return 1; },
  allF(x) { for (let i = 0; i < x.length; i++) if (x[i] === 0) return 0; return 1; },
  anyJ(x) { for (let i = 0; i < x.length; i++) if (x[i] !== 0n) return 1; return 0; },
  anyF(x) { for (let i = 0; i < x.length; i++) if (x[i] !== 0) return 1; return 0; },
  scan(A, init, step) {
    return (x) => { const r = new A(x.length); let s = init; for (let i = 0; i < x.length; i++) { s = step(s, x[i]); r[i] = s; } return r; };
  },
  map1(A, f) { return (x) => { const r = new A(x.length); for (let i = 0; i < x.length; i++) r[i] = f(x[i]); return r; }; },
  map2(A, f) { return (x, y) => { const r = new A(x.length); for (let i = 0; i < x.length; i++) r[i] = f(x[i], y[i]); return r; }; },
  iota(n) { const r = new Uint32Array(n); for (let i = 0; i < n; i++) r[i] = i; return r; },
};
// the generic helpers above cost a call per item; the hot ones are written out
const sumsJ = (x) => { const r = new BigInt64Array(x.length); let s = 0n; for (let i = 0; i < x.length; i++) { s += x[i]; r[i] = s; } return r; };
const sumsF = (x) => { const r = new Float64Array(x.length); let s = 0; for (let i = 0; i < x.length; i++) { s += x[i]; r[i] = s; } return r; };
const prdsJ = (x) => { const r = new BigInt64Array(x.length); let s = 1n; for (let i = 0; i < x.length; i++) { s = BigInt.asIntN(64, s * x[i]); r[i] = s; } return r; };
const prdsF = (x) => { const r = new Float64Array(x.length); let s = 1; for (let i = 0; i < x.length; i++) { s *= x[i]; r[i] = s; } return r; };
const maxsJ = (x) => { const r = new BigInt64Array(x.length); let s = NJ; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v > s) s = v; r[i] = s; } return r; };
const minsJ = (x) => { const r = new BigInt64Array(x.length); let s = -NJ - 1n; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v < s) s = v; r[i] = s; } return r; };
const maxsF = (x) => { const r = new Float64Array(x.length); let s = -Infinity; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v > s) s = v; r[i] = s; } return r; };
const minsF = (x) => { const r = new Float64Array(x.length); let s = Infinity; for (let i = 0; i < x.length; i++) { const v = x[i]; if (v < s) s = v; r[i] = s; } return r; };
const deltasJ = (x) => { const r = new BigInt64Array(x.length); if (x.length) r[0] = x[0]; for (let i = 1; i < x.length; i++) r[i] = x[i] - x[i - 1]; return r; };
const deltasF = (x) => { const r = new Float64Array(x.length); if (x.length) r[0] = x[0]; for (let i = 1; i < x.length; i++) r[i] = x[i] - x[i - 1]; return r; };
const ratiosJ = (x) => { const r = new Float64Array(x.length); if (x.length) r[0] = Number(x[0]); for (let i = 1; i < x.length; i++) r[i] = Number(x[i]) / Number(x[i - 1]); return r; };
const ratiosF = (x) => { const r = new Float64Array(x.length); if (x.length) r[0] = x[0]; for (let i = 1; i < x.length; i++) r[i] = x[i] / x[i - 1]; return r; };
const addJJ = (x, y) => { const r = new BigInt64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] + y[i]; return r; };
const addFF = (x, y) => { const r = new Float64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] + y[i]; return r; };
const addJA = (x) => { const r = new BigInt64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] + 1n; return r; };
const subJJ = (x, y) => { const r = new BigInt64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] - y[i]; return r; };
const subFF = (x, y) => { const r = new Float64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] - y[i]; return r; };
const mulJJ = (x, y) => { const r = new BigInt64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] * y[i]; return r; };
const mulFF = (x, y) => { const r = new Float64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] * y[i]; return r; };
const mulFA = (x) => { const r = new Float64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] * 2.5; return r; };
const divJJ = (x, y) => { const r = new Float64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = Number(x[i]) / Number(y[i]); return r; };
const divFF = (x, y) => { const r = new Float64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] / y[i]; return r; };
const fillJ = (x) => { const r = new BigInt64Array(x.length); for (let i = 0; i < x.length; i++) { const v = x[i]; r[i] = v === NJ ? 0n : v; } return r; };
const fillF = (x) => { const r = new Float64Array(x.length); for (let i = 0; i < x.length; i++) { const v = x[i]; r[i] = v === v ? v : 0; } return r; };
const eqJJ = (x, y) => { const r = new Uint8Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] === y[i] ? 1 : 0; return r; };
const ltJJ = (x, y) => { const r = new Uint8Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] < y[i] ? 1 : 0; return r; };
const ltFF = (x, y) => { const r = new Uint8Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] < y[i] ? 1 : 0; return r; };
const gtFA = (x) => { const r = new Uint8Array(x.length); for (let i = 0; i < x.length; i++) r[i] = x[i] > 0 ? 1 : 0; return r; };
const castJF = (x) => { const r = new Float64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = Number(x[i]); return r; };
const negJ = (x) => { const r = new BigInt64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = -x[i]; return r; };
const negF = (x) => { const r = new Float64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = -x[i]; return r; };
const absJ = (x) => { const r = new BigInt64Array(x.length); for (let i = 0; i < x.length; i++) { const v = x[i]; r[i] = v < 0n ? -v : v; } return r; };
const absF = (x) => { const r = new Float64Array(x.length); for (let i = 0; i < x.length; i++) r[i] = Math.abs(x[i]); return r; };

// sorting: an index vector sorted with a comparator (ties by index: stable)
const iascNum = (x) => js.iota(x.length).sort((a, b) => x[a] - x[b] || a - b);
const idescNum = (x) => js.iota(x.length).sort((a, b) => x[b] - x[a] || a - b);
const iascBig = (x) => js.iota(x.length).sort((a, b) => (x[a] < x[b] ? -1 : x[a] > x[b] ? 1 : a - b));
const idescBig = (x) => js.iota(x.length).sort((a, b) => (x[a] > x[b] ? -1 : x[a] < x[b] ? 1 : a - b));
const iascSym = (x, names) => js.iota(x.length).sort((a, b) => {
  const s = names[x[a]], t = names[x[b]];
  return s < t ? -1 : s > t ? 1 : a - b;
});
const idescSym = (x, names) => js.iota(x.length).sort((a, b) => {
  const s = names[x[a]], t = names[x[b]];
  return s > t ? -1 : s < t ? 1 : a - b;
});
const binJ = (x, ys) => {
  const r = new BigInt64Array(ys.length), n = x.length;
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i]; let lo = 0, hi = n;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (x[mid] <= y) lo = mid + 1; else hi = mid; }
    r[i] = BigInt(lo - 1);
  }
  return r;
};
const binrJ = (x, ys) => {
  const r = new BigInt64Array(ys.length), n = x.length;
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i]; let lo = 0, hi = n;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (x[mid] < y) lo = mid + 1; else hi = mid; }
    r[i] = BigInt(lo);
  }
  return r;
};
const distinctJ = (x) => { const seen = new Set(), out = []; for (let i = 0; i < x.length; i++) { const v = x[i]; if (!seen.has(v)) { seen.add(v); out.push(v); } } return out; };
const groupJ = (x) => { const g = new Map(); for (let i = 0; i < x.length; i++) { const v = x[i]; const l = g.get(v); if (l) l.push(i); else g.set(v, [i]); } return g; };
const findJ = (u, x) => {
  const at = new Map(); for (let i = u.length - 1; i >= 0; i--) at.set(u[i], i);
  const r = new BigInt64Array(x.length);
  for (let i = 0; i < x.length; i++) { const j = at.get(x[i]); r[i] = BigInt(j === undefined ? u.length : j); }
  return r;
};
const inJ = (x, u) => { const s = new Set(u); const r = new Uint8Array(x.length); for (let i = 0; i < x.length; i++) r[i] = s.has(x[i]) ? 1 : 0; return r; };

// result checks: qwasm's result (a K) against the JS loop's ---------------------------
const close = (a, b) => a === b || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const atomVal = (k) => k.data[0];
/** same number of items and equal items (numbers and bigints compared as numbers; floats to 1e-9) */
function sameItems(a, b, tol = false) {
  if (a.length !== b.length) return `count ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x === y) continue;
    if (typeof x === 'bigint' || typeof y === 'bigint') { if (BigInt(x) === BigInt(y)) continue; }
    else if (tol ? close(x, y) : (Number.isNaN(x) && Number.isNaN(y))) continue;
    return `item ${i}: ${x} vs ${y}`;
  }
  return '';
}
const checks = {
  atom: (k, v) => {
    if (!k.isAtom) return `not an atom (type ${k.type})`;
    const a = atomVal(k);
    if (typeof v === 'bigint') return BigInt(a) === v ? '' : `${a} vs ${v}`;
    return close(Number(a), Number(v)) ? '' : `${a} vs ${v}`;
  },
  vec: (k, v) => (k.isAtom ? `atom, not a vector (type ${k.type})` : sameItems(k.data, v)),
  vecTol: (k, v) => (k.isAtom ? `atom, not a vector (type ${k.type})` : sameItems(k.data, v, true)),
  distinct: (k, v) => sameItems(k.data, v),
  group: (k, g) => (k.type === 99 && k.count === g.size ? '' : `type ${k.type} count ${k.count} vs ${g.size} groups`),
  /** a stable sort permutation of the input, checked directly (the JS loop may have run on a prefix) */
  sortIdx: (desc) => (k, _v, [x, names]) => {
    if (k.isAtom || k.type !== 7) return `type ${k.type}, not a long vector`;
    const r = k.data, n = x.length;
    if (r.length !== n) return `count ${r.length} vs ${n}`;
    const key = names ? (i) => names[x[i]] : (i) => x[i];
    const seen = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const a = Number(r[i]);
      if (!(a >= 0 && a < n) || seen[a]) return `item ${i}: ${a} is not a new index`;
      seen[a] = 1;
      if (i === 0) continue;
      const p = Number(r[i - 1]), kp = key(p), ka = key(a);
      const c = kp < ka ? -1 : kp > ka ? 1 : 0;
      if (desc ? c < 0 : c > 0) return `items ${i - 1},${i} out of order`;
      if (c === 0 && p > a) return `items ${i - 1},${i}: equal keys not in index order (unstable)`;
    }
    return '';
  },
};

// the kernel table -------------------------------------------------------------------
const T = {
  js: { vs: 'js', le: 1 },
  cNat: (f) => ({ vs: 'cnat', le: f }),
  cSse: (f) => ({ vs: 'csse', le: f }),
  npLe: (f) => ({ vs: 'numpy', le: f }),
};
const MAP = [T.cNat(1.2), T.js];
const RED = [T.cSse(1.2), T.js];
const REDN = [T.cSse(1.2), T.npLe(1 / 3), T.js];
const SORT = [T.cNat(1.2), T.npLe(1 / 2.5), T.js];
const SET = [T.cNat(1.5), T.npLe(1), T.js];

/** Kernel: {id, label, group, ins: data set names (first is x), q: call candidates, js, check, target, atoms} */
export const KERNELS = [];
function k(id, label, ins, q, jsf, check, target, extra = {}) {
  KERNELS.push({ id, label, ins, q, js: jsf, check, target, ...extra });
}

for (const [ty, d, dn, f, fnn] of [['j', 'J', 'JN', 'J', 'JN'], ['f', 'F', 'FN', 'F', 'FN']]) {
  const L = ty === 'j' ? 'long' : 'float';
  const isJ = ty === 'j';
  k(`sum.${ty}`, `sum ${L}`, [d], fn('sum'), isJ ? js.sumJ : js.sumF, checks.atom, RED);
  k(`sum.${ty}n`, `sum ${L} w/ nulls`, [dn], fn('sum'), isJ ? js.sumJN : js.sumFN, checks.atom, REDN);
  k(`prd.${ty}`, `prd ${L}`, [isJ ? 'J' : 'FP'], fn('prd'), isJ ? js.prdJ : js.prdF, checks.atom, RED);
  k(`prd.${ty}n`, `prd ${L} w/ nulls`, [dn], fn('prd'), isJ ? js.prdJN : js.prdFN, checks.atom, REDN);
  k(`max.${ty}`, `max ${L}`, [d], fn('max'), isJ ? js.maxJ : js.maxF, checks.atom, RED);
  k(`max.${ty}n`, `max ${L} w/ nulls`, [dn], fn('max'), isJ ? js.maxJ : js.maxF, checks.atom, REDN);
  k(`min.${ty}`, `min ${L}`, [d], fn('min'), isJ ? js.minJ : js.minF, checks.atom, RED);
  k(`min.${ty}n`, `min ${L} w/ nulls`, [dn], fn('min'), isJ ? js.minJN : js.minF, checks.atom, REDN);
  k(`avg.${ty}`, `avg ${L}`, [d], fn('avg'), isJ ? js.avgJ : js.avgF, checks.atom, RED);
  k(`avg.${ty}n`, `avg ${L} w/ nulls`, [dn], fn('avg'), isJ ? js.avgJN : js.avgFN, checks.atom, REDN);
  k(`all.${ty}`, `all ${L}`, [f], fn('all'), isJ ? js.allJ : js.allF, checks.atom, RED);
  k(`all.${ty}n`, `all ${L} w/ nulls`, [fnn], fn('all'), isJ ? js.allJ : js.allF, checks.atom, RED);
  k(`any.${ty}`, `any ${L} (all 0)`, [isJ ? 'Z' : 'ZF'], fn('any'), isJ ? js.anyJ : js.anyF, checks.atom, RED);
}

k('sums.j', 'sums long', ['J'], fn('sums'), sumsJ, checks.vec, MAP);
k('sums.f', 'sums float', ['F'], fn('sums'), sumsF, checks.vecTol, MAP);
k('prds.j', 'prds long', ['J'], fn('prds'), prdsJ, checks.vec, MAP);
k('prds.f', 'prds float', ['FP'], fn('prds'), prdsF, checks.vecTol, MAP);
k('maxs.j', 'maxs long', ['J'], fn('maxs'), maxsJ, checks.vec, MAP);
k('maxs.f', 'maxs float', ['F'], fn('maxs'), maxsF, checks.vec, MAP);
k('mins.j', 'mins long', ['J'], fn('mins'), minsJ, checks.vec, MAP);
k('mins.f', 'mins float', ['F'], fn('mins'), minsF, checks.vec, MAP);
k('deltas.j', 'deltas long', ['J'], fn('deltas'), deltasJ, checks.vec, MAP);
k('deltas.f', 'deltas float', ['F'], fn('deltas'), deltasF, checks.vec, MAP);
k('ratios.j', 'ratios long', ['J'], fn('ratios'), ratiosJ, checks.vecTol, MAP);
k('ratios.f', 'ratios float', ['F2'], fn('ratios'), ratiosF, checks.vecTol, MAP);

const dyad = (name, glyph) => [...fn(name, glyph), ...meth(name)];
k('add.jj', 'long + long', ['J', 'J2'], dyad('add', '+'), addJJ, checks.vec, MAP);
k('add.ff', 'float + float', ['F', 'F2'], dyad('add', '+'), addFF, checks.vec, MAP);
k('add.ja', 'long + 1', ['J', '@long:1'], dyad('add', '+'), addJA, checks.vec, MAP);
k('sub.jj', 'long - long', ['J', 'J2'], dyad('sub', '-'), subJJ, checks.vec, MAP);
k('sub.ff', 'float - float', ['F', 'F2'], dyad('sub', '-'), subFF, checks.vec, MAP);
k('mul.jj', 'long * long', ['J', 'J2'], dyad('mul', '*'), mulJJ, checks.vec, MAP);
k('mul.ff', 'float * float', ['F', 'F2'], dyad('mul', '*'), mulFF, checks.vec, MAP);
k('mul.fa', 'float * 2.5', ['F', '@float:2.5'], dyad('mul', '*'), mulFA, checks.vec, MAP);
k('div.jj', 'long % long', ['J', 'J2'], dyad('div', '%'), divJJ, checks.vec, MAP);
k('div.ff', 'float % float', ['F', 'F2'], dyad('div', '%'), divFF, checks.vec, MAP);
// q's x^y fills the nulls of y with x: the filler comes first
k('fill.j', '0^long w/ nulls', ['@long:0', 'JN'], [...fn('fill', '^'), ...meth('fill')], (_z, x) => fillJ(x), checks.vec, MAP);
k('fill.f', '0^float w/ nulls', ['@float:0', 'FN'], [...fn('fill', '^'), ...meth('fill')], (_z, x) => fillF(x), checks.vec, MAP);
k('eq.jj', 'long = long', ['J', 'J2'], dyad('eq', '='), eqJJ, checks.vec, MAP);
k('lt.jj', 'long < long', ['J', 'J2'], dyad('lt', '<'), ltJJ, checks.vec, MAP);
k('lt.ff', 'float < float', ['F', 'F2'], dyad('lt', '<'), ltFF, checks.vec, MAP);
k('gt.fa', 'float > 0.0', ['F', '@float:0'], dyad('gt', '>'), gtFA, checks.vec, MAP);
k('cast.jf', '"f"$long', ['J'], [
  ...custom('q.cast("f", x)', (q) => (typeof q.cast === 'function' ? (x) => q.cast('f', x) : undefined)),
  ...custom('q.cast("float", x)', (q) => (typeof q.cast === 'function' ? (x) => q.cast('float', x) : undefined)),
  ...custom('q["$"]("f", x)', (q) => (typeof q.$ === 'function' ? (x) => q.$('f', x) : undefined)),
  ...custom('x.cast("f")', (_q, K) => (typeof K.prototype.cast === 'function' ? (x) => x.cast('f') : undefined)),
  ...custom('K.float(x)', (_q, K) => (x) => K.float(x)),
], castJF, checks.vec, MAP, { expectType: 9 });
k('neg.j', 'neg long', ['J'], [...fn('neg'), ...meth('neg')], negJ, checks.vec, MAP);
k('neg.f', 'neg float', ['F'], [...fn('neg'), ...meth('neg')], negF, checks.vec, MAP);
k('abs.j', 'abs long w/ nulls', ['JN'], [...fn('abs'), ...meth('abs')], absJ, checks.vec, MAP);
k('abs.f', 'abs float w/ nulls', ['FN'], [...fn('abs'), ...meth('abs')], absF, checks.vec, MAP);

for (const [ty, d, L, big] of [['j', 'R', 'long', true], ['f', 'F', 'float', false], ['d', 'D', 'date', false],
  ['p', 'P', 'timestamp', true], ['s', 'S', 'symbol', false]]) {
  const up = ty === 's' ? iascSym : big ? iascBig : iascNum;
  const down = ty === 's' ? idescSym : big ? idescBig : idescNum;
  // the comparator sorts take ~10 s at 10M: timed on a 1M prefix and scaled by n log n unless --full-js
  k(`iasc.${ty}`, `iasc ${L}`, [d], fn('iasc'), up, checks.sortIdx(false), SORT, { jsPrefix: 1e6 });
  k(`idesc.${ty}`, `idesc ${L}`, [d], fn('idesc'), down, checks.sortIdx(true), SORT, { jsPrefix: 1e6 });
}
k('asc.j', 'asc long', ['R'], fn('asc'), (x) => x.slice().sort(), checks.vec, [T.npLe(3), T.js]);
k('asc.f', 'asc float', ['F'], fn('asc'), (x) => x.slice().sort(), checks.vec, [T.npLe(3), T.js]);
k('desc.j', 'desc long', ['R'], fn('desc'), (x) => x.slice().sort().reverse(), checks.vec, [T.npLe(3), T.js]);
k('desc.f', 'desc float', ['F'], fn('desc'), (x) => x.slice().sort().reverse(), checks.vec, [T.npLe(3), T.js]);
k('bin.j', 'bin (n/10 keys)', ['SORTED', 'KEYS'], dyad('bin'), binJ, checks.vec, [T.npLe(1), T.js]);
k('binr.j', 'binr (n/10 keys)', ['SORTED', 'KEYS'], dyad('binr'), binrJ, checks.vec, [T.npLe(1), T.js]);
k('distinct.j', 'distinct (1000 values)', ['G'], fn('distinct'), distinctJ, checks.distinct, SET);
k('group.j', 'group (1000 values)', ['G'], fn('group'), groupJ, checks.group, SET);
k('find.j', 'u?x (1000 values)', ['POOL', 'G'], [...fn('find', '?'), ...meth('find')], findJ, checks.vec, SET);
k('in.j', 'x in u (1000 values)', ['G', 'POOL'], [...fn('in_', 'in'), ...meth('in_', 'in')], inJ, checks.vec, SET);

// conversions and views (the core issue's benchmark)
k('from.f', 'K.from(Float64Array)', ['#F'], custom('K.from(a)', (_q, K) => (a) => K.from(a)),
  (a) => { const r = new Float64Array(a.length); r.set(a); return r; }, checks.vec, [{ vs: 'js', le: 1.2 }]);
k('data.get', 'k.data x1e6 (per 1e6)', ['F'], custom('x.data', () => (x) => {
  let s = 0; for (let i = 0; i < 1e6; i++) s += x.data.length; return s;
}), (a) => { const o = { data: a }; let s = 0; for (let i = 0; i < 1e6; i++) s += o.data.length; return s; },
(k2, v) => (k2 === v ? '' : `${k2} vs ${v}`), [], { rawResult: true });
k('data.sum', 'JS loop over k.data vs own array', ['F'], custom('loop over x.data', () => (x) => {
  const a = x.data; let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s;
}), (a) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; },
(k2, v) => (k2 === v ? '' : `${k2} vs ${v}`), [{ vs: 'js', le: 1.1 }], { rawResult: true, ownArray: true });
