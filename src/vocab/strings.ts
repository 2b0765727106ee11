// Strings and patterns: like ss ssr trim ltrim rtrim lower upper md5, and the
// partition/join forms of vs and sv (the encode/decode forms are in radix.ts).

import { K } from '../k.js';
import { prim, PRIMS } from '../ops/registry.js';
import { mem } from '../runtime.js';
import { XD, XT } from '../types.js';
import { apply } from '../lang/eval.js';
import * as P from './pattern.js';
import { md5 } from './hash.js';
import {
  qerr, bytesOf, chars, vec, longs, call, drop, eachItem, sym, syms, symsOf, listOf, symBytes, bytesSym, itemsOf,
} from './util.js';
import { dropAll } from './util.js';
import { vsEncode, svDecode } from './radix.js';

const isText = (t: number) => t === 10 || t === -10;

// ---------------------------------------------------------------- like ss ssr

function like(x: K, y: K): K {
  if (!isText(y.type)) throw qerr('type');
  const units = P.compile(bytesOf(y));
  const one = (s: string) => P.like(s, units);
  const go = (v: K): K => {
    const t = v.type;
    if (t === 10 || t === -10) return boolAtom(one(bytesOf(v)));
    if (t === -11) return boolAtom(one(symBytes(symsOf(v)[0])));
    if (t === 11) return vec(1, symsOf(v).map((s) => (one(symBytes(s)) ? 1 : 0)));
    if (t === XD || t === XT) return eachItem(v, go);
    // a general list holds strings and symbols only (basics/implicit-iteration: (`quick;`quack`quark) is 'type)
    if (t === 0) return eachItem(v, (w) => { if (w.type !== 10 && w.type !== -11 && w.type !== -10) throw qerr('type'); return go(w); });
    throw qerr('type');
  };
  return go(x);
}

function boolAtom(b: boolean): K {
  const k = vec(1, [b ? 1 : 0]);
  try { return k.item(0); } finally { k.dispose(); }
}

function ss(x: K, y: K): K {
  if (x.type === 0) return eachItem(x, (v) => ss(v, y));
  if (x.type !== 10 || !isText(y.type)) throw qerr('type');
  return longs(P.find(bytesOf(x), P.compile(bytesOf(y))));
}

function ssr(x: K, y: K, z: K): K {
  if (x.type === 0) return eachItem(x, (v) => ssr(v, y, z));
  // the subject is a string: a char atom is 'type (basics/glossary: ssr["a";"a";"-"])
  if (x.type !== 10 || !isText(y.type)) throw qerr('type');
  const s = bytesOf(x), units = P.compile(bytesOf(y));
  const at = P.find(s, units);
  if (at.length === 0) return x.ref();
  const fn = z.type >= 100;
  if (!fn && !isText(z.type)) throw qerr('type');
  const rep = fn ? '' : bytesOf(z);
  let out = '', from = 0;
  for (const i of at) {
    out += s.slice(from, i);
    const m = s.slice(i, i + units.length);
    if (fn) {
      const arg = chars(m);
      try {
        const r = apply(z, [arg]);
        try { out += bytesOf(r); } finally { r.dispose(); }
      } finally { arg.dispose(); }
    } else out += rep;
    from = i + units.length;
  }
  return chars(out + s.slice(from));
}

// ---------------------------------------------------------------- trim lower upper

function trimWith(x: K, left: boolean, right: boolean): K {
  const t = x.type;
  if (t < 0 && t > -20) return x.ref();
  if (t === 0 || t === XD || t === XT) return eachItem(x, (v) => trimWith(v, left, right));
  if (t <= 0 || t >= 20) throw qerr('type');
  const nul = call('null', x);
  let a = 0, b = x.count;
  try {
    const d = mem().u8, p = nul.ptr + 16;
    if (left) while (a < b && d[p + a]) a++;
    if (right) while (b > a && d[p + b - 1]) b--;
  } finally { nul.dispose(); }
  if (a === 0 && b === x.count) return x.ref();
  const n = longs([a, b - a]);
  try { return call('sublist', n, x); } finally { n.dispose(); }
}

function caseWith(x: K, up: boolean): K {
  const t = x.type;
  const f = (s: string) => (up ? s.toUpperCase() : s.toLowerCase());
  const ascii = (s: string) => s.replace(up ? /[a-z]+/g : /[A-Z]+/g, f);
  if (t === 10 || t === -10) {
    const r = chars(ascii(bytesOf(x)));
    if (t === 10) return r;
    try { return r.item(0); } finally { r.dispose(); }
  }
  if (t === -11) return sym(bytesSym(ascii(symBytes(symsOf(x)[0]))));
  if (t === 11) return syms(symsOf(x).map((s) => bytesSym(ascii(symBytes(s)))));
  if (t === 0 || t === XD || t === XT) return eachItem(x, (v) => caseWith(v, up));
  throw qerr('type');
}

// ---------------------------------------------------------------- vs sv

/** Lines of a string, splitting \n and \r\n, dropping one trailing terminator. */
function lines(s: string): string[] {
  if (s === '') return [];
  const parts = s.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (s.endsWith('\n')) parts.pop();
  return parts;
}

function cut(sep: string, s: string): string[] {
  if (sep === '') throw qerr('length');
  return s.split(sep);
}

function vs(x: K, y: K): K {
  const tx = x.type, ty = y.type;
  if (tx === -11 && symsOf(x)[0] === '') {
    if (ty === 10 || ty === 4) return listOf(lines(bytesOf(y)).map((l) => chars(l)));
    if (ty === -11) {
      const s = symsOf(y)[0];
      if (s.startsWith(':')) {
        const k = s.lastIndexOf('/');
        return syms(k < 0 ? ['', s] : [s.slice(0, k), s.slice(k + 1)]);
      }
      return syms(s.split('.'));
    }
    throw qerr('type');
  }
  if (isText(tx) && (ty === 10 || ty === -10)) return listOf(cut(bytesOf(x), bytesOf(y)).map((l) => chars(l)));
  if (isText(tx) && ty === 4) return listOf(cut(bytesOf(x), bytesOf(y)).map((l) => chars(l)));
  if ((tx === 4 || tx === -4) && ty === 4 && !(tx === -4 && bytesOf(x) === '\0')) {
    return listOf(cut(bytesOf(x), bytesOf(y)).map((l) => chars(l, 4)));
  }
  return vsEncode(x, y);
}

function sv(x: K, y: K): K {
  const tx = x.type, ty = y.type;
  if (tx === -11 && symsOf(x)[0] === '') {
    if (ty === 11) {
      const ss = symsOf(y);
      if (ss.length > 0 && ss[0].startsWith(':')) return sym(ss.join('/'));
      return sym(ss.join('.'));
    }
    if (ty === 0 || ty === 10) return chars(textItems(y).map((s) => s + '\n').join(''));
    throw qerr('type');
  }
  if (isText(tx) && (ty === 0 || ty === 10 || (ty === 11 && y.count === 0))) return chars(textItems(y).join(bytesOf(x)));
  if ((tx === 4 || tx === -4) && ty === 0 && !(tx === -4 && bytesOf(x) === '\0')) {
    return chars(byteItems(y).join(bytesOf(x)), 4);
  }
  return svDecode(x, y);
}

/** The strings of a list of strings (char atoms count as one-char strings). */
function textItems(y: K): string[] {
  if (y.type === 10) return Array.from(bytesOf(y));
  const items = itemsOf(y);
  try {
    return items.map((k) => { if (!isText(k.type)) throw qerr('type'); return bytesOf(k); });
  } finally { dropAll(items); }
}

function byteItems(y: K): string[] {
  const items = itemsOf(y);
  try {
    return items.map((k) => { if (k.type !== 4 && k.type !== -4) throw qerr('type'); return bytesOf(k); });
  } finally { dropAll(items); }
}

// ---------------------------------------------------------------- md5

function md5q(x: K): K {
  if (x.type !== 10 && x.type !== -10 && x.type !== 4) throw qerr('type');
  return chars(md5(bytesOf(x)), 4);
}

prim('like', { dyad: like });
prim('ss', { dyad: ss });
prim('ssr', { triad: ssr });
prim('trim', { monad: (x) => trimWith(x, true, true) });
prim('ltrim', { monad: (x) => trimWith(x, true, false) });
prim('rtrim', { monad: (x) => trimWith(x, false, true) });
prim('lower', { monad: (x) => caseWith(x, false) });
prim('upper', { monad: (x) => caseWith(x, true) });
prim('vs', { dyad: vs });
prim('sv', { dyad: sv });
prim('md5', { monad: md5q });

export { like, ss, ssr, vs, sv };

/** hsym: a symbol as a file or process handle (a leading colon), each of a vector. */
function hsym(x: K): K {
  const h = (s: string) => (s.startsWith(':') ? s : ':' + s);
  if (x.type === -11) return sym(h(symsOf(x)[0]));
  if (x.type === 11) return syms(symsOf(x).map(h));
  throw qerr('type');
}
prim('hsym', { monad: hsym });

/** x$y for a long (or int) x and text y: Pad, string-atomic (ref/pad.md); a short x is Cast. */
function pad(n: number, y: K): K {
  const t = y.type;
  if (t === 10 || t === -10) {
    const s = bytesOf(y), w = Math.abs(n);
    return chars(n >= 0 ? s.slice(0, w).padEnd(w) : s.slice(Math.max(0, s.length - w)).padStart(w));
  }
  if (t === 0 || t === XD || t === XT) return eachItem(y, (v) => pad(n, v));
  throw qerr('type');
}
{
  const before = PRIMS.get('$')?.dyad;
  const isPad = (x: K, y: K) => (x.type === -7 || x.type === -6) && (y.type === 10 || y.type === -10 || y.type === 0 || y.type === XD || y.type === XT);
  prim('$', {
    dyad: (x, y) => {
      if (isPad(x, y)) { const n = Number(x.data[0]); return pad(n, y); }
      if (!before) throw qerr('nyi');
      return before(x, y);
    },
  });
}
