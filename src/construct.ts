// JS values to K handles: the typed constructors (K.long, K.date, …), K.from,
// strings and function values. The conversions themselves are convert.ts's,
// on block pointers; this module only wraps their blocks in handles.

import { E, mem, alloc, fnAlloc } from './runtime.js';
import { QError } from './errors.js';
import { QTYPES, KC } from './types.js';
import { K } from './k.js';
import {
  enc, RAW, UNIX_NS, isTyped, atomFrom, vectorFrom, vectorFromTyped, specialAtom, fromPtr,
} from './convert.js';

/** Options of the typed constructors: the toJS options they invert. */
export interface CtorOptions {
  /** a timestamp given as a bigint is Unix-epoch nanoseconds (as toJS({bigint: true}) gives it) */
  bigint?: boolean;
  /** values are q's stored integers (the default for numbers and bigints already) */
  raw?: boolean;
  map?: boolean;
}

export type Ctor = ((v: unknown, opts?: CtorOptions) => K) & { readonly null: K; readonly inf: K; readonly ninf: K; readonly code: number };

/** The typed constructor for vector code `code`: atom from a scalar, vector
 *  from an array or typed array (null items become the type's null). */
export function ctor(code: number): Ctor {
  const f = (v: unknown, opts?: CtorOptions): K => {
    const flags = opts?.raw ? RAW : opts?.bigint ? UNIX_NS : 0;
    if (v instanceof K) return castIfSame(v, code);
    if (code === KC && typeof v === 'string') {
      const b = enc.encode(v);
      if (b.length !== 1) throw new QError('length');
      return new K(atomFrom(KC, b[0]));
    }
    if (isTyped(v)) return new K(vectorFromTyped(code, v, flags));
    if (Array.isArray(v)) return new K(vectorFrom(code, v, flags));
    return new K(atomFrom(code, v, flags));
  };
  const special = (which: 'null' | 'inf' | 'ninf') => () => {
    if (QTYPES[code]![which] === undefined) throw new QError('type');
    return new K(specialAtom(code, which));
  };
  Object.defineProperties(f, {
    null: { get: special('null') },
    inf: { get: special('inf') },
    ninf: { get: special('ninf') },
    code: { value: code },
  });
  return f as Ctor;
}

function castIfSame(k: K, code: number): K {
  if (Math.abs(k.type) === code) return k.ref();
  throw new QError('type');
}

/** A char vector from a JS string (UTF-8 bytes); from an array of strings, the list of them. */
export function stringFrom(s: string | Uint8Array | readonly (string | Uint8Array)[]): K {
  if (Array.isArray(s)) {
    const items = s.map((x: string | Uint8Array) => stringFrom(x));
    const p = alloc(0, items.length);
    for (let i = 0; i < items.length; i++) { const c = E.r1(items[i].ptr); mem().u32[((p + 16) >>> 2) + i] = c; }
    items.forEach((k) => k.dispose());
    return new K(p);
  }
  const b = typeof s === 'string' ? enc.encode(s) : s as Uint8Array;
  const p = alloc(KC, b.length);
  mem().u8.set(b, p + 16);
  return new K(p);
}

export function from(v: unknown): K {
  if (v instanceof K) return v.ref();
  return new K(fromPtr(v));
}

/** A function value (q types 100..112) whose payload is a JS object kept in
 *  the runtime's function table; the slot is released when the block is freed. */
export function fnValue(type: number, payload: object): K {
  if (!Number.isInteger(type) || type < 100 || type > 112) throw new QError('type');
  const p = alloc(type, 1);
  mem().i32[(p + 16) >>> 2] = fnAlloc(payload);
  return new K(p);
}
