// A real client no one here wrote: the npm package node-q against a qwasm
// server on loopback, and node-q's own encoder/decoder against ours where both
// agree with kdb+ (node-q's known gaps — long precision, millisecond
// timestamps, typed nulls — are avoided, not asserted).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createRequire } from 'node:module';
import { q } from '../../src/index.js';
import { listen, serialize, deserialize, type Server } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const nodeq = require('node-q') as any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const nodeqCodec = require('node-q/lib/c.js') as any;

let server: Server;
beforeAll(async () => { server = await listen({ port: 0, compressLoopback: true }); });
afterAll(async () => { await server.close(); });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function nq(opts: Record<string, unknown> = {}): Promise<any> {
  return new Promise((res, rej) => nodeq.connect({ host: '127.0.0.1', port: server.port, ...opts }, (e: Error, c: unknown) => (e ? rej(e) : res(c))));
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function k(con: any, ...args: unknown[]): Promise<any> {
  return new Promise((res, rej) => con.k(...args, (e: Error, r: unknown) => (e ? rej(e) : res(r))));
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function close(con: any): Promise<void> { return new Promise((res) => con.close(() => res())); }

describe('node-q as a client of a qwasm server', () => {
  it('typed results', async () => {
    const con = await nq();
    try {
      expect(await k(con, 'sum 1 2 3')).toBe(6);
      expect(await k(con, '1.5 2.5')).toEqual([1.5, 2.5]);
      expect(await k(con, ' `a`b`c')).toEqual(['a', 'b', 'c']);
      expect(await k(con, '"hello"')).toBe('hello');
      expect(await k(con, '10110b')).toEqual([true, false, true, true, false]);
      expect(await k(con, '`a`b!1 2i')).toEqual({ a: 1, b: 2 });
      expect(await k(con, '([]a:1 2i;b:`x`y)')).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
      expect(await k(con, '2000.01.02')).toEqual(new Date(Date.UTC(2000, 0, 2)));
      expect(await k(con, '0Ni')).toBe(null);
      expect(await k(con, '{x+y}', 2, 3)).toBe(5);
      expect(await k(con, 'neg', 3)).toBe(-3); // node-q sends numbers as floats
    } finally { await close(con); }
  });
  it('errors', async () => {
    const con = await nq();
    try {
      await expect(k(con, '1+`a')).rejects.toThrow('type');
      await expect(k(con, 'nosuchname')).rejects.toThrow('nosuchname');
      expect(await k(con, '2*3')).toBe(6);
    } finally { await close(con); }
  });
  it('compressed responses decode in node-q', async () => {
    const con = await nq();
    try {
      const r = await k(con, '10000#1 2 3i');
      expect(r.length).toBe(10000);
      expect(r[9999]).toBe(1);
      expect(await k(con, '5000#`abc`de')).toEqual(Array.from({ length: 5000 }, (_, i) => (i % 2 ? 'de' : 'abc')));
    } finally { await close(con); }
  });
  it('a password checked by .z.pw', async () => {
    q('.z.pw:{[u;p] (u~`ann) and p~"s3cret"}').dispose();
    try {
      await expect(nq({ user: 'ann', password: 'wrong' })).rejects.toBeTruthy();
      const con = await nq({ user: 'ann', password: 's3cret' });
      try { expect(await k(con, '.z.u')).toBe('ann'); } finally { await close(con); }
    } finally { globals.get('.z.pw')?.dispose(); globals.delete('.z.pw'); }
  });
  it('async messages from node-q', async () => {
    const con = await nq();
    try {
      await new Promise<void>((res, rej) => con.ks('nqAsync:7', (e: Error) => (e ? rej(e) : res())));
      expect(await k(con, 'nqAsync')).toBe(7);
    } finally { await close(con); globals.get('nqAsync')?.dispose(); globals.delete('nqAsync'); }
  });
});

describe('node-q\'s codec and ours agree where both follow kdb+', () => {
  const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
  it.each([
    ['1.5', 1.5],
    ['"abc"', 'abc'],
    ['`abc', '`abc'],
    ['1b', true],
    ['`a`b!(1f;enlist "x")', { a: 1, b: 'x' }],
  ])('%s', (expr, js) => {
    const theirs = new Uint8Array(nodeqCodec.serialize(js));
    const v = deserialize(theirs);
    expect(String(v)).toBe(String(q(expr)));
    const ours = serialize(q(expr));
    const back = nodeqCodec.deserialize(Buffer.from(ours));
    expect(back).toEqual(typeof js === 'string' && js.startsWith('`') ? js.slice(1) : js);
    if (!expr.includes('!')) expect(hex(ours)).toBe(hex(theirs));
  });
});
