// Internal functions -N!x that make sense without sockets or files
// (basics/internal.md): -4! tokens, -5! parse, -10! enum check, -14! quote
// escape, -16! reference count, -22! serialized length, -27! IEEE754 format,
// -33! SHA-1, -120! memory domain. Each registers as '-N!' (eval.ts dispatches
// n!x for negative n through the registry). -8! -9! -18! are the IPC layer's.

import { K } from '../k.js';
import { INTERNALS, handleHooks } from '../lang/internals.js';
import { hdrRef } from '../runtime.js';
import { callPrim } from '../lang/eval.js';
import * as V from '../lang/values.js';
import { sha1 } from './hash.js';
import { enumTypeUsed } from '../table/enum.js';
import { qerr, bytesOf, chars, drop, generalOf, listOf, itemsOf } from './util.js';

/** q tokens of a string, whitespace runs included (-4!). */
function tokens(s: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"?|`[\w.:/]*|[A-Za-z.][\w.]*|-?\d[\w.:]*|\s+|[+\-*%!&|<>=~,^#_$?@.:]:?|[^]/gy;
  for (let m: RegExpExecArray | null; (m = re.exec(s)) !== null && m[0] !== '';) out.push(/^\s+$/.test(m[0]) ? m[0] : m[0]);
  return out;
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

INTERNALS.set(-4, (x) => listOf(tokens(bytesOf(x)).map((s) => chars(s))));
INTERNALS.set(-5, (x) => callPrim('parse', [x]));
INTERNALS.set(-10, (x) => {
  const v = V.intValue(x);
  if (x.type !== -5 || v === null) throw qerr('type');
  // whether an enumeration type is still free: 20h is not once a domain exists (basics/internal.md)
  return V.boolAtom(v >= 20 && v <= 76 && !enumTypeUsed(v));
});
INTERNALS.set(-14, (x) => {
  const s = bytesOf(x);
  return chars(/[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);
});
INTERNALS.set(-16, (x) => V.longAtom(Math.max(1, hdrRef(x.ptr) - 1)));
INTERNALS.set(-27, ieee);
INTERNALS.set(-33, (x) => chars(sha1(bytesOf(x)), 4));
INTERNALS.set(-120, () => V.longAtom(0));

export { tokens, generalOf };

// -25!(handles;msg): an async message to each handle (the IPC layer's `neg[h] msg`),
// after checking that every one is an open handle, so that none is sent on an error
INTERNALS.set(-25, (x) => {
  if (x.type !== 0 || x.count !== 2) throw qerr('type');
  const [hs, msg] = itemsOf(x);
  try {
    if (![-6, -7, 6, 7].includes(hs.type)) throw qerr('type');
    const list: (number | null)[] = hs.type < 0 ? [V.intValue(hs)]
      : Array.from({ length: hs.count }, (_, i) => { const v = (hs.data as ArrayLike<number | bigint>)[i]; return v === -2147483648 || v === -9223372036854775808n ? null : Number(v); });
    for (const h of list) {
      if (h === null || h <= 0 || !handleHooks.isOpen?.(h) || !handleHooks.apply) throw qerr(`${h === null ? '0N' : h} is not an ipc handle`);
    }
    for (const h of list) handleHooks.apply!(-(h as number), msg).dispose();
    return V.nil();
  } finally { drop(hs, msg); }
});
