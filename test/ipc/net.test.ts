// qwasm's client against qwasm's server over loopback: handshake, sync and
// async messages, errors, .z hooks, compression, pushed messages, concurrency.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { q, K, QError } from '../../src/index.js';
import { connect, listen, type Server, type Connection } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';

/** Globals a test made are dropped before its leak check. */
function drop(...names: string[]): void {
  for (const n of names) { globals.get(n)?.dispose(); globals.delete(n); }
}

let server: Server;
beforeAll(async () => { server = await listen({ port: 0 }); });
afterAll(async () => { await server.close(); });

async function withConn<T>(f: (h: Connection) => Promise<T>, opts: Partial<Parameters<typeof connect>[0]> = {}): Promise<T> {
  const h = await connect({ port: server.port, timeout: 10000, ...opts });
  try { return await f(h); } finally { await h.close(); }
}

describe('client and server on loopback', () => {
  it('binds 127.0.0.1 by default and answers sync queries', async () => {
    expect(server.host).toBe('127.0.0.1');
    await withConn(async (h) => {
      expect(h.capability).toBe(3);
      const r = await h.sync('sum 1 2 3');
      expect(String(r)).toBe('6');
      const t = await h.sync('([]a:1 2 3;b:`x`y`z)');
      expect(String(t)).toBe(String(q('([]a:1 2 3;b:`x`y`z)')));
      const f = await h.sync('{x*y}', 6, 7);
      expect(f.toJS()).toBe(42);
      const v = await h.query(q('(+;2;3)'));
      expect(v.toJS()).toBe(5);
      // basics/ipc.md: (f;args) with f a string, a symbol or a function; nested parse trees
      (await h.sync('ipcFn:{2+x}')).dispose();
      expect((await h.sync(q('("ipcFn";2)'))).toJS()).toBe(4);
      expect((await h.sync(q('(`ipcFn;2)'))).toJS()).toBe(4);
      expect((await h.sync(q('("+";2;2)'))).toJS()).toBe(4);
      expect(String(await h.sync(q('("{x}";`abc)')))).toBe('`abc');
      expect(String(await h.sync(q('(1 2 3;1)')))).toBe('2'); // indexing
      expect(String(await h.sync('"a"'))).toBe('"a"');
      drop('ipcFn');
    });
  });
  it('errors come back as QError with q\'s message', async () => {
    await withConn(async (h) => {
      await expect(h.sync('1+`a')).rejects.toThrow('type');
      await expect(h.sync('undefinedname')).rejects.toThrow('undefinedname');
      await expect(h.sync("'custom")).rejects.toThrow('custom');
      expect(String(await h.sync('1+1'))).toBe('2'); // the connection survives
    });
  });
  it('async messages are evaluated in order; a later sync sees their effect', async () => {
    await withConn(async (h) => {
      h.async('asyncTest:0');
      for (let i = 0; i < 10; i++) h.async('asyncTest+:1');
      expect((await h.sync('asyncTest')).toJS()).toBe(10);
      drop('asyncTest');
    });
  });
  it('large and compressible values cross intact', async () => {
    await withConn(async (h) => {
      const r = await h.sync('til 1000000');
      expect(r.count).toBe(1000000);
      expect(String(q('last', r))).toBe('999999');
      const x = K.float(Array.from({ length: 100000 }, (_, i) => i / 7));
      const back = await h.sync('{x}', x);
      expect(q('~', x, back).toJS()).toBe(true);
    });
  });
  it('.z.pg .z.ps .z.po .z.pc .z.w .z.pw', async () => {
    q('.z.pg:{[x] (`pg;value x)}').dispose();
    q('.z.po:{[h] opened::h}').dispose();
    q('.z.pc:{[h] closed::h}').dispose();
    try {
      let w = 0;
      await withConn(async (h) => {
        const r = await h.sync('1+1');
        expect(String(r)).toBe('(`pg;2)');
        w = (await h.sync('.z.w')).toJS() as unknown as number;
        expect(String(await h.sync('.z.u'))).toBe('`pg`alice');
      }, { user: 'alice', password: 'pw' });
      await new Promise((r) => setTimeout(r, 50));
      expect(q('opened').toJS()).toBe(q('closed').toJS());
      expect(String(w)).toContain('pg');
    } finally { drop('.z.pg', '.z.po', '.z.pc', 'opened', 'closed'); }
    q('.z.pw:{[u;p] p~"secret"}').dispose();
    try {
      await expect(connect({ port: server.port, user: 'bob', password: 'wrong' })).rejects.toThrow('access');
      await withConn(async (h) => { expect(String(await h.sync('2+2'))).toBe('4'); }, { user: 'bob', password: 'secret' });
    } finally { drop('.z.pw'); }
  });
  it('the server pushes async messages to a client (neg .z.w)', async () => {
    await withConn(async (h) => {
      const got: string[] = [];
      const arrived = new Promise<void>((res) => {
        h.on('message', (x) => { got.push(String(x)); x.dispose(); if (got.length === 3) res(); });
      });
      await h.sync('{neg[.z.w] each (`upd;1 2 3;"three"); 0}', 0);
      await arrived;
      expect(got).toEqual(['`upd', '1 2 3', '"three"']);
    });
  });
  it('200 concurrent queries over 20 connections, nothing lost', async () => {
    const conns = await Promise.all(Array.from({ length: 20 }, () => connect({ port: server.port, timeout: 20000 })));
    try {
      const results = await Promise.all(conns.flatMap((h, i) => Array.from({ length: 10 }, (_, j) => h.sync('{x*y}', i, j))));
      const want = conns.flatMap((_, i) => Array.from({ length: 10 }, (_, j) => i * j));
      expect(results.map((r) => Number(r.toJS()))).toEqual(want);
    } finally { await Promise.all(conns.map((h) => h.close())); }
  });
  it('a malformed message ends only that connection', async () => {
    const net = await import('node:net');
    const s = net.connect({ port: server.port, host: '127.0.0.1' });
    await new Promise<void>((res) => s.on('connect', () => res()));
    s.write(Buffer.from([0x3a, 3, 0]));
    await new Promise<void>((res) => s.once('data', () => res()));
    s.write(Buffer.from('0101000008000000', 'hex')); // length 8: no body
    await new Promise<void>((res) => s.on('close', () => res()));
    await withConn(async (h) => { expect(String(await h.sync('3*3'))).toBe('9'); });
  });
  it('an oversized message is refused (\'limit), an endless handshake ends only that connection', async () => {
    const small = await listen({ port: 0, maxMessage: 1000 });
    try {
      const net = await import('node:net');
      const closed = (s: import('node:net').Socket) => new Promise<void>((res) => s.on('close', () => res()));
      const a = net.connect({ port: small.port, host: '127.0.0.1' });
      a.on('error', () => {});
      await new Promise<void>((res) => a.on('connect', () => res()));
      a.write(Buffer.from([0x3a, 3, 0]));
      await new Promise<void>((res) => a.once('data', () => res()));
      // announces a 2 GB sync message: refused at once with 'limit (its bytes would be skipped)
      const refused = new Promise<Buffer>((res) => a.once('data', (d: Buffer) => res(d)));
      a.write(Buffer.from('01010000ffffff7f', 'hex'));
      const r = await refused;
      expect(r[1]).toBe(2);
      expect(r.subarray(8).toString('latin1')).toBe('\x80limit\x00');
      a.destroy();
      await closed(a);
      const b = net.connect({ port: small.port, host: '127.0.0.1' });
      b.on('error', () => {});
      await new Promise<void>((res) => b.on('connect', () => res()));
      b.write(Buffer.alloc(2000, 0x61)); // no NUL: never a handshake
      await closed(b);
      const h = await connect({ port: small.port });
      try {
        expect(String(await h.sync('1+1'))).toBe('2');
        expect(String(await h.sync('til 1000'))).toContain('999'); // the limit is on what the server receives
        await expect(h.sync('{count x}', q('til 2000'))).rejects.toThrow(/^limit$/); // a 16 KB request: over it
        expect(String(await h.sync('2+2'))).toBe('4'); // and the connection serves on
      } finally { await h.close(); }
    } finally { await small.close(); }
  });
  it('closing rejects pending requests; a refused connection is an error', async () => {
    const h = await connect({ port: server.port });
    await h.close();
    await expect(h.sync('1')).rejects.toThrow(QError);
    await expect(connect({ port: 1, timeout: 2000 })).rejects.toThrow(QError);
  });
});

describe('a small tickerplant: publisher -> qwasm server -> subscribers', () => {
  it('every update published reaches every subscriber, in order', async () => {
    q('subs:`int$(); sub:{subs,:.z.w; 0}; upd:{[t;x] rows,:x; {[h;m] neg[h] m}[;(`upd;t;x)] each subs}; rows:`long$()').dispose();
    const subs = await Promise.all([1, 2, 3].map(() => connect({ port: server.port, timeout: 10000 })));
    const pub = await connect({ port: server.port, timeout: 10000 });
    try {
      const got = subs.map(() => [] as string[]);
      const done = subs.map((h, i) => new Promise<void>((res) => {
        h.on('message', (x) => { got[i].push(String(x)); x.dispose(); if (got[i].length === 50) res(); });
      }));
      for (const h of subs) (await h.sync('sub[]')).dispose();
      for (let i = 0; i < 50; i++) pub.async('upd', q('`trade'), K.long([i, i + 1]));
      await Promise.all(done);
      const want = Array.from({ length: 50 }, (_, i) => `(\`upd;\`trade;${i} ${i + 1})`);
      for (const g of got) expect(g).toEqual(want);
      expect(q('count rows').toJS()).toBe(100);
    } finally {
      await pub.close(); await Promise.all(subs.map((h) => h.close()));
      drop('subs', 'sub', 'upd', 'rows');
    }
  });
});

describe('deferred responses (-30!)', () => {
  it('.z.pg defers with -30!(::); a later -30!(h;0b;x) or (h;1b;msg) answers', async () => {
    q('pendingH:`int$(); .z.pg:{[x] pendingH,:.z.w; -30!(::); `ignored}').dispose();
    try {
      await withConn(async (h) => {
        const a = h.sync('1+1');
        const b = h.sync('2+2');
        await new Promise((r) => setTimeout(r, 50));
        expect(q('count pendingH').toJS()).toBe(2);
        q('-30!(first pendingH;0b;`answer`one)').dispose();
        q('-30!(first pendingH;1b;"failed")').dispose();
        expect(String(await a)).toBe('`answer`one');
        await expect(b).rejects.toThrow('failed');
        expect(() => q('-30!(first pendingH;0b;1)')).toThrow('was not expecting a response msg');
        expect(() => q('-30!(12345i;0b;1)')).toThrow('domain');
      });
    } finally { drop('.z.pg', 'pendingH'); }
  });
});

describe('client conveniences', () => {
  it('pushed messages as an async iterator; reconnect after a close', async () => {
    const h = await connect({ port: server.port, timeout: 10000 });
    const it = h[Symbol.asyncIterator]();
    const first = it.next(); // listening from here
    (await h.sync('{neg[.z.w] each 1 2 3; 0}', 0)).dispose();
    const seen: string[] = [];
    for (const p of [first, it.next(), it.next()]) { const r = await p; seen.push(String(r.value)); (r.value as K).dispose(); }
    await it.return!(undefined);
    expect(seen).toEqual(['1', '2', '3']);
    await h.close();
    await expect(h.sync('1')).rejects.toThrow('closed');
    await h.reconnect();
    expect(String(await h.sync('20+1'))).toBe('21');
    await h.close();
  });
});
