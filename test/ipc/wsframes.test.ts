// WebSocket framing (RFC 6455) on the server side: the reader gathers each
// masked frame into one buffer however the bytes are split into chunks, and the
// writer puts the header in front of a message copied once out of the engine.
import { describe, it, expect } from 'vitest';
import { q } from '../../src/index.js';
import { serialize, serializeK } from '../../src/ipc/codec.js';
import { FrameReader, frame, frameK, type WsMessage } from '../../src/ipc/websocket.js';

/** A client frame: masked with `mask`, its length in the 7-, 16- or 64-bit form. */
function clientFrame(opcode: number, payload: Uint8Array, fin = true, mask = [0x12, 0x34, 0x56, 0x78]): Uint8Array {
  const n = payload.length;
  const len = n < 126 ? [0x80 | n] : n < 65536 ? [0x80 | 126, n >> 8, n & 255] : [0x80 | 127, 0, 0, 0, 0, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
  const out = new Uint8Array(1 + len.length + 4 + n);
  out[0] = (fin ? 0x80 : 0) | opcode;
  out.set(len, 1);
  out.set(mask, 1 + len.length);
  for (let i = 0; i < n; i++) out[1 + len.length + 4 + i] = payload[i] ^ mask[i & 3];
  return out;
}
const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);

function readAll(chunks: Uint8Array[]): { messages: WsMessage[]; controls: [number, Uint8Array][] } {
  const messages: WsMessage[] = [], controls: [number, Uint8Array][] = [];
  const r = new FrameReader((m) => messages.push(m), (op, d) => controls.push([op, d]));
  for (const c of chunks) r.push(c);
  return { messages, controls };
}
function split(b: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
}

describe('FrameReader', () => {
  it('unmasks payloads of every length form, with 0..3 bytes past a whole word', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 125, 126, 127, 65535, 65536, 70001]) {
      const p = bytes(n);
      const { messages } = readAll([clientFrame(2, p)]);
      expect(messages.length).toBe(1);
      expect(messages[0].text).toBe(false);
      expect(Buffer.from(messages[0].data).equals(Buffer.from(p))).toBe(true);
    }
  });
  it('takes frames split anywhere, several per chunk, byte by byte', () => {
    const a = bytes(300, 1), b = new TextEncoder().encode('hello'), c = bytes(70000, 3);
    const stream = Buffer.concat([clientFrame(2, a), clientFrame(1, b), clientFrame(2, c)]);
    for (const size of [1, 2, 3, 7, 64, 4096, stream.length]) {
      const { messages } = readAll(split(stream, size));
      expect(messages.map((m) => [m.text, m.data.length])).toEqual([[false, 300], [true, 5], [false, 70000]]);
      expect(Buffer.from(messages[2].data).equals(Buffer.from(c))).toBe(true);
    }
  });
  it('joins fragments, with a control frame (ping) between them', () => {
    const stream = Buffer.concat([
      clientFrame(1, new TextEncoder().encode('ab'), false),
      clientFrame(9, new TextEncoder().encode('p')),
      clientFrame(0, new TextEncoder().encode('cd'), false),
      clientFrame(0, new TextEncoder().encode('e'), true),
    ]);
    const { messages, controls } = readAll(split(stream, 3));
    expect(messages.map((m) => [m.text, new TextDecoder().decode(m.data)])).toEqual([[true, 'abcde']]);
    expect(controls.map(([op, d]) => [op, new TextDecoder().decode(d)])).toEqual([[9, 'p']]);
  });
  it('refuses an unmasked frame (badmsg) and one past the size limit (limit)', () => {
    const r = new FrameReader(() => {}, () => {});
    expect(() => r.push(frame(2, bytes(10)))).toThrow(/^badmsg$/);
    const small = new FrameReader(() => {}, () => {}, 100);
    expect(() => small.push(clientFrame(2, bytes(101)))).toThrow(/^limit$/);
    expect(() => new FrameReader(() => {}, () => {}, 100).push(clientFrame(2, bytes(70000)).subarray(0, 14))).toThrow(/^limit$/);
  });
});

describe('frameK', () => {
  it('is the frame of the serialized bytes, for each length form', () => {
    for (const n of [1, 20, 20000]) {
      const x = q(`til ${n}`);
      try {
        const m = serializeK(x, { msgType: 2 });
        try {
          expect(Buffer.from(frameK(m)).equals(Buffer.from(frame(2, serialize(x, { msgType: 2 }))))).toBe(true);
        } finally { m.dispose(); }
      } finally { x.dispose(); }
    }
  });
});
