// Blocking reads and writes on a server's client socket, for a sync call the
// server makes to its client (`.z.w "x"`, `h "x"`): q must have the response
// before the next statement runs, but this thread's event loop, which would
// deliver the socket's data, does not run until evaluation returns.
//
// So the call goes under libuv for the one connection: it writes and reads the
// socket's descriptor itself (non-blocking, polled), and libuv carries on with
// the same descriptor once the call returns. That needs a plain TCP socket with
// a descriptor (not a TLSSocket, whose bytes Node's stream decrypts: a TLS
// server's clients reach this thread as plain loopback connections from a
// worker that terminates TLS, tlsfront.ts), and no bytes of earlier writes
// still queued in Node (they would go after ours).

import type * as Net from 'node:net';
import { QError } from '../errors.js';
import { getInterruptCheck } from '../interrupt.js';
import { fs } from './node.js';

// made on first use: a browser page without cross-origin isolation has no SharedArrayBuffer
let nap: Int32Array | undefined;

/** The socket's descriptor when a blocking call can use it; else 'nyi. */
export function blockingFd(socket: Net.Socket): number {
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if ('encrypted' in socket || typeof fd !== 'number' || fd < 0) throw new QError('nyi');
  if (socket.writableLength > 0) throw new QError('nyi'); // earlier writes still queued in Node
  return fd;
}

const again = (e: unknown) => {
  const c = (e as { code?: string }).code;
  return c === 'EAGAIN' || c === 'EWOULDBLOCK';
};

/** Waits a moment between polls: spin first (answers often come within microseconds),
 *  then sleep a millisecond at a time. The interrupt check (\T's 'stop) runs each time. */
function pause(spins: number): void {
  getInterruptCheck()?.();
  if (spins > 200) Atomics.wait(nap ??= new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}

/** Writes all of b to fd. */
export function writeAll(fd: number, b: Uint8Array): void {
  for (let o = 0, spins = 0; o < b.length;) {
    try { o += fs().writeSync(fd, b, o, b.length - o); spins = 0; } catch (e) {
      if (!again(e)) throw new QError('closed');
      pause(++spins);
    }
  }
}

/** Reads what has arrived on fd (waiting until something has); empty at end of stream. */
export function readSome(fd: number): Uint8Array {
  const b = new Uint8Array(1 << 16);
  for (let spins = 0; ; spins++) {
    try { return b.subarray(0, fs().readSync(fd, b, 0, b.length, null)); } catch (e) {
      if (!again(e)) return b.subarray(0, 0);
      pause(spins);
    }
  }
}
