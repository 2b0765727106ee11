// Messages over 2 GB (capabilities 5 and 6): the header's length is 40 bits,
// byte 3 above the 32-bit field; the limit is 2 GB below capability 5 and 1 TB
// from it (basics/ipc.md, interfaces/capiref.md). Nothing here allocates 2 GB:
// the arithmetic is checked on headers, -22! on a value whose message would
// pass 2 GB, and the refusal path on a server whose limit is scaled down.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import { q } from '../../src/index.js';
import { connect, listen, type Server } from '../../src/ipc/index.js';
import { messageLength, setMessageLength, messageLimit, commonCapability, LIMIT_1TB } from '../../src/ipc/header.js';

const head = (le: boolean) => { const h = new Uint8Array(8); h[0] = le ? 1 : 0; h[1] = 1; return h; };
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('the 40-bit length field', () => {
  it.each([13, 0x7fffffff, 2 ** 31, 3e9, 2 ** 32 - 1, 2 ** 32, 5e9, 2 ** 39 + 12345, LIMIT_1TB])('round-trips %d in both byte orders', (n) => {
    for (const le of [true, false]) {
      const h = head(le);
      setMessageLength(h, n);
      expect(messageLength(h)).toBe(n);
      expect(h[3]).toBe(Math.floor(n / 2 ** 32));
    }
  });
  it('lays the bytes out as kdb+: below 2 GB byte 3 is 0 (the reference examples)', () => {
    const h = head(true);
    setMessageLength(h, 13);
    expect(hex(h)).toBe('010100000d000000');
    setMessageLength(h, 5e9); // 1 * 2^32 + 0x2a05f200
    expect(hex(h)).toBe('0101000100f2052a');
    const b = head(false);
    setMessageLength(b, 5e9);
    expect(hex(b)).toBe('000100012a05f200');
    expect(() => setMessageLength(h, 2 ** 40)).toThrow();
    expect(() => setMessageLength(h, -1)).toThrow();
  });
  it('limits: 2 GB below capability 5, 1 TB from 5; the server answers the common capability', () => {
    expect(messageLimit(3)).toBe(2 ** 31 - 1);
    expect(messageLimit(5)).toBe(2 ** 40 - 1);
    expect(messageLimit(6)).toBe(2 ** 40 - 1);
    expect([0, 1, 3, 5, 6, 7].map(commonCapability)).toEqual([0, 1, 3, 5, 6, 6]);
  });
});

describe('values whose message passes 2 GB', () => {
  it('-22! counts past 2^31 (a list repeating one 30 KB vector 100000 times)', () => {
    expect(q('-22!100000#enlist 30000#0x00').toJS()).toBe(8 + 6 + 100000 * (6 + 30000));
    expect(q('-7h=type -22!100000#enlist 30000#0x00').toJS()).toBe(true);
  });
  it('-8! of it is \'limit (the engine holds under 2 GB), and nothing leaks', () => {
    expect(() => q('-8!100000#enlist 30000#0x00')).toThrow(/^limit$/);
    expect(String(q('-9!-8!1 2 3'))).toBe('1 2 3');
  });
});

describe('a server refuses a message over its limit and serves on', () => {
  let server: Server;
  beforeAll(async () => { server = await listen({ port: 0, maxMessage: 1000 }); });
  afterAll(async () => { await server.close(); });

  it('answers each handshake capability with the common one (up to 6)', async () => {
    for (const cap of [0, 1, 3, 5, 6]) {
      const got = await new Promise<number>((res, rej) => {
        const s = net.connect(server.port, '127.0.0.1', () => s.write(Buffer.from([0x75, 0x3a, cap, 0])));
        s.once('data', (d) => { res(d[0]); s.destroy(); });
        s.once('error', rej);
      });
      expect(got).toBe(commonCapability(cap));
    }
  });
  it('a sync message over the limit gets \'limit, its bytes are skipped, the next one is served', async () => {
    const h = await connect({ port: server.port, timeout: 5000 });
    try {
      await expect(h.sync(q('2000#0x00'))).rejects.toThrow(/^limit$/);
      expect(String(await h.sync('1+1'))).toBe('2');
      h.async(q('5000#0x01')); // async: dropped silently
      expect(String(await h.sync('2+2'))).toBe('4');
    } finally { await h.close(); }
  });
  it('a header declaring more than 4 GB (byte 3 set) is refused without taking the memory', { timeout: 10000 }, async () => {
    const answer = await new Promise<Buffer>((res, rej) => {
      const s = net.connect(server.port, '127.0.0.1', () => {
        s.write(Buffer.from([0x75, 6, 0]));
        const h = new Uint8Array(8); h[0] = 1; h[1] = 1;
        setMessageLength(h, 2 ** 32 + 100);
        s.write(h);
      });
      let got = Buffer.alloc(0);
      s.on('data', (d) => { got = Buffer.concat([got, d]); if (got.length > 1 + 8) { res(got); s.destroy(); } });
      s.once('error', rej);
    });
    expect(answer[0]).toBe(6);
    const msg = answer.subarray(1);
    expect(msg[1]).toBe(2);
    expect(msg[8]).toBe(0x80);
    expect(msg.subarray(9, msg.length - 1).toString()).toBe('limit');
  });
});
