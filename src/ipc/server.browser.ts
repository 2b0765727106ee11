// server.ts as the browser bundle has it (scripts/build.mjs swaps it in): a page
// cannot accept connections, so `listen` and `\p N` are 'nyi there, as they
// were when the Node-only code was bundled and failed on its first socket call.
// Keeping the socket server, HTTP and blocking reads out of the page keeps the
// browser bundle inside its size budget.

import { QError } from '../errors.js';
import type { ListenOptions, Server } from './server.js';

export type { ListenOptions, Server };

export function setServeFiles(_allow: boolean): void { /* nothing serves files here */ }

export function listen(_opts: ListenOptions | number): Promise<Server> { throw new QError('nyi'); }

export function listening(): Server[] { return []; }
