// What a client's message may not do unless the server's owner allows it: touch
// files. While a client's message is evaluated, the files layer's storage is
// one that refuses every operation with 'access (the error kdb+ gives a client
// of a server restricted by -u), so `read0`, `get`, `set`, `0:`, `1:`, file
// handles and `\l` fail the same way. .h.HOME's files are the owner's choice
// and do not go through it. Nor may such a message change how the server serves:
// setting `\p` (stop or move the listener) or `\T` (lift the time limit) is
// 'access too, as kdb+ refuses system commands to clients under -u.

import { QError } from '../errors.js';
import { useStorage, type Storage } from '../files/storage.js';

const refuse = (): never => { throw new QError('access'); };
const NO_FILES: Storage = {
  size: refuse, exists: refuse, isDir: refuse, list: refuse, readInto: refuse,
  read: refuse, write: refuse, append: refuse, mkdirp: refuse, remove: refuse,
};

let restricted = 0;

/** Runs f (a client's message) with files refused unless `files` allows them. */
export function clientScope<T>(files: boolean, f: () => T): T {
  if (files) return f();
  const prev = useStorage(NO_FILES);
  restricted++;
  try { return f(); } finally { restricted--; useStorage(prev); }
}

/** Signals 'access when a restricted client's message is running (a setting it may not change). */
export function refuseToClients(): void { if (restricted > 0) throw new QError('access'); }
