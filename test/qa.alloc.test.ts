// Adversarial tests of the allocator and symbol table (assembly/mem.ts, sym.ts):
// random alloc/free walks, overlap, alignment, reuse, 'wsfull, symbol growth.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { q, K, QError } from '../src/index.js';
import { E, mem } from '../src/runtime.js';

const qerr = (f: () => unknown, name: string) => {
  let err: unknown;
  try { f(); } catch (e) { err = e; }
  expect(err, `expected '${name}`).toBeInstanceOf(QError);
  expect((err as Error).message).toBe(name);
};

describe('allocator', () => {
  it('random alloc/free walks: blocks never overlap, data is 16-byte aligned, stats return to baseline', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 5000 }), fc.constantFrom(1, 4, 5, 6, 7, 9, 0)), { maxLength: 120 }),
      (steps) => {
        const s0 = q.memory();
        const live: { p: number; n: number; bytes: number; tag: number }[] = [];
        let tag = 1;
        const check = () => {
          const u8 = mem().u8;
          for (const b of live) for (let i = 0; i < b.bytes; i += Math.max(1, b.bytes >> 4)) {
            if (u8[b.p + 16 + i] !== (b.tag & 255)) throw new Error(`block ${b.p} overwritten`);
          }
        };
        for (const [free, n, t] of steps) {
          if (free && live.length) {
            const b = live.splice(n % live.length, 1)[0];
            E.r0(b.p);
          } else {
            const p = E.ga(t === 0 ? 4 : t, n); // byte-wide payload view for patterning
            expect(p).toBeGreaterThan(0);
            expect((p + 16) % 16).toBe(0);
            const bytes = n;
            mem().u8.fill(tag & 255, p + 16, p + 16 + bytes);
            live.push({ p, n, bytes, tag: tag++ });
          }
          check();
        }
        // no two live blocks overlap
        const sorted = [...live].sort((a, b) => a.p - b.p);
        for (let i = 1; i < sorted.length; i++) {
          const a = sorted[i - 1];
          expect(a.p + (1 << mem().u8[a.p])).toBeLessThanOrEqual(sorted[i].p);
        }
        for (const b of live) E.r0(b.p);
        const s1 = q.memory();
        expect(s1.used).toBe(s0.used);
        expect(s1.blocks).toBe(s0.blocks);
      }), { numRuns: 60 });
  });

  it('freed blocks are reused by their class; splitting a larger free block serves smaller ones', () => {
    const a = E.ga(7, 100); // 16 + 800 bytes -> 1 KiB class
    E.r0(a);
    const b = E.ga(7, 100);
    expect(b).toBe(a);
    E.r0(b);
    const top0 = E.memTop();
    const big = E.ga(4, 1 << 16); E.r0(big);
    const top1 = E.memTop();
    const smalls = Array.from({ length: 8 }, () => E.ga(4, 100));
    expect(E.memTop()).toBe(top1); // served from the freed 128 KiB block, no bump
    smalls.forEach((p) => E.r0(p));
    expect(top1).toBeGreaterThanOrEqual(top0);
  });

  it('sizes at class boundaries hold exactly their data', () => {
    for (const n of [0, 1, 2, 15, 16, 17, 31, 32, 33, 127, 128, 129, 4079, 4080, 4081]) {
      const p = E.ga(4, n);
      const m = mem().u8[p];
      expect(1 << m).toBeGreaterThanOrEqual(16 + n);
      expect(E.capacity(p)).toBe((1 << m) - 16);
      E.r0(p);
    }
  });

  it('impossible sizes are QErrors and leave the engine usable', () => {
    const a = K.long(2 ** 29), b = K.long(2 ** 32);
    const s0 = q.memory();
    qerr(() => q.til(a), 'wsfull'); // 4 GiB of longs
    qerr(() => q.til(b), 'limit');
    qerr(() => q('til 5000000000'), 'limit');
    qerr(() => q('1000000000#1'), 'wsfull');
    expect(E.ga(7, 2 ** 31)).toBe(0); E.clearErr();
    const s1 = q.memory();
    expect(s1.blocks).toBe(s0.blocks);
    expect(s1.used).toBe(s0.used);
    expect(q('sum til 10').toJS()).toBe(45);
  });

  it("near the 4 GiB limit (blocks anywhere below 4 GiB): 'wsfull, then everything frees and the engine works", { timeout: 60000 }, () => {
    // run in a child (on the built bundle, dist/): the heap stays large for the rest of a process
    const code = `
      import { q, K } from './dist/index.js';
      const s0 = q.memory();
      const held = [];
      let err;
      try { for (;;) held.push(K.byte(new Uint8Array(256 * 1024 * 1024 - 64))); }
      catch (e) { err = e; }
      const n = held.length;
      held.forEach((k) => k.dispose());
      const s1 = q.memory();
      const ok = q('sum til 1000').toJS();
      const again = K.byte(new Uint8Array(256 * 1024 * 1024 - 64)); again.dispose();
      console.log(JSON.stringify({ name: err && err.constructor.name, msg: err && err.message, n, same: s1.blocks === s0.blocks && s1.used === s0.used, ok }));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code],
      { cwd: process.cwd(), encoding: 'utf8', env: { ...process.env } });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    expect(line, r.stderr.slice(0, 2000)).toMatch(/^\{/);
    const out = JSON.parse(line);
    expect(out).toEqual({ name: 'QError', msg: 'wsfull', n: out.n, same: true, ok: 499500 });
    expect(out.n).toBeGreaterThanOrEqual(14); // 256 MiB blocks fill the 4 GiB memory, not only its lower half
  });

  it('releasing a 100000-deep nest does not overflow the engine stack', () => {
    const s0 = q.memory();
    let k = K.long([1]);
    for (let i = 0; i < 100000; i++) { const n = q.enlist(k); k.dispose(); k = n; }
    expect(k.count).toBe(1);
    k.dispose();
    expect(q.memory().blocks).toBe(s0.blocks);
  });

  it('a handle that is garbage-collected releases its block (FinalizationRegistry)', { timeout: 60000 }, () => {
    const code = `
      import { q, K } from './dist/index.js';
      const b0 = q.memory().blocks;
      (() => { for (let i = 0; i < 1000; i++) K.float([1, 2, 3]); })();
      const b1 = q.memory().blocks;
      await new Promise((r) => setTimeout(r, 10));
      for (let i = 0; i < 10; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)); }
      console.log(JSON.stringify({ grew: b1 - b0, left: q.memory().blocks - b0 }));
    `;
    const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', code],
      { cwd: process.cwd(), encoding: 'utf8' });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    expect(line, r.stderr.slice(0, 2000)).toMatch(/^\{/);
    expect(JSON.parse(line)).toEqual({ grew: 1000, left: 0 });
  });
});

describe('symbols', () => {
  it('interns 100000 symbols through rehash growth with stable ids', () => {
    const s0 = q.memory();
    const names = Array.from({ length: 100000 }, (_, i) => `qa_sym_${i}_${(i * 2654435761) >>> 0}`);
    const k = K.symbol(names);
    const ids = Int32Array.from(k.data as Int32Array);
    expect(q.memory().symbols).toBeGreaterThanOrEqual(s0.symbols + 100000);
    const k2 = K.symbol(names);
    expect(Array.from(k2.data as Int32Array)).toEqual(Array.from(ids));
    expect(k2.toJS()).toEqual(names);
    // byte-level re-intern from the engine (not the JS cache) finds the same ids
    const enc = new TextEncoder();
    for (let i = 0; i < names.length; i += 997) {
      const b = enc.encode(names[i]);
      const p = E.scratchBuf(b.length);
      mem().u8.set(b, p);
      expect(E.intern(p, b.length)).toBe(ids[i]);
    }
    expect(new Set(ids).size).toBe(100000);
    expect(q.memory().blocks).toBe(s0.blocks + 2);
  });

  it('long symbols (> 64 KiB) intern, round trip and compare', () => {
    const long = 'x'.repeat(70000) + '😀';
    const longer = 'x'.repeat(200000);
    const k = K.symbol([long, longer, long, '']);
    expect(k.toJS()).toEqual([long, longer, long, '']);
    const ids = k.data as Int32Array;
    expect(ids[0]).toBe(ids[2]);
    expect(E.symBytes(ids[0])).toBe(70004);
    expect(E.symCmp(ids[0], ids[1])).toBeGreaterThan(0); // '😀' bytes > 'x'
    expect(String(q('asc', k))).toBe(String(q('asc', k)));
  });

  it('the empty symbol is id 0 and the null symbol', () => {
    expect(K.symbol('').data[0]).toBe(0);
    expect(q.null(K.symbol(['', 'a'])).toJS()).toEqual([true, false]);
  });
});

describe('q(text): errors leave memory unchanged', () => {
  const bad = ['1+`a', '1 2+1 2 3', 'til -1', '`a`b!1 2 3', 'flip `a`b!(1 2;3 4 5)', '(', ')', 'undefinedname',
    '"abc"+`a', 'first 1+`a', '+[1;2;3]', '([] a:1 2; b:1 2 3)', "'`custom", 'til 1.5', 'enlist[1;`a]+1'];
  for (const text of bad) {
    it(`q(${JSON.stringify(text)}) throws a QError and leaks nothing`, () => {
      const s0 = q.memory();
      let err: unknown;
      try { q(text).dispose(); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(QError);
      expect((err as Error).message.length).toBeGreaterThan(0);
      const s1 = q.memory();
      expect(s1.blocks).toBe(s0.blocks);
      expect(s1.used).toBe(s0.used);
    });
  }
});
