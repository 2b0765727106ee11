// The 8-byte message header's length field. kdb+ 3.4 raised the IPC message
// limit from 2 GB to 1 TB for connections whose common capability is 5 or 6
// (basics/ipc.md, interfaces/capiref.md): the length is then a 40-bit count,
// byte 3 (zero in every smaller message) holding bits 32..39 above the 32-bit
// field at bytes 4..7 (in the message's byte order). Below 2 GB both readings
// agree, so one reader serves every capability.
//
//   ┌────┬────┬────┬──────────┬──────────────────────────┐
//   │ e  │ mt │ z  │ len>>32  │ len & 0xffffffff (u32)   │
//   └────┴────┴────┴──────────┴──────────────────────────┘

/** The capabilities a qwasm server accepts (the handshake's answer is the smaller of this and the client's). */
export const MAX_CAPABILITY = 6;
/** Message limits: 2 GB below capability 5, 1 TB from 5 on. */
export const LIMIT_2GB = 0x7fffffff;
export const LIMIT_1TB = 2 ** 40 - 1;

export function messageLimit(capability: number): number { return capability >= 5 ? LIMIT_1TB : LIMIT_2GB; }

/** The common capability a server answers: the client's, capped at ours. */
export function commonCapability(client: number): number { return Math.min(client, MAX_CAPABILITY); }

/** The total length a header declares (header included). */
export function messageLength(head: Uint8Array): number {
  const le = head[0] === 1;
  const low = new DataView(head.buffer, head.byteOffset + 4, 4).getUint32(0, le);
  return head[3] * 2 ** 32 + low;
}

/** Writes length n into a header (bytes 3..7); n up to 1 TB. */
export function setMessageLength(head: Uint8Array, n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > LIMIT_1TB) throw new RangeError('message length');
  head[3] = Math.floor(n / 2 ** 32);
  new DataView(head.buffer, head.byteOffset + 4, 4).setUint32(0, n % 2 ** 32, head[0] === 1);
}
