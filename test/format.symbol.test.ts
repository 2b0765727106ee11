// Symbols through the formatting kernels (assembly/kernels/format.ts): the
// console line, -3!/.Q.s, table cells and `string` against the TypeScript
// path (display.ts with no engine block, src/format/item.ts), on random
// symbols: empty (the null symbol), ASCII, Latin-1, CJK, astral (surrogate
// pairs in JS, so the console budget counts them as two), long ones.
import { afterEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { K, q } from '../src/index.js';
import { alloc, mem, intern, symbol } from '../src/runtime.js';
import { itemText, ATOM, ITEM, CELL } from '../src/format/item.js';
import { itemTexts, joinText } from '../src/format/vector.js';
import { displaySettings, str, show, setConsole, type Displayable } from '../src/display.js';

afterEach(() => { displaySettings.precision = 7; setConsole(25, 80); });

function symVec(xs: string[]): K {
  const p = alloc(11, xs.length);
  xs.forEach((s, i) => { mem().i32[((p + 16) >> 2) + i] = intern(s); });
  return new K(p);
}

/** The same vector as a plain Displayable: display.ts's TypeScript path. */
function plain(xs: string[]): Displayable {
  const data = Int32Array.from(xs, (s) => intern(s));
  return {
    type: 11, count: xs.length, attr: '', data,
    symbol: (id: number) => symbol(id), item: () => { throw new Error('no items'); },
    get keys(): Displayable { throw new Error('no keys'); },
    get values(): Displayable { throw new Error('no values'); },
  };
}

const enc = new TextEncoder();

function check(xs: string[], cols = 80): void {
  const k = symVec(xs);
  try {
    const ref = plain(xs);
    setConsole(25, cols);
    expect(str(k)).toBe(str(ref));
    expect(show(k)).toBe(show(ref));
    if (xs.length) {
      for (const mode of [ATOM, ITEM, CELL] as const) {
        expect(itemTexts(k.ptr, 7, mode, xs.length)).toEqual(xs.map((s) => itemText(11, s, mode, 7)));
      }
    }
    const s = q.string(k);
    try {
      expect(s.type).toBe(0);
      expect(s.count).toBe(xs.length);
      for (let i = 0; i < xs.length; i++) {
        const c = s.item(i);
        expect(c.type).toBe(10);
        expect(Array.from(c.data as Uint8Array)).toEqual(Array.from(enc.encode(xs[i]!)));
      }
    } finally { s.dispose(); }
  } finally { k.dispose(); }
}

const symText = fc.oneof(
  fc.constantFrom('', 'a', 'abc', 'IBM', 'x.y', 'a b', '`', 'é', 'naïve', '日本', '😀', 'a😀b', 'ÿ', '\u00a0'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }).filter((s) => !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))),
  fc.string({ minLength: 30, maxLength: 120 }),
);

describe('symbol formatting in the engine, as the TypeScript path', () => {
  test('edge vectors', () => {
    check([]);
    check(['']);
    check(['', '', '']);
    check(['a', '', 'b']);
    check(['😀', '日本', 'é']);
    check(Array.from({ length: 300 }, (_, i) => 'sym' + i));
    check(Array.from({ length: 300 }, (_, i) => '😀'.repeat(i % 5) + i), 10);
  });
  test('random vectors at random console widths', () => {
    fc.assert(fc.property(fc.array(symText, { maxLength: 40 }), fc.integer({ min: 10, max: 200 }), (xs, cols) => {
      check(xs, cols);
    }), { numRuns: 600 });
  });
  test('the console cuts a long line by its UTF-16 length, as before', () => {
    const xs = Array.from({ length: 2000 }, (_, i) => (i % 3 ? 'ab' : '😀') + i);
    const k = symVec(xs);
    try {
      for (const budget of [0, 1, 5, 79, 80, 81, 1000]) expect(joinText(k.ptr, 7, budget)).toBe(str(plain(xs)).slice(0, joinText(k.ptr, 7, budget).length));
      expect(joinText(k.ptr, 7, Infinity)).toBe('`' + xs.join('`'));
    } finally { k.dispose(); }
  });
  test('atoms, tables and dictionaries with symbol columns', () => {
    for (const [text, want] of [
      ['string `abc', 'abc'], ['string `', ''], ['-3!`a`b`c', '`a`b`c'], ['.Q.s1 `a`b!`c`d', '`a`b!`c`d'],
      ['-3!`$()', '`symbol$()'], ['-3!enlist `', ',`']
    ] as const) {
      const r = q(text);
      try { expect(r.toJS(), text).toBe(want); } finally { r.dispose(); }
    }
    const t = q('([] s:`a``bcd`e; v:til 4)');
    try {
      expect(show(t)).toBe('s   v\n-----\na   0\n    1\nbcd 2\ne   3');
    } finally { t.dispose(); }
  });
  test('a symbol atom and a stopped or failed call leave no blocks (leak check in setup)', () => {
    const r = q('string each `a`b');
    try { expect(r.toJS()).toEqual(['a', 'b']); } finally { r.dispose(); }
  });
});
