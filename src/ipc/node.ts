// Node's built-in modules, reached at run time so that the browser bundle (which
// has no sockets) still loads this layer; 'nyi outside Node.
import type * as Net from 'node:net';
import type * as Tls from 'node:tls';
import type * as WorkerThreads from 'node:worker_threads';
import type * as Fs from 'node:fs';
import { QError } from '../errors.js';

function builtin<T>(name: string): T {
  const g = globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } };
  const m = g.process?.getBuiltinModule?.(name) as T | undefined;
  if (!m) throw new QError('nyi');
  return m;
}
export const net = (): typeof Net => builtin<typeof Net>('node:net');
export const tls = (): typeof Tls => builtin<typeof Tls>('node:tls');
export const workerThreads = (): typeof WorkerThreads => builtin<typeof WorkerThreads>('node:worker_threads');

/** Is this address the local machine (kdb+ never compresses there)? */
export function isLoopback(addr: string | undefined): boolean {
  if (!addr) return false;
  return addr === '::1' || addr === 'localhost' || addr.startsWith('127.') || addr.startsWith('::ffff:127.');
}
export const fs = (): typeof Fs => builtin<typeof Fs>('node:fs');
