// A message over 2 GB, both ways, between our client and a qwasm server in
// another process: a general list of three 960 MB float vectors (2.88 GB on the
// wire, more than any engine block) goes to the server, which answers it back.
// Neither side gathers the message: the writer streams it from the vectors and
// the reader fills the vectors from the socket. Needs about 8 GiB of RAM across
// the two processes, so it is skipped on machines with less than 12 GiB.
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { q, K } from '../../src/index.js';
import { connect } from '../../src/ipc/index.js';
import { alloc, mem } from '../../src/runtime.js';
import { generalOf } from '../../src/lang/values.js';
import { serializedLength, serializeK } from '../../src/ipc/codec.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const N = 120_000_000;                   // floats per vector: 960 MB, a 1 GiB block each
const BIG_RAM = os.totalmem() >= 12 * 2 ** 30;

/** Item i of vector k: distinct finite values, with nulls and infinities sprinkled. */
function item(k: number, i: number): number {
  if (i % 999_983 === 7) return NaN;
  if (i % 999_979 === 11) return k % 2 ? Infinity : -Infinity;
  return i * 0.25 - k * 1e6;
}

function bigVector(k: number): K {
  const p = alloc(9, N);
  const f = mem().f64, o = (p + 16) / 8;
  for (let i = 0; i < N; i++) f[o + i] = item(k, i);
  return new K(p);
}

function sameItems(v: K, k: number): boolean {
  const d = v.data as Float64Array;
  if (d.length !== N) return false;
  for (let i = 0; i < N; i++) {
    const a = d[i]!, b = item(k, i);
    if (a !== b && !(a !== a && b !== b)) return false;
  }
  // q's 0n bit pattern survives the trip
  return new Uint32Array(d.buffer, d.byteOffset + 8 * 7, 2)[1] === 0x7ff80000;
}

let child: ChildProcess | undefined;
afterAll(() => { child?.kill(); });

function server(): Promise<number> {
  const code = `import { listen } from './dist/index.js';
    const s = await listen({ port: 0, maxMessage: 2 ** 40 });
    console.log('port ' + s.port);`;
  child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (b: Buffer) => { out += b; const m = /port (\d+)/.exec(out); if (m) resolve(Number(m[1])); });
    child!.on('exit', (c) => reject(new Error('server exited ' + c)));
  });
}

describe('messages over 2 GB', () => {
  it.skipIf(!BIG_RAM)('a 2.88 GB list of three float vectors round-trips to a qwasm server in another process, byte-exact (skipped below 12 GiB of RAM)', async () => {
    const port = await server();
    const t0 = Date.now();
    const vs = [0, 1, 2].map(bigVector);
    let big: K | undefined = generalOf(vs);
    vs.forEach((v) => v.dispose());
    const body = 6 + 3 * (6 + 8 * N);
    expect(serializedLength(big)).toBe(8 + body);
    expect(() => serializeK(big!)).toThrow('limit');     // past the largest block
    const t1 = Date.now();

    const h = await connect({ port, capability: 6, timeout: 600_000 });
    expect(h.capability).toBe(6);
    const low = await connect({ port });                 // capability 3: no message past 2 GB
    await expect(low.sync('{x}', big)).rejects.toThrow('limit');
    await low.close();

    const reply = h.sync('{x}', big);
    big.dispose(); big = undefined;                      // the writer holds it until sent
    const r = await reply;
    const t2 = Date.now();
    expect(r.type).toBe(0);
    expect(r.count).toBe(3);
    const items = [0, 1, 2].map((k) => r.item(k));
    items.forEach((v, k) => { expect(v.type).toBe(9); expect(sameItems(v, k)).toBe(true); });
    items.forEach((v) => v.dispose());
    // in q: -22! counts past 2^31, -8! is 'limit (on the value received: an error
    // raised in q keeps its argument's handle until the test ends)
    expect(String(q('-22!', r))).toBe(String(8 + body));
    expect(() => q('-8!', r)).toThrow('limit');
    expect(String(await h.sync('til 3'))).toBe('0 1 2'); // the connection goes on
    r.dispose();
    await h.close();
    console.log(`2.88 GB: built in ${t1 - t0} ms; round trip (encode, send, decode, answer, receive) ${t2 - t1} ms`);
  }, 600_000);
});
