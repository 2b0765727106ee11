// syncbridge.ts as the browser bundle has it (scripts/build.mjs swaps it in).
// q's synchronous `h x` needs a thread that may block while another owns the
// socket; a page has no Node worker_threads or sockets, so q-level hopen is
// 'nyi there (the JS client, connect() over WebSocket, is the browser's way).

import { QError } from '../errors.js';
import type { SyncReply } from './syncbridge.js';

export type { SyncReply };

export function setBridgeListeners(_push: (id: number, bytes: Uint8Array) => void, _closed: (id: number) => void): void { /* no bridge */ }
export function bridgeOpen(_id: number, _host: string, _port: number, _auth: string, _timeout: number, _tls?: unknown): { capability: number } { throw new QError('nyi'); }
export function bridgeSync(_id: number, _bytes: Uint8Array, _timeout: number): SyncReply { throw new QError('nyi'); }
export function bridgeRespond(_id: number, _bytes: Uint8Array, _timeout: number): SyncReply { throw new QError('nyi'); }
export function bridgeAsync(_id: number, _bytes: Uint8Array): void { throw new QError('nyi'); }
export function bridgeClose(_id: number): void { /* nothing is open */ }
