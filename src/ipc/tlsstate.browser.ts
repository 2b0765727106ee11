// tlsstate.ts as the browser bundle has it (scripts/build.mjs swaps it in): a page
// has no TLS connections of its own (WebSocket TLS is the browser's), so every
// handle's TLS state is the empty dictionary .z.e shows without TLS.
import type { K } from '../k.js';
import * as V from '../lang/values.js';
import type { TlsState } from './tlsstate.js';

export type { TlsState };

export function tlsDict(_s: TlsState | null | undefined): K { return V.dictOf(V.generalOf([]), V.generalOf([])); }
