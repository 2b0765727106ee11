// The TLS settings of q's own connections (`hopen `:tcps://…`), read from the
// environment as kdb+ reads them (kb/ssl.md): each SSL_* name is taken from
// KX_SSL_* first, then from SSL_* itself.
//
//   SSL_VERIFY_SERVER  YES (default): the server's certificate must chain to a
//                      trusted CA (the host name is not checked); NO: not
//                      checked; HOSTIP: as YES, and the certificate must name
//                      the host or IP address connected to
//   SSL_CA_CERT_FILE   CA certificates (PEM) to trust
//   SSL_CA_CERT_PATH   a directory of CA certificates (PEM) to trust
//   SSL_CERT_FILE, SSL_KEY_FILE   the certificate and key this side presents
//
// Without a CA file or path, Node's own root store is trusted (kdb+ would look
// in <OPENSSLDIR>, which Node does not expose). Files are read when a
// connection opens, so a changed environment takes effect at the next hopen.

import { QError } from '../errors.js';
import { fs } from './node.js';

/** What a tls.connect needs beyond host and port (plain data: it goes to the bridge worker). */
export interface ClientTls {
  verify: 'YES' | 'NO' | 'HOSTIP';
  ca?: Uint8Array[];
  cert?: Uint8Array;
  key?: Uint8Array;
}

type Env = Record<string, string | undefined>;

/** The value kdb+ uses for an SSL_* setting: KX_-prefixed first. */
export function sslEnv(name: string, env: Env = processEnv()): string | undefined {
  return env['KX_' + name] ?? env[name];
}

function processEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}

// kdb+ reports a TLS set-up that cannot load its files as a failed connection (kb/ssl.md)
const CONN = 'conn. OS reports: Protocol not available';

function read(path: string): Uint8Array {
  try { return fs().readFileSync(path); } catch { throw new QError(CONN); }
}

const PEM_CERT = '-----BEGIN CERTIFICATE-----';

/** The settings for one outgoing TLS connection, from the environment now. */
export function clientTls(env: Env = processEnv()): ClientTls {
  const v = (sslEnv('SSL_VERIFY_SERVER', env) ?? 'YES').toUpperCase();
  const verify = v === 'NO' ? 'NO' : v === 'HOSTIP' ? 'HOSTIP' : 'YES';
  const ca: Uint8Array[] = [];
  const caFile = sslEnv('SSL_CA_CERT_FILE', env);
  if (caFile) ca.push(read(caFile));
  const caPath = sslEnv('SSL_CA_CERT_PATH', env);
  if (caPath) {
    let names: string[];
    try { names = fs().readdirSync(caPath); } catch { throw new QError(CONN); }
    for (const n of names.sort()) {
      let b: Uint8Array;
      try { b = fs().readFileSync(`${caPath}/${n}`); } catch { continue; } // a subdirectory, an unreadable file
      if (new TextDecoder().decode(b).includes(PEM_CERT)) ca.push(b);
    }
  }
  const certFile = sslEnv('SSL_CERT_FILE', env), keyFile = sslEnv('SSL_KEY_FILE', env);
  const own = certFile && keyFile ? { cert: read(certFile), key: read(keyFile) } : {};
  return { verify, ...(ca.length ? { ca } : {}), ...own };
}
