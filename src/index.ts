// qwasm: q's data model and vector primitives in WebAssembly.
import './k.js';
import { K } from './k.js';
import { ctor, from, stringFrom, fnValue, type Ctor } from './construct.js';
import {
  KB, UU, KG, KH, KI, KJ, KE, KF, KC, KS, KP, KM, KD, KZ, KN, KU, KV, KT,
} from './types.js';

export { K } from './k.js';
export { q } from './q.js';
export * as lang from './lang/index.js';
export { QError } from './errors.js';
export { connect, connectWebSocket, listen, serialize, deserialize, Connection } from './ipc/index.js';
export type { ConnectOptions, ListenOptions, Server, SerializeOptions } from './ipc/index.js';
export type { ToJSOptions } from './convert.js';
export type { MemoryStats, WasmSource, InitOptions } from './runtime.js';
export { init, ready, wasmModule, engineMemory, onLoad } from './runtime.js';
export { QTYPES, typeName } from './types.js';
// file systems for q's files: memory, an OPFS mirror, OPFS on sync access handles (a worker's)
export { useStorage, MemoryStorage, OpfsMirror, OpfsSyncStorage } from './files/index.js';
export type { Storage, SyncDirectory } from './files/index.js';

declare module './k.js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace K {
    let from: (v: unknown) => K;
    let boolean: Ctor, guid: Ctor, byte: Ctor, short: Ctor, int: Ctor, long: Ctor, real: Ctor,
      float: Ctor, char: Ctor, symbol: Ctor, timestamp: Ctor, month: Ctor, date: Ctor,
      datetime: Ctor, timespan: Ctor, minute: Ctor, second: Ctor, time: Ctor;
    let string: (s: string | Uint8Array | readonly (string | Uint8Array)[]) => K;
    let fn: (type: number, payload: object) => K;
  }
}

Object.assign(K, {
  from, string: stringFrom, fn: fnValue,
  boolean: ctor(KB), guid: ctor(UU), byte: ctor(KG), short: ctor(KH), int: ctor(KI), long: ctor(KJ),
  real: ctor(KE), float: ctor(KF), char: ctor(KC), symbol: ctor(KS), timestamp: ctor(KP), month: ctor(KM),
  date: ctor(KD), datetime: ctor(KZ), timespan: ctor(KN), minute: ctor(KU), second: ctor(KV), time: ctor(KT),
});
