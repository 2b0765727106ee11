// The worker's message format (src/worker/wire.ts), in one engine: every value
// encode()s to typed buffers + symbol texts and decode()s back to a value that
// matches (~) the original, with its attribute; nothing leaks either way.
import { describe, it, expect } from 'vitest';
import { q, K, QError } from '../src/index.js';
import { encode, decode } from '../src/worker/wire.js';

const roundTrip = (k: K): { back: K; transfer: ArrayBuffer[] } => {
  const transfer: ArrayBuffer[] = [];
  const w = encode(k, transfer);
  // what postMessage does with the transfer list: the buffers move, nothing else
  const moved = structuredClone(w, { transfer });
  return { back: decode(moved), transfer };
};

describe('wire: encode then decode is identity', () => {
  const cases = [
    '0b', '0x2a', '-3h', '0Ni', '0W', '-0w', '1.5e', '"c"', '`sym', '2024.01.02D03:04:05.123456789', '2024.03m', '2024.01.02',
    '2024.01.02T03:04:05.006', '0D01:02:03.000000004', '12:34', '12:34:56', '12:34:56.789', '"G"$"0123456789abcdef0123456789abcdef"',
    '101b', '0x00ff', '1 0N 3h', '1 0N -0Wi', '0N 1 0W', '1.5 0n 0we', '0n 0w -0w 2.5', '"hello"', '`a``b', '2#0Np',
    '2024.01 0N 2024.03m', '0N 2024.01.02', '0D00:00:01 0N', '12:00 0Nu', '0Nv 1', '0Nt', '0#0', '0#`', '""', '()',
    '(1;`a;"b";2.5)', '(1 2;(3;`x);"yz")', '`a`b!1 2', '1 2!("x";`y)', '([] a:1 2; b:`x`y; c:("p";"qr"))',
    '([k:`a`b] v:1.5 2.5)', '0#([] a:1 2)', '`s#1 2 3', '`u#`a`b`c', '`p#1 1 2', '`g#3 1 3',
    '{x+y}', '{x*y}[2]', '+', '+/', '(::)',
    // kdb+'s forms that show no q text that parses back: compositions, k lambdas of .q
    'differ', 'iasc', 'each', '(0|+)', "'[neg;{x+1}]", 'deltas', 'sum', 'neg',
  ];
  for (const src of cases) {
    it(src, () => {
      const k = q(src);
      const { back, transfer } = roundTrip(k);
      const same = q('~', k, back);
      expect(same.toJS(), `${k.show()} vs ${back.show()}`).toBe(true);
      expect(back.attr).toBe(k.attr);
      expect(back.type).toBe(k.type);
      expect(transfer.every((b) => b.byteLength === 0), 'buffers were transferred').toBe(true);
    });
  }

  it('a list holding the generic null (item by item: on main, (::;1)~(::;1) is 0b)', () => {
    const k = q('(::;1;::)');
    const { back } = roundTrip(k);
    expect(back.show()).toBe(k.show());
    expect(back.count).toBe(3);
    for (let i = 0; i < 3; i++) expect(q('~', k.item(i), back.item(i)).toJS()).toBe(true);
  });

  it('a symbol column crosses as its distinct texts and 32-bit indices', () => {
    const k = q('1000#`IBM`MSFT``AAPL');
    const transfer: ArrayBuffer[] = [];
    const w = encode(k, transfer);
    expect(w.syms).toEqual(['IBM', 'MSFT', '', 'AAPL']);
    expect(w.buf!.byteLength).toBe(4000);
    const back = decode(w);
    expect(q('~', k, back).toJS()).toBe(true);
  });

  it('a malformed message is a type error, and leaks nothing', () => {
    expect(() => decode({ t: 7 })).toThrow(QError);
    expect(() => decode({ t: 100 })).toThrow(QError);
    expect(() => decode({ t: 0, items: [{ t: 9, buf: new Float64Array([1]).buffer }, { t: 55 }] })).toThrow(QError);
  });
});
