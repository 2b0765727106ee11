// masterkey.ts as the browser bundle has it (scripts/build.mjs swaps it in): the
// key file's PBKDF2 and AES need Node's synchronous crypto (WebCrypto is
// asynchronous only), so a page has no key: -36!(::) is 0b and loading one is
// kdb+'s 'encryption lib unavailable.

import type { K } from '../k.js';
import { INTERNALS } from '../lang/internals.js';
import * as V from '../lang/values.js';
import { qerr } from './util.js';

/** The master key -36! loaded: none in a page. */
export function masterKey(): Uint8Array | undefined { return undefined; }

INTERNALS.set(-36, (x: K): K => {
  if (V.isNil(x)) return V.boolAtom(false);
  throw qerr('encryption lib unavailable');
});
