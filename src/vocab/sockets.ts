// Internal functions about connections (basics/internal.md):
//   -26!()  the process's TLS settings: a dictionary of symbols keyed by the
//           names kdb+ reads from the environment (kb/ssl.md). SSLEAY_VERSION is
//           the OpenSSL that Node's tls runs on; each other value is the
//           KX_-prefixed variable, else the unprefixed one, else the default this
//           engine uses (file paths: none, kdb+ would name <OPENSSLDIR> files the
//           engine cannot know; ciphers: Node's default list). Without Node there
//           is no OpenSSL: 'encryption lib unavailable, kdb+'s name for that.
//   -26!h   connection h's TLS state, as .z.e shows it (src/ipc/tlsstate.ts):
//           cipher, protocol and the peer's certificate; empty without TLS.
//   -38!h   the socket table of handles from the IPC handle registry: protocol
//           (q, or w for a WebSocket when the handle object says so), family
//           (t: every connection here is TCP), compression, unsent messages and
//           bytes (none: writes go to the socket at once, as .z.W reports).

import type { K } from '../k.js';
import { INTERNALS } from '../lang/internals.js';
import * as V from '../lang/values.js';
import { callPrim } from '../lang/eval.js';
import { find } from '../ipc/handles.js';
import { tlsDict } from '../ipc/tlsstate.js';
import { qerr, chars, charAtom, drop, vec } from './util.js';

type Env = Record<string, string | undefined>;
interface NodeProcess { env?: Env; versions?: { openssl?: string }; getBuiltinModule?: (m: string) => unknown }
const nodeProcess = (): NodeProcess | undefined => (globalThis as { process?: NodeProcess }).process;

const SSL_DEFAULTS: [string, (env: Env) => string][] = [
  ['SSL_CERT_FILE', () => ''],
  ['SSL_CA_CERT_FILE', () => ''],
  ['SSL_CA_CERT_PATH', () => ''],
  ['SSL_KEY_FILE', () => ''],
  ['SSL_CIPHER_LIST', () => (nodeProcess()?.getBuiltinModule?.('node:tls') as { DEFAULT_CIPHERS?: string } | undefined)?.DEFAULT_CIPHERS ?? ''],
  ['SSL_VERIFY_CLIENT', () => 'NO'],
  ['SSL_VERIFY_SERVER', () => 'YES'],
];

function sslSettings(x: K): K {
  const isHandle = x.type === -6 || x.type === -7 || x.type === -5;
  if (!isHandle && !V.isNil(x) && !(x.type === 0 && x.count === 0)) throw qerr('type');
  const proc = nodeProcess();
  const openssl = proc?.versions?.openssl;
  if (!openssl || !proc?.getBuiltinModule) throw qerr('encryption lib unavailable');
  if (isHandle) {
    const h = V.intValue(x);
    const conn = h === null ? undefined : find(h);
    if (!conn) throw qerr(String(h ?? '0N'));
    return tlsDict(conn.tls); // as .z.e for that connection: empty without TLS
  }
  const env = proc.env ?? {};
  const keys = ['SSLEAY_VERSION', ...SSL_DEFAULTS.map(([k]) => k)];
  const vals = ['OpenSSL ' + openssl, ...SSL_DEFAULTS.map(([k, dflt]) => env['KX_' + k] ?? env[k] ?? dflt(env))];
  return V.dictOf(V.symVec(keys), V.symVec(vals));
}

/** How a handle object may describe its socket (the IPC layer sets it where it knows). */
interface SocketInfo { protocol?: 'q' | 'w'; compressed?: boolean }

const COLUMNS = ['p', 'f', 'z', 'n', 'm'];

function socketRow(h: number): K {
  const conn = find(h) as (SocketInfo & object) | undefined;
  if (!conn || h <= 0) throw qerr(String(h));
  const vals = V.generalOf([charAtom(conn.protocol ?? 'q'), charAtom('t'), V.boolAtom(conn.compressed ?? false), V.longAtom(0), V.longAtom(0)]);
  return V.dictOf(V.symVec(COLUMNS), vals);
}

function socketTable(x: K): K {
  if (x.type === -6 || x.type === -7 || x.type === -5) {
    const h = V.intValue(x);
    if (h === null) throw qerr('0N');
    return socketRow(h);
  }
  if (x.type !== 6 && x.type !== 7 && x.type !== 5 && !(x.type === 0 && x.count === 0)) throw qerr('type');
  const hs = x.type === 0 ? [] : Array.from(x.data as ArrayLike<number | bigint>, Number);
  if (hs.length === 0) {
    const cols = V.generalOf([chars(''), chars(''), vec(1, []), V.longVec([]), V.longVec([])]);
    const d = V.dictOf(V.symVec(COLUMNS), cols);
    try { return callPrim('flip', [d]); } finally { drop(d); }
  }
  const rows: K[] = [];
  try {
    for (const h of hs) rows.push(socketRow(h));
  } catch (e) { drop(...rows); throw e; }
  return V.listOf(rows);
}

INTERNALS.set(-26, sslSettings);
INTERNALS.set(-38, socketTable);
