// Helpers every family of q functions shares at the JS boundary.
import { E } from '../runtime.js';
import { K } from '../k.js';
import { from } from '../construct.js';

/** Calls f with every argument as a K: plain JS values are converted with
 *  K.from and released after the call; K arguments are only borrowed. */
export function lift<A extends K[]>(f: (...xs: A) => K): (...xs: unknown[]) => K {
  return (...xs: unknown[]) => {
    const made: K[] = [];
    const ks = xs.map((x) => {
      if (x instanceof K) return x;
      const k = from(x);
      made.push(k);
      return k;
    });
    try {
      return f(...(ks as A));
    } finally {
      for (const k of made) k.dispose();
    }
  };
}

/** The block of a K whose reference passes to the caller (the handle is spent). */
export function takePtr(k: K): number {
  const p = E.r1(k.ptr);
  k.dispose();
  return p;
}
