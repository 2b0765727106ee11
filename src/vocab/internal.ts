// Internal functions -N!x that make sense without sockets or files
// (basics/internal.md): -4! tokens, -5! parse, -10! enum check, -14! quote
// escape, -16! reference count, -22! serialized length, -27! IEEE754 format,
// -33! SHA-1, -120! memory domain. Each registers as '-N!' (eval.ts dispatches
// n!x for negative n through the registry). -8! -9! -18! are the IPC layer's.

import { K } from '../k.js';
import { prim } from '../ops/registry.js';
import { hdrRef } from '../runtime.js';
import { QTYPES, XD, XT } from '../types.js';
import { callPrim } from '../lang/eval.js';
import * as V from '../lang/values.js';
import { sha1 } from './hash.js';
import { qerr, bytesOf, chars, drop, generalOf, listOf, symsOf, symBytes, itemsOf } from './util.js';
import { dropAll } from './util.js';

/** q tokens of a string, whitespace runs included (-4!). */
function tokens(s: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"?|`[\w.:/]*|[A-Za-z.][\w.]*|-?\d[\w.:]*|\s+|[+\-*%!&|<>=~,^#_$?@.:]:?|[^]/gy;
  for (let m: RegExpExecArray | null; (m = re.exec(s)) !== null && m[0] !== '';) out.push(/^\s+$/.test(m[0]) ? m[0] : m[0]);
  return out;
}

/** Bytes of the kdb+ IPC form of x, header included (what count -8!x gives). */
function ipcSize(x: K): number { return 8 + bodySize(x); }

function bodySize(x: K): number {
  const t = x.type;
  if (t < 0 && t >= -19) {
    if (t === -11) return 1 + symBytes(symsOf(x)[0]).length + 1;
    return 1 + QTYPES[-t]!.width;
  }
  if (t > 0 && t <= 19) {
    if (t === 11) return 6 + symsOf(x).reduce((s, y) => s + symBytes(y).length + 1, 0);
    return 6 + x.count * QTYPES[t]!.width;
  }
  if (t === 0) {
    const items = itemsOf(x);
    try { return 6 + items.reduce((s, k) => s + bodySize(k), 0); } finally { dropAll(items); }
  }
  if (t === XD || t === XT) {
    const k = x.keys, v = x.values;
    try {
      if (t === XD) return 1 + bodySize(k) + bodySize(v);
      return 3 + bodySize(k) + bodySize(v);
    } finally { drop(k, v); }
  }
  throw qerr('nyi');
}

function ieee(x: K): K {
  if (x.type !== 0 || x.count !== 2) throw qerr('type');
  const [n, y] = itemsOf(x);
  try {
    const d = V.intValue(n);
    if (d === null || d < 0 || d > 100) throw qerr('type');
    const f = (v: number) => (Number.isNaN(v) ? '' : !Number.isFinite(v) ? (v > 0 ? '0w' : '-0w') : v.toFixed(d));
    if (y.type === -9 || y.type === -8) return chars(f(Number(y.data[0])));
    if (y.type === 9 || y.type === 8) return listOf(Array.from(y.data as Float64Array, (v) => chars(f(Number(v)))));
    throw qerr('type');
  } finally { drop(n, y); }
}

prim('-4!', { monad: (x) => listOf(tokens(bytesOf(x)).map((s) => chars(s))) });
prim('-5!', { monad: (x) => callPrim('parse', [x]) });
prim('-10!', {
  monad: (x) => {
    const v = V.intValue(x);
    if (x.type !== -5 || v === null) throw qerr('type');
    return V.boolAtom(v >= 20 && v <= 76);
  },
});
prim('-14!', {
  monad: (x) => {
    const s = bytesOf(x);
    return chars(/[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);
  },
});
prim('-16!', { monad: (x) => V.longAtom(Math.max(1, hdrRef(x.ptr) - 1)) });
prim('-22!', { monad: (x) => V.longAtom(ipcSize(x)) });
prim('-27!', { monad: ieee });
prim('-33!', { monad: (x) => chars(sha1(bytesOf(x)), 4) });
prim('-120!', { monad: () => V.longAtom(0) });

export { tokens, ipcSize, generalOf };
