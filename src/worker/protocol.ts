// Messages from the worker client to the worker host. Replies are
// { id, ok } on success and { id, err, q } on failure (q: a q error name).
import type { Wire } from './wire.js';

export type Request = { id: number } & (
  | { op: 'init'; wasm?: WebAssembly.Module; flag?: SharedArrayBuffer }
  | { op: 'q'; text: string; args?: Wire[] }
  | { op: 'console'; text: string }
  | { op: 'eval'; text: string }
  | { op: 'set'; name: string; value: Wire }
  | { op: 'get'; name: string }
  | { op: 'snapshot' }
  | { op: 'view'; text: string }
  | { op: 'release'; handle: number }
  | { op: 'reset' }
  | { op: 'opfs'; action: 'mount' | 'flush' | 'save' | 'restore'; dir?: string }
);

export type Reply = { id: number; ok?: unknown; err?: string; q?: boolean };

/** A result left in the worker's shared memory: where each column's items are. */
export interface SharedColumn { name: string; t: number; at: number; n: number; syms?: string[] }
export interface SharedResult { handle: number; t: number; cols: SharedColumn[] }
