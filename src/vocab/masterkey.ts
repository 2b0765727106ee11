// -36! loads the master key for data-at-rest encryption (basics/internal.md,
// kb/dare.md). The key file is what `openssl enc -aes-256-cbc -md SHA256 -salt
// -pbkdf2 -iter 50000` writes around 32 random bytes: "Salted__", an 8-byte
// salt, then the ciphertext; key and IV come from PBKDF2-HMAC-SHA256 of the
// password over the salt. Node's crypto does the work, so the browser (whose
// WebCrypto is asynchronous only) answers kdb+'s 'encryption lib unavailable.
//   -36!(::)          whether a key is loaded
//   -36!(file;pwd)    load and validate it; errors as kdb+ names them
//   -36!(file;pwd;b)  1b: load it and lock it; 0b: unlock, with the file and password
//                     of the loaded key. Loading while locked is 'DARE key locked.
// The loaded key is kept for the files layer (masterKey()); writing encrypted
// files (algorithm 16) is that layer's.

import type { K } from '../k.js';
import { INTERNALS } from '../lang/internals.js';
import { globals } from '../lang/eval.js';
import * as V from '../lang/values.js';
import { storage } from '../files/storage.js';
import { qerr, bytesOf, itemsOf, drop } from './util.js';

type Crypto = typeof import('node:crypto');
const nodeCrypto = (): Crypto | undefined =>
  (globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as Crypto | undefined;

let loaded: Uint8Array | undefined;
/** -36!(x;y;1b) locked the key: no other key loads until -36!(x;y;0b) unlocks it with this one */
let locked = false;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The master key -36! loaded (32 bytes), if any. */
export function masterKey(): Uint8Array | undefined { return loaded; }

const MAGIC = 'Salted__';
const ITERATIONS = 50000;

/** The 32-byte key inside a key file's bytes, or kdb+'s error. */
export function unwrapKey(file: Uint8Array, password: string, crypto: Crypto): Uint8Array {
  const magicOk = file.length >= 32 && MAGIC.split('').every((c, i) => file[i] === c.charCodeAt(0));
  if (!magicOk || (file.length - 16) % 16 !== 0) throw qerr('unrecognized key format');
  const salt = file.subarray(8, 16);
  let kiv: Uint8Array;
  try {
    kiv = crypto.pbkdf2Sync(Buffer.from(password, 'latin1'), salt, ITERATIONS, 48, 'sha256');
  } catch { throw qerr('PKCS5_PBKDF2_HMAC'); }
  let plain: Uint8Array;
  try {
    const d = crypto.createDecipheriv('aes-256-cbc', kiv.subarray(0, 32), kiv.subarray(32, 48));
    plain = Buffer.concat([d.update(file.subarray(16)), d.final()]);
  } catch { throw qerr('invalid password'); }
  // a wrong password can still end in valid padding; the key is 32 bytes
  if (plain.length !== 32) throw qerr('invalid password');
  return new Uint8Array(plain);
}

function loadKey(x: K): K {
  if (V.isNil(x)) return V.boolAtom(loaded !== undefined);
  if (x.type !== 0 || (x.count !== 2 && x.count !== 3)) throw qerr('type');
  const items = itemsOf(x);
  try {
    const [file, pwd] = items;
    const path = file.type === -11 ? V.symsOf(file)[0] : '';
    if (!path.startsWith(':') || (pwd.type !== 10 && pwd.type !== -10)) throw qerr('type');
    const lock = items.length === 3 ? items[2] : undefined;
    if (lock && lock.type !== -1) throw qerr('type');
    const w = globals.get('.z.w');
    if (w && V.intValue(w) !== 0) throw qerr('Restricted');
    const crypto = nodeCrypto();
    if (!crypto) throw qerr('encryption lib unavailable');
    const key = unwrapKey(storage().read(path.slice(1)), bytesOf(pwd), crypto);
    if (lock && V.intValue(lock) === 0) {
      // unlock with the key that is loaded: another key's file cannot unlock it
      if (loaded && !sameBytes(loaded, key)) throw qerr('invalid password');
      loaded = key;
      locked = false;
      return V.nil();
    }
    if (locked) throw qerr('DARE key locked');
    loaded = key;
    locked = lock !== undefined;
    return V.nil();
  } finally { drop(...items); }
}

INTERNALS.set(-36, loadKey);
