// qwasm/arrow: q values <-> Apache Arrow (what PyKX's .pa() is for Python).
//
//   toArrowIPC(k)          Arrow IPC stream bytes: any Arrow reader takes them
//   fromArrowIPC(bytes)    a K from an Arrow IPC stream (or file)
//   toArrow(k, arrow)      an apache-arrow Table (a Vector for a q vector); pass
//                          the apache-arrow module: the bridge imports none
//   fromArrow(x)           a K from an apache-arrow Table, RecordBatch or Vector
//
// Tables map column for column, keyed tables and dictionaries come back as
// themselves through schema metadata, and a q vector is a one-column table
// (or an apache-arrow Vector). Types and nulls: see fromq.ts and toq.ts.
//
// toArrow shares memory: a numeric column whose Arrow layout is q's (h i j e f
// x n v t) is handed over as a view of the engine's memory. Such an Arrow
// table reads correctly while `k` is alive and until the engine next grows its
// memory (any allocation may); pass { copy: true } for a table that owns its
// buffers. toArrowIPC always writes a copy.

import type { K } from '../index.js';
import { fromQ } from './fromq.js';
import { toQ } from './toq.js';
import { writeStream, readStream } from './ipc.js';
import { toApache, fromApache, type ArrowModule } from './apache.js';

export type { ArrowModule } from './apache.js';
export type { AType, AField, ACol, ATable } from './model.js';

export interface ToArrowOptions {
  /** copy every buffer out of engine memory (default false: share where the layout allows) */
  copy?: boolean;
}

/** Arrow IPC stream bytes for a table, keyed table, dictionary or vector. */
export function toArrowIPC(k: K): Uint8Array {
  return writeStream(fromQ(k));
}

/** A new K from Arrow IPC stream (or file) bytes. */
export function fromArrowIPC(bytes: Uint8Array | ArrayBuffer): K {
  return toQ(readStream(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)));
}

/** An apache-arrow Table for a table, keyed table or dictionary; a Vector for a vector. */
export function toArrow(k: K, arrow: ArrowModule, opts: ToArrowOptions = {}): unknown {
  return toApache(arrow, fromQ(k, opts));
}

/** A new K from an apache-arrow Table, RecordBatch or Vector. */
export function fromArrow(x: unknown): K {
  return toQ(fromApache(x));
}
