// Test inputs built straight in engine memory: a general list of char vectors
// from latin1 strings (each JS char one byte), bypassing the converters under test.
import { K } from '../src/index.js';
import { alloc, mem } from '../src/runtime.js';

/** A general list of char vectors from latin1 strings. */
export function strings(xs: string[]): K {
  const p = alloc(0, xs.length);
  xs.forEach((s, i) => {
    const c = alloc(10, s.length);
    for (let j = 0; j < s.length; j++) mem().u8[c + 16 + j] = s.charCodeAt(j) & 255;
    mem().u32[((p + 16) >> 2) + i] = c;
  });
  return new K(p);
}
