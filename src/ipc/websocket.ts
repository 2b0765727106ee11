// WebSocket (RFC 6455) framing for the server side: kdb+ serves WebSocket on
// its listening port, so an HTTP `GET … Upgrade: websocket` on a fresh
// connection switches it to frames. Text frames reach .z.ws as strings, binary
// frames as bytes; `neg[h] x` sends a string as a text frame and bytes as a
// binary frame.

import { QError } from '../errors.js';

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

/** One unmasked frame (the server side never masks). */
export function frame(opcode: number, payload: Uint8Array): Uint8Array {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const out = new Uint8Array(head + n);
  out[0] = 0x80 | opcode;
  if (n < 126) out[1] = n;
  else if (n < 65536) { out[1] = 126; out[2] = n >> 8; out[3] = n & 255; }
  else { out[1] = 127; new DataView(out.buffer).setBigUint64(2, BigInt(n)); }
  out.set(payload, head);
  return out;
}

export interface WsMessage { text: boolean; data: Uint8Array }

/** Reassembles (masked, possibly fragmented) frames into messages. */
export class FrameReader {
  #buf = new Uint8Array(0);
  #parts: Uint8Array[] = [];
  #partText = false;
  constructor(private onMessage: (m: WsMessage) => void, private onControl: (opcode: number, data: Uint8Array) => void,
    private maxSize = 1 << 30) {}

  push(chunk: Uint8Array): void {
    const b = new Uint8Array(this.#buf.length + chunk.length);
    b.set(this.#buf); b.set(chunk, this.#buf.length);
    this.#buf = b;
    for (;;) {
      const f = this.#next();
      if (!f) return;
    }
  }

  #next(): boolean {
    const b = this.#buf;
    if (b.length < 2) return false;
    const fin = (b[0] & 0x80) !== 0, opcode = b[0] & 15, masked = (b[1] & 0x80) !== 0;
    let n = b[1] & 127, o = 2;
    if (n === 126) { if (b.length < 4) return false; n = (b[2] << 8) | b[3]; o = 4; }
    else if (n === 127) {
      if (b.length < 10) return false;
      const big = new DataView(b.buffer, b.byteOffset + 2, 8).getBigUint64(0);
      if (big > BigInt(this.maxSize)) throw new QError('limit');
      n = Number(big); o = 10;
    }
    if (n > this.maxSize) throw new QError('limit');
    if (!masked) throw new QError('badmsg'); // clients must mask (RFC 6455 5.1)
    if (b.length < o + 4 + n) return false;
    const mask = b.subarray(o, o + 4);
    const data = b.slice(o + 4, o + 4 + n);
    for (let i = 0; i < n; i++) data[i] ^= mask[i & 3];
    this.#buf = b.subarray(o + 4 + n);
    if (opcode >= 8) { this.onControl(opcode, data); return true; }
    if (opcode !== 0) { this.#parts = []; this.#partText = opcode === 1; }
    this.#parts.push(data);
    if (fin) {
      const total = this.#parts.reduce((s, p) => s + p.length, 0);
      const whole = new Uint8Array(total);
      let at = 0;
      for (const p of this.#parts) { whole.set(p, at); at += p.length; }
      this.#parts = [];
      this.onMessage({ text: this.#partText, data: whole });
    }
    return true;
  }
}
