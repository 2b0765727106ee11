// The q-level handle table: connections a q program sees as integers (`h`).
// Incoming connections (this process serving) and outgoing ones (hopen) share
// it, so `neg[.z.w] x` pushes to a client and `h "x"` queries a server.

import type { K } from '../k.js';
import type { TlsState } from './tlsstate.js';
import { qerr } from '../lang/error.js';

export interface QHandle {
  /** `h x`: a sync request; the response (a new K) */
  sync(x: K): K;
  /** `neg[h] x`: an async message */
  async(x: K): void;
  close(): void;
  /** -30!(h;isError;x): the deferred response to a sync request (incoming connections only) */
  respond?(x: K, isError: boolean): void;
  /** the connection's TLS state (-26!h, .z.e); null or absent without TLS */
  tls?: TlsState | null;
  /** q (kdb+ IPC) or w (WebSocket), as -38! shows it */
  protocol?: 'q' | 'w';
}

const table = new Map<number, QHandle>();
let next = 3; // 0 1 2 are the console, stdout and stderr

export function register(h: QHandle): number {
  while (table.has(next)) next++;
  const n = next++;
  table.set(n, h);
  return n;
}
export function unregister(n: number): void { table.delete(n); }
/** Handle n goes on as another connection object (an HTTP connection upgraded to WebSocket). */
export function replace(n: number, h: QHandle): void { table.set(n, h); }
export function get(n: number): QHandle {
  const h = table.get(Math.abs(n));
  if (!h) throw qerr(String(n).replace(/^-/, '')); // kdb+ names the bad handle
  return h;
}
/** The connection behind handle n (either sign), if one is open. */
export function find(n: number): QHandle | undefined { return table.get(Math.abs(n)); }
export function openHandles(): number[] { return [...table.keys()]; }
