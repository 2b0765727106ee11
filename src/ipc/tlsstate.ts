// A connection's TLS state as q shows it: `-26!h` and `.z.e` (ref/dotz.md,
// basics/internal.md). The sockets live in worker threads (the q-level client's
// bridge, the server's TLS front), so what crosses to this thread is plain data
// (TlsState), taken once the handshake is done; the dictionary is built here:
//
//   CIPHER  | `name             (OpenSSL's name of the cipher)
//   PROTOCOL| `TLSv1.3
//   CERT    | `SUBJECT`ISSUER`SERIALNUMBER`NOTVALIDBEFORE`NOTVALIDAFTER`VERIFIED`VERIFYERROR!(…)
//
// CERT is the peer's certificate, absent when the peer presented none (a server
// asks its clients for one only when told to). A connection without TLS gives
// an empty dictionary.

import type * as Crypto from 'node:crypto';
import { K } from '../k.js';
import * as V from '../lang/values.js';

export interface TlsState {
  cipher: string;
  protocol: string;
  /** the peer's certificate, DER */
  cert?: Uint8Array;
  /** the peer's certificate chains to a trusted CA */
  verified: boolean;
  /** why not, as Node names OpenSSL's verify result (e.g. DEPTH_ZERO_SELF_SIGNED_CERT) */
  error?: string;
}

// OpenSSL's X509_V_ERR_* numbers for the verify results Node reports by name
const VERIFY_ERRORS: Record<string, number> = {
  UNABLE_TO_GET_ISSUER_CERT: 2, UNABLE_TO_GET_CRL: 3, UNABLE_TO_DECRYPT_CERT_SIGNATURE: 4,
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 6, CERT_SIGNATURE_FAILURE: 7, CRL_SIGNATURE_FAILURE: 8,
  CERT_NOT_YET_VALID: 9, CERT_HAS_EXPIRED: 10, CRL_NOT_YET_VALID: 11, CRL_HAS_EXPIRED: 12,
  ERROR_IN_CERT_NOT_BEFORE_FIELD: 13, ERROR_IN_CERT_NOT_AFTER_FIELD: 14, OUT_OF_MEM: 17,
  DEPTH_ZERO_SELF_SIGNED_CERT: 18, SELF_SIGNED_CERT_IN_CHAIN: 19, UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 20,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 21, CERT_CHAIN_TOO_LONG: 22, CERT_REVOKED: 23, INVALID_CA: 24,
  PATH_LENGTH_EXCEEDED: 25, INVALID_PURPOSE: 26, CERT_UNTRUSTED: 27, CERT_REJECTED: 28,
  HOSTNAME_MISMATCH: 62, ERR_TLS_CERT_ALTNAME_INVALID: 62,
};

/** OpenSSL's verify result number: 0 when verified, 1 (unspecified) for a reason it has no number for. */
export function verifyError(s: TlsState): number {
  if (s.verified) return 0;
  return (s.error && VERIFY_ERRORS[s.error]) || 1;
}

function x509(der: Uint8Array): Crypto.X509Certificate | undefined {
  const crypto = (globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as typeof Crypto | undefined;
  try { return crypto ? new crypto.X509Certificate(der) : undefined; } catch { return undefined; }
}

/** A distinguished name in OpenSSL's one-line form: /C=US/ST=CA/CN=name. */
const oneLine = (dn: string) => dn.split('\n').filter(Boolean).map((part) => '/' + part).join('');

function certDict(s: TlsState, c: Crypto.X509Certificate): K {
  const keys = V.symVec(['SUBJECT', 'ISSUER', 'SERIALNUMBER', 'NOTVALIDBEFORE', 'NOTVALIDAFTER', 'VERIFIED', 'VERIFYERROR']);
  const vals = V.generalOf([
    V.charVec(oneLine(c.subject)), V.charVec(oneLine(c.issuer)),
    V.charVec(c.serialNumber.toUpperCase().replace(/^0+(?=.)/, '')),
    V.charVec(c.validFrom), V.charVec(c.validTo),
    V.boolAtom(s.verified), V.longAtom(verifyError(s)),
  ]);
  return V.dictOf(keys, vals);
}

/** The dictionary -26!h and .z.e show for a connection (empty without TLS). */
export function tlsDict(s: TlsState | null | undefined): K {
  if (!s) return V.dictOf(V.generalOf([]), V.generalOf([]));
  const c = s.cert && s.cert.length ? x509(s.cert) : undefined;
  const keys = ['CIPHER', 'PROTOCOL', ...(c ? ['CERT'] : [])];
  const vals = [V.symAtom(s.cipher), V.symAtom(s.protocol), ...(c ? [certDict(s, c)] : [])];
  return V.dictOf(V.symVec(keys), V.listOf(vals));
}
