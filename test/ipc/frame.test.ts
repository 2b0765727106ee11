// The TCP message reader: a byte stream cut anywhere gives the same messages in
// order; a handler may push more bytes while it runs (the server's blocking call
// to its client does) and they are taken after the bytes already queued; bad
// and oversized headers; nothing leaks.
import { describe, it, expect } from 'vitest';
import { q } from '../../src/index.js';
import { serialize } from '../../src/ipc/codec.js';
import { MessageReader, type Incoming } from '../../src/ipc/frame.js';

const EXPRS = ['1 2 3', '`a`b!(1;"x")', '([]a:1 2;b:`x`y)', '"hello"', '0n 0w', '::', '1000#til 7'];
const messages = EXPRS.map((e, i) => { const k = q(e); try { return serialize(k, { msgType: (i % 3) as 0 | 1 | 2 }); } finally { k.dispose(); } });
const stream = Buffer.concat(messages);
const shown = (ms: Incoming[]) => ms.map((m) => { const s = `${m.msgType}:${m.value ? String(m.value) : m.error?.message}`; m.value?.dispose(); return s; });
const want = EXPRS.map((e, i) => { const k = q(e); try { return `${i % 3}:${String(k)}`; } finally { k.dispose(); } });

describe('MessageReader', () => {
  it('gives the same messages however the stream is cut', () => {
    let seed = 5;
    const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
    for (let trial = 0; trial < 50; trial++) {
      const got: Incoming[] = [];
      const r = new MessageReader((m) => got.push(m));
      for (let o = 0; o < stream.length;) {
        const n = trial === 0 ? 1 : 1 + Math.floor(rnd() * 40);
        r.push(stream.subarray(o, o + n)); o += n;
      }
      expect(shown(got)).toEqual(want);
      r.dispose();
    }
  });
  it('bytes pushed from inside a handler come after those already queued', () => {
    const got: Incoming[] = [];
    let pushedInside = false;
    const r: MessageReader = new MessageReader((m) => {
      got.push(m);
      if (!pushedInside) {
        pushedInside = true;
        // the rest of the stream arrives while the first message is handled
        r.push(stream.subarray(half));
        expect(r.pending).toBe(false);
      }
    });
    const half = messages[0].length + messages[1].length + 5;
    r.push(stream.subarray(0, half));
    expect(shown(got)).toEqual(want);
    r.dispose();
  });
  it('until stops delivery after the message it waits for; the rest stays queued, in order', () => {
    // the server's blocking call to its client reads its answer and the client's next
    // request in one chunk: the call must return before that request is served
    const got: Incoming[] = [];
    const r = new MessageReader((m) => got.push(m));
    r.push(stream, () => got.length === 2);
    expect(got.length).toBe(2);
    expect(r.pending).toBe(true);
    r.push(new Uint8Array(0));
    expect(shown(got)).toEqual(want);
    expect(r.pending).toBe(false);
    r.dispose();
  });
  it('a bad header is badmsg; an oversized message answers limit and its bytes are skipped', () => {
    expect(() => new MessageReader(() => {}).push(Buffer.from('0101000008000000', 'hex'))).toThrow(/^badmsg$/);
    expect(() => new MessageReader(() => {}).push(Buffer.from('0201000010000000', 'hex'))).toThrow(/^badmsg$/);
    const got: Incoming[] = [];
    const small = new MessageReader((m) => got.push(m), 100);
    const big = (() => { const k = q('til 100'); try { return serialize(k, { msgType: 1 }); } finally { k.dispose(); } })();
    small.push(Buffer.concat([big, messages[0]]));
    expect(got.map((m) => m.error?.message ?? 'value')).toEqual(['limit', 'value']);
    expect(got[0].msgType).toBe(1);
    got[1].value!.dispose();
  });
  it('a message cut short releases its partial block on dispose', () => {
    const r = new MessageReader(() => {});
    r.push(messages[2].subarray(0, messages[2].length - 3));
    r.dispose(); // the leak check after the test would catch a kept block
  });
});
