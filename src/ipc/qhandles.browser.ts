// qhandles.ts as the browser bundle has it (scripts/build.mjs swaps it in): a
// page opens no q-level connections (they need the blocking worker-thread
// bridge) and listens on no port, so hopen and \p N are 'nyi there, as they were
// when the Node code was bundled; no handle is ever open, so applying an int
// fails as kdb+'s write to a closed handle. The .z values a page can still ask
// for keep their console values. Leaving the Node handle layer out keeps the
// page bundle inside its size budget.

import { QError } from '../errors.js';
import { prim } from '../ops/registry.js';
import { handleHooks, systemHooks, dotzHooks } from '../lang/internals.js';
import * as V from '../lang/values.js';
import { K } from '../k.js';
import { alloc } from '../runtime.js';

const nyi = (): never => { throw new QError('nyi'); };
prim('hopen', { monad: nyi });
prim('hclose', { monad: (x) => { throw new QError(`Cannot write to handle ${Math.abs(V.intValue(x) ?? 0)}. OS reports: Bad file descriptor`); } });
handleHooks.isOpen = () => false;
dotzHooks.H = () => new K(alloc(6, 0));
dotzHooks.w = () => V.intAtom(0);
dotzHooks.u = () => V.symAtom('');
dotzHooks.a = () => V.intAtom(0);
systemHooks.p = (arg: string) => { if (arg) nyi(); return V.intAtom(0); };

export function whenListening(): Promise<undefined> { return Promise.resolve(undefined); }
