// The .Q utilities that need no disk (ref/dotq.md): alphabets and type
// letters, number formatting (.Q.f .Q.fmt), name sanitising (.Q.id), base-64
// and base-36 codes, hashes, date arithmetic, command-line options, traps.

import { K } from '../k.js';
import { prim } from '../ops/registry.js';
import { memoryStats } from '../runtime.js';
import { KEYWORDS, apply, errName } from '../lang/eval.js';
import { XD, XT } from '../types.js';
import * as V from '../lang/values.js';
import { sha1, btoa64, atob64 } from './hash.js';
import { qdef, qval } from './qdef.js';
import {
  qerr, bytesOf, chars, charAtom, vec, sym, syms, symsOf, call, drop, dictOf, listOf, symBytes, bytesSym, itemsOf,
} from './util.js';
import { dropAll } from './util.js';

const a = 'abcdefghijklmnopqrstuvwxyz', A = a.toUpperCase(), n = '0123456789';
const TYPE_LETTERS = ' bg xhijefcspmdznuvts';
/** .Q.res: the words reserved by k itself */
const RES = ('abs acos asin atan avg bin binr cor cos cov delete dev div do enlist exec exit exp getenv hopen if in ' +
  'insert last like log max min prd select setenv sin sqrt ss sum tan update var wavg while within wsum xexp').split(' ');

qval('.Q.an', () => chars(a + A + '_' + n));
qval('.Q.nA', () => chars(n + A));
qval('.Q.b6', () => chars(A + a + n + '+/'));
qval('.Q.t', () => chars(TYPE_LETTERS));
qval('.Q.res', () => syms(RES));
qval('.Q.k', () => V.atomOf(9, 4.1));

// ---------------------------------------------------------------- formatting

function floatOf(y: K): number {
  const t = y.type;
  if (t >= 0 || t < -9 || t === -2) throw qerr('type');
  const v = y.data[0];
  const isNull = (t === -5 && v === -32768) || (t === -6 && v === -2147483648) || (t === -7 && v === -9223372036854775808n);
  return isNull ? NaN : Number(v);
}

/** .Q.f: y with x decimals, rounding half away from zero on y*10^x as q does. */
export function fixed(x: number, y: number): string {
  if (Number.isNaN(y)) return '';
  if (y < 0 || Object.is(y, -0)) return '-' + fixed(x, -y);
  if (y < 1) return fixed(x, 10 + y).slice(1);
  const j = Math.round(y * 10 ** x);
  if (!(j < 9e15)) return String(y);
  const s = String(j);
  return x > 0 ? s.slice(0, s.length - x) + '.' + s.slice(s.length - x) : s;
}

function intArg(x: K): number {
  const v = floatOf(x);
  if (!Number.isInteger(v)) throw qerr('type');
  return v;
}

prim('.Q.f', { dyad: (x, y) => chars(fixed(intArg(x), floatOf(y))) });
prim('.Q.fmt', {
  triad: (x, y, z) => {
    const w = intArg(x), s = fixed(intArg(y), floatOf(z));
    return chars(s.length > w ? '*'.repeat(w) : s.padStart(w));
  },
});

// ---------------------------------------------------------------- names

function sanitize(s: string): string {
  const ok = s.replace(/[^A-Za-z0-9_]/g, '');
  if (ok === '') return 'a';
  return /^[A-Za-z]/.test(ok) ? ok : 'a' + ok;
}

function sanitizeNames(names: string[]): string[] {
  const reserved = new Set([...RES, ...KEYWORDS]);
  const out: string[] = [];
  for (const s of names) {
    let m = sanitize(s);
    if (reserved.has(m)) m += '1';
    if (out.includes(m)) { let i = 1; while (out.includes(m + i)) i++; m += i; }
    out.push(m);
  }
  return out;
}

function id(x: K): K {
  if (x.type === -11) return sym(bytesSym(sanitize(symBytes(symsOf(x)[0]))));
  if (x.type === XD || x.type === XT) {
    const keys = x.keys;
    try {
      if (keys.type !== 11) return x.ref();
      const fresh = syms(sanitizeNames(symsOf(keys).map(symBytes)).map(bytesSym));
      if (x.type === XD) { const v = x.values; return dictOf(fresh, v); }
      const v = x.values;
      const d = dictOf(fresh, v);
      try { return call('flip', d); } finally { d.dispose(); }
    } finally { keys.dispose(); }
  }
  if (x.type === 11) return syms(symsOf(x).map((s) => bytesSym(sanitize(symBytes(s)))));
  throw qerr('type');
}
prim('.Q.id', { monad: id });

function ty(x: K): K {
  const t = x.type;
  const letter = (c: number) => TYPE_LETTERS[c] ?? ' ';
  if (t > 0 && t < 20) return charAtom(letter(t));
  if (t < 0 && t > -20) return charAtom(letter(-t).toUpperCase());
  if (t === 0 && x.count > 0) {
    const items = itemsOf(x);
    try {
      const t0 = items[0].type;
      if (t0 > 0 && t0 < 20 && items.every((k) => k.type === t0)) return charAtom(letter(t0).toUpperCase());
    } finally { dropAll(items); }
  }
  return charAtom(' ');
}
prim('.Q.ty', { monad: ty });

// ---------------------------------------------------------------- codes and hashes

prim('.Q.btoa', { monad: (x) => chars(btoa64(bytesOf(x))) });
prim('.Q.atob', {
  monad: (x) => {
    const r = atob64(bytesOf(x));
    if (r === null) throw qerr('domain');
    return chars(r, 4);
  },
});
prim('.Q.sha1', { monad: (x) => chars(sha1(bytesOf(x)), 4) });
qdef('.Q.x10', '{.Q.b6(10#64)vs x}');
qdef('.Q.j10', '{(10#64)sv .Q.b6?x}');
qdef('.Q.x12', '{.Q.nA(12#36)vs x}');
qdef('.Q.j12', '{(12#36)sv .Q.nA?x}');

// ---------------------------------------------------------------- dates, options, misc

qdef('.Q.addmonths', '{("d"$m+y)+x-"d"$m:"m"$x}');
qdef('.Q.dd', '{` sv x,`$string y}');
qdef('.Q.opt', '{[o] o:(where o like "-[^0-9]*")_o; (`$1_\'first each o)!1_\'o}');
qdef('.Q.def', '{k:(key y)inter key x; x,k!{(upper .Q.t abs type x)$$[0h=type y;first y;y]}\'[x k;y k]}');
qdef('.Q.qt', '{$[98h=type x;1b;99h=type x;98h=type key x;0b]}');
qdef('.Q.V', '{$[99h=type x;(key x),value x;x]}');
qdef('.Q.v', '{$[-11h=type x;value x;x]}');
qdef('.Q.ts', '{(0 0;.[x;y])}');
prim('.Q.gc', { monad: () => V.longAtom(0) });
prim('.Q.w', {
  monad: () => {
    const m = memoryStats();
    return dictOf(syms(['used', 'heap', 'peak', 'wmax', 'mmap', 'mphy', 'syms', 'symw']),
      vec(7, [m.used, m.heap, m.peak, 0, 0, 0, 0, 0].map((v) => Math.floor(Number(v) || 0))));
  },
});

/** .Q.trp[f;x;g]: f x, or on error g[message;backtrace] (the backtrace is empty here). */
prim('.Q.trp', {
  triad: (f, x, g) => {
    try {
      return apply(f, [x]);
    } catch (e) {
      const msg = chars(errName(e));
      const bt = listOf([]);
      try { return apply(g, [msg, bt]); } finally { msg.dispose(); bt.dispose(); }
    }
  },
});


// rand x: one random item of x (a list) or one number below x (an atom), as first 1?x
qdef('rand', '{first 1?x}');
