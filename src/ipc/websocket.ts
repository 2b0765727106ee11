// WebSocket (RFC 6455) framing for the server side: kdb+ serves WebSocket on
// its listening port, so an HTTP `GET … Upgrade: websocket` on a fresh
// connection switches it to frames. Text frames reach .z.ws as strings, binary
// frames as bytes; `neg[h] x` sends a string as a text frame and bytes as a
// binary frame.

import { QError } from '../errors.js';
import type { K } from '../k.js';
import { mem } from '../runtime.js';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function sha1Base64(s: string): string {
  const g = globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } };
  const crypto = g.process?.getBuiltinModule?.('node:crypto') as typeof import('node:crypto') | undefined;
  if (!crypto) throw new QError('nyi');
  return crypto.createHash('sha1').update(s).digest('base64');
}

/** The HTTP request head, once complete (undefined while more bytes are needed). */
export function parseUpgrade(head: Uint8Array): { line: string; headers: Map<string, string>; rawHeaders: [string, string][]; end: number } | undefined {
  let end = -1;
  for (let i = 3; i < head.length; i++) {
    if (head[i - 3] === 13 && head[i - 2] === 10 && head[i - 1] === 13 && head[i] === 10) { end = i + 1; break; }
  }
  if (end < 0) return undefined;
  const lines = new TextDecoder().decode(head.subarray(0, end)).split('\r\n');
  const headers = new Map<string, string>();
  const rawHeaders: [string, string][] = [];
  for (const l of lines.slice(1)) {
    const c = l.indexOf(':');
    if (c > 0) {
      headers.set(l.slice(0, c).trim().toLowerCase(), l.slice(c + 1).trim());
      rawHeaders.push([l.slice(0, c).trim(), l.slice(c + 1).trim()]);
    }
  }
  return { line: lines[0], headers, rawHeaders, end };
}

/** The 101 response accepting the upgrade, or undefined when it is not a WebSocket request. */
export function upgradeResponse(headers: Map<string, string>): string | undefined {
  const key = headers.get('sec-websocket-key');
  if (!key || !/websocket/i.test(headers.get('upgrade') ?? '')) return undefined;
  return 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
    + `Sec-WebSocket-Accept: ${sha1Base64(key + GUID)}\r\n\r\n`;
}

/** The header of one unmasked frame (the server side never masks) of n payload bytes, written at out[0..]; its length. */
function frameHead(opcode: number, n: number, out: Uint8Array): number {
  out[0] = 0x80 | opcode;
  if (n < 126) { out[1] = n; return 2; }
  if (n < 65536) { out[1] = 126; out[2] = n >> 8; out[3] = n & 255; return 4; }
  out[1] = 127;
  new DataView(out.buffer, out.byteOffset).setBigUint64(2, BigInt(n));
  return 10;
}
const headRoom = (n: number) => (n < 126 ? 2 : n < 65536 ? 4 : 10);

/** One unmasked frame holding payload. */
export function frame(opcode: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(headRoom(payload.length) + payload.length);
  out.set(payload, frameHead(opcode, payload.length, out));
  return out;
}

/** A binary frame of the message held by the engine byte vector m (borrowed):
 *  the header is written in front of the message bytes as they are copied out of
 *  the engine, the one copy a TCP send makes too. */
export function frameK(m: K): Uint8Array {
  const n = m.count;
  const out = new Uint8Array(headRoom(n) + n);
  const o = frameHead(2, n, out);
  out.set(mem().u8.subarray(m.ptr + 16, m.ptr + 16 + n), o);
  return out;
}

export interface WsMessage { text: boolean; data: Uint8Array }

/** Reassembles (masked, possibly fragmented) frames into messages. Each frame's
 *  payload is gathered into one buffer of its announced size as chunks arrive,
 *  and unmasked four bytes at a time. */
export class FrameReader {
  #head = new Uint8Array(14);
  #have = 0;                 // header bytes gathered (while #data is unset)
  #data: Uint8Array | undefined;
  #filled = 0;
  #fin = false;
  #opcode = 0;
  #mask = 0;
  #parts: Uint8Array[] = [];
  #partText = false;
  constructor(private onMessage: (m: WsMessage) => void, private onControl: (opcode: number, data: Uint8Array) => void,
    private maxSize = 1 << 30) {}

  push(chunk: Uint8Array): void {
    let o = 0;
    while (o < chunk.length || (this.#data && this.#filled === this.#data.length)) {
      if (!this.#data) {
        this.#head[this.#have++] = chunk[o++];
        const need = this.#headerLength();
        if (need < 0 || this.#have < need) continue;
        this.#start();
        continue;
      }
      const take = Math.min(this.#data.length - this.#filled, chunk.length - o);
      this.#data.set(chunk.subarray(o, o + take), this.#filled);
      this.#filled += take; o += take;
      if (this.#filled === this.#data.length) this.#finish();
    }
  }

  /** The full header length once enough is known (-1: not yet). */
  #headerLength(): number {
    if (this.#have < 2) return -1;
    const n = this.#head[1] & 127;
    return 2 + (n === 126 ? 2 : n === 127 ? 8 : 0) + 4;
  }

  #start(): void {
    const b = this.#head;
    if ((b[1] & 0x80) === 0) throw new QError('badmsg'); // clients must mask (RFC 6455 5.1)
    this.#fin = (b[0] & 0x80) !== 0;
    this.#opcode = b[0] & 15;
    let n = b[1] & 127, o = 2;
    if (n === 126) { n = (b[2] << 8) | b[3]; o = 4; }
    else if (n === 127) {
      const big = new DataView(b.buffer, 2, 8).getBigUint64(0);
      if (big > BigInt(this.maxSize)) throw new QError('limit');
      n = Number(big); o = 10;
    }
    if (n > this.maxSize) throw new QError('limit');
    this.#mask = new DataView(b.buffer, o, 4).getUint32(0, true);
    this.#data = new Uint8Array(n);
    this.#filled = 0;
    this.#have = 0;
  }

  #finish(): void {
    const data = this.#data!;
    this.#data = undefined;
    unmask(data, this.#mask);
    const opcode = this.#opcode;
    if (opcode >= 8) { this.onControl(opcode, data); return; }
    if (opcode !== 0) { this.#parts = []; this.#partText = opcode === 1; }
    this.#parts.push(data);
    if (!this.#fin) return;
    const parts = this.#parts;
    this.#parts = [];
    let whole = parts[0];
    if (parts.length > 1) {
      whole = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
      let at = 0;
      for (const p of parts) { whole.set(p, at); at += p.length; }
    }
    this.onMessage({ text: this.#partText, data: whole });
  }
}

/** XORs data (a fresh buffer, so 4-byte aligned) with the little-endian mask word, in place. */
function unmask(data: Uint8Array, mask: number): void {
  const words = data.length >> 2;
  if (words) {
    const w = new Uint32Array(data.buffer, data.byteOffset, words);
    for (let i = 0; i < words; i++) w[i] ^= mask;
  }
  for (let i = words << 2; i < data.length; i++) data[i] ^= (mask >>> ((i & 3) * 8)) & 255;
}
