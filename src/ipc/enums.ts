// Enumerations on the wire: kdb+ sends an enumeration as the symbols it stands
// for (basics/ipc.md), keeping the vector's attribute. The engine's codec asks
// here (`enumsym`) for those symbols; the blocks live until the top-level codec
// call ends (fnCodec.run clears them).

import { K } from '../k.js';
import { E, codecHooks, mem, hdrRef } from '../runtime.js';
import { QError } from '../errors.js';
import { isEnum, valueOfEnum } from '../table/enum.js';

const cache = new Map<number, K>();
let pending: QError | undefined;

function enumsym(p: number): number {
  let s = cache.get(p);
  if (!s) {
    try {
      const e = new K(E.r1(p));
      try {
        if (!isEnum(e)) throw new QError('type');
        s = valueOfEnum(e);
      } finally { e.dispose(); }
    } catch (err) {
      pending ??= err instanceof QError ? err : new QError('type');
      return 0;
    }
    // the vector keeps its attribute (a `p#` sym column arrives as `p#`)
    const attr = mem().u8[p + 1];
    if (s.type === 11 && attr && hdrRef(s.ptr) === 1) mem().u8[s.ptr + 1] = attr;
    cache.set(p, s);
  }
  return s.ptr;
}

codecHooks.enumsym = enumsym;

export const enumCodec = {
  clear(): void { for (const k of cache.values()) k.dispose(); cache.clear(); },
  takeError(): QError | undefined { const e = pending; pending = undefined; return e; },
};
