// Enumerations on the wire: kdb+ converts an enumeration to the symbols it
// stands for before sending (basics/ipc.md, kb/serialization.md), so -8! of an
// enumeration is -8! of its symbols, byte for byte, wherever it sits (atom,
// vector, list item, dictionary, table column); -22! counts those bytes.
import { describe, it, expect, afterEach } from 'vitest';
import { q } from '../../src/index.js';
import { serialize, deserialize } from '../../src/ipc/codec.js';
import { globals } from '../../src/lang/eval.js';
import { mem } from '../../src/runtime.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ser = (expr: string): string => hex(serialize(q(expr)));

afterEach(() => { for (const n of ['ed', 'ee']) { globals.get(n)?.dispose(); globals.delete(n); } });

describe('an enumeration travels as its symbols', () => {
  it('vector and atom, byte for byte', () => {
    q('ed:`a`b`c').dispose();
    // 11h vector: type 0b, attr, count 2, "a\0b\0"
    expect(ser('`ed$`a`b')).toBe('01000000120000000b000200000061006200');
    expect(ser('`ed$`a`b')).toBe(ser('`a`b'));
    // -11h atom: f5, "b\0"
    expect(ser('`ed$`b')).toBe('010000000b000000f56200');
    expect(ser('`ed$0#`a')).toBe(ser('0#`'));
    expect(hex(q('-8!`ed$`c`a`c').data as Uint8Array)).toBe(ser('`c`a`c'));
  });
  it('-9!-8! gives symbols back (type 11), and -22! counts the symbol bytes', () => {
    q('ed:`alpha`beta').dispose();
    expect(String(q('-9!-8!`ed$`beta`alpha'))).toBe('`beta`alpha');
    expect(q('type -9!-8!`ed$`beta`alpha').toJS()).toBe(11);
    expect(q('type -9!-8!`ed$`beta').toJS()).toBe(-11);
    expect(q('-22!`ed$`beta`alpha').toJS()).toBe(q('-22!`beta`alpha').toJS());
    expect(q('(-22!`ed$`beta`alpha)=count -8!`ed$`beta`alpha').toJS()).toBe(true);
  });
  it('inside lists, dictionaries, tables and keyed tables', () => {
    q('ed:`x`y`z').dispose();
    expect(ser('(1;`ed$`x`y;`ed$`z)')).toBe(ser('(1;`x`y;`z)'));
    expect(ser('(`ed$`x`y)!1 2')).toBe(ser('`x`y!1 2'));
    expect(ser('([]s:`ed$`x`y`x;v:1 2 3)')).toBe(ser('([]s:`x`y`x;v:1 2 3)'));
    expect(ser('([s:`ed$`x`y]v:1 2)')).toBe(ser('([s:`x`y]v:1 2)'));
    expect(String(q('-9!-8!([]s:`ed$`x`y`x;v:1 2 3)'))).toBe(String(q('([]s:`x`y`x;v:1 2 3)')));
  });
  it('a vector keeps its attribute', () => {
    q('ed:`x`y`z').dispose();
    // (the table layer does not put attributes on enumerations yet: set the byte itself)
    const e = q('`ed$`x`y`z');
    mem().u8[e.ptr + 1] = 1;
    expect(hex(serialize(e))).toBe(ser('`s#`x`y`z'));
    expect(hex(serialize(e))).toBe('01000000140000000b0103000000780079007a00');
    mem().u8[e.ptr + 1] = 3;
    expect(String(q('attr', deserialize(serialize(e))))).toBe('`p');
    // the domain itself is untouched
    expect(String(q('attr ed'))).toBe('`');
    e.dispose();
  });
  it('follows the domain as it is now (the enumeration holds indices)', () => {
    q('ed:`p`q').dispose();
    q('ee:`ed$`q`p').dispose();
    q('ed[0]:`r').dispose();
    expect(String(q('-9!-8!ee'))).toBe('`q`r');
  });
  it('an enumeration whose domain is gone is an error, and nothing leaks', () => {
    q('ed:`p`q').dispose();
    q('ee:`ed$`q`p').dispose();
    globals.get('ed')?.dispose(); globals.delete('ed');
    expect(() => q('-8!ee')).toThrow();
    expect(() => q('-22!ee')).toThrow();
    expect(() => serialize(q('(1;ee)'))).toThrow();
  });
  it('the bytes decode as any symbol message', () => {
    q('ed:`a`b').dispose();
    const b = serialize(q('`ed$`b`a`b'));
    expect(String(deserialize(b))).toBe('`b`a`b');
  });
});
