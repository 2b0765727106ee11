// The sort the files layer needs (.Q.dpft orders a table on its sort field).
import type { K } from '../k.js';
import { lookup } from '../ops/registry.js';
import { QError } from '../errors.js';

export function iascK(x: K): K {
  const f = lookup('iasc')?.monad;
  if (!f) throw new QError('nyi');
  return f(x);
}
