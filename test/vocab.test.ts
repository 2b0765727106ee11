// The vocabulary modules (src/vocab/): property tests against plain TS
// references, round trips, published digest vectors, and bad input that must
// give a q error (never a crash or a leak).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q, K } from '../src/index.js';
import { compile, like as likeRef, find } from '../src/vocab/pattern.js';
import { md5, sha1, btoa64, atob64 } from '../src/vocab/hash.js';
import { splitFields, parseColumnViaTok } from '../src/vocab/text.js';
import { zeroColon } from '../src/vocab/text.js';

const show = (s: string): string => q(s).show();
const qstr = (s: string): string => JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, (_, h) => '\\' + parseInt(h, 16).toString(8).padStart(3, '0'));

describe('patterns (like ss ssr)', () => {
  // a reference: the q pattern as a JS regular expression
  const toRegex = (p: string): RegExp => {
    let r = '';
    for (let i = 0; i < p.length; i++) {
      const c = p[i];
      if (c === '*') r += '[^]*';
      else if (c === '?') r += '[^]';
      else if (c === '[') {
        const neg = p[i + 1] === '^' && i + 2 < p.length;
        const start = neg ? i + 2 : i + 1;
        const end = p.indexOf(']', p[start] === ']' ? start + 1 : start);
        if (end < 0) { r += '\\['; continue; }
        const body = p.slice(start, end).replace(/[\\\]^]/g, (m) => '\\' + m);
        r += (neg ? '[^' : '[') + body + ']';
        i = end;
      } else r += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    return new RegExp('^' + r + '$');
  };
  const alpha = fc.constantFrom('a', 'b', 'c', '-');
  const patChar = fc.oneof(alpha, fc.constant('?'), fc.constant('[ab]'), fc.constant('[^a]'), fc.constant('[a-b]'));
  it('like agrees with a regex reference (at most one star)', () => {
    fc.assert(fc.property(fc.array(alpha, { maxLength: 8 }), fc.array(patChar, { maxLength: 5 }), fc.nat(5), fc.boolean(),
      (s, ps, at, star) => {
        const p = star ? [...ps.slice(0, at), '*', ...ps.slice(at)].join('') : ps.join('');
        const text = s.join('');
        expect(likeRef(text, compile(p))).toBe(toRegex(p).test(text));
      }));
  });
  it('ss finds non-overlapping matches left to right', () => {
    fc.assert(fc.property(fc.array(alpha, { maxLength: 12 }), fc.array(alpha, { minLength: 1, maxLength: 3 }), (s, p) => {
      const text = s.join(''), pat = p.join('');
      const want: number[] = [];
      for (let i = text.indexOf(pat); i >= 0; i = text.indexOf(pat, i + pat.length)) want.push(i);
      expect(find(text, compile(pat))).toEqual(want);
    }));
  });
  it('q like, ss and ssr on strings, symbols and lists', () => {
    expect(show('("abc";"xbz";"b") like "?b?"')).toBe('110b');
    expect(show('`abc`xyz like "*c"')).toBe('10b');
    expect(show('"banana" ss "an"')).toBe('1 3');
    expect(show('ssr["banana";"an";"AN"]')).toBe('"bANANa"');
    expect(show('ssr["banana";"a";{"<",x,">"}]')).toBe('"b<a>n<a>n<a>"');
    expect(show('"a[b" like "a[[]b"')).toBe('1b');
  });
  it('bad patterns and arguments are q errors', () => {
    expect(() => q('"abc" ss ""')).toThrow('length');
    expect(() => q('"abc" ss "a*"')).toThrow('length');
    expect(() => q('"abc" like "*a*b*"')).toThrow('nyi');
    expect(() => q('1 2 like "a"')).toThrow('type');
    expect(show('"a[b" like "a[b"')).toBe('1b'); // an unclosed bracket is an ordinary character
  });
});

describe('vs and sv', () => {
  it('sv undoes vs for bases and radices', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 2, max: 100 }), (n, b) => {
      expect(Number(q(`${b} sv ${b} vs ${n}`).toJS())).toBe(n);
    }));
  });
  it('join undoes cut on strings', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'b', ',', ' '), { maxLength: 20 }), (cs) => {
      const s = cs.join('');
      expect(show(`"," sv "," vs (),${qstr(s)}`)).toBe(show(`(),${qstr(s)}`));
    }));
  });
  it('bits and bytes', () => {
    expect(show('0b sv 0b vs 12345h')).toBe('12345h');
    expect(show('0x0 sv 0x0 vs 123456789')).toBe('123456789');
    expect(show('0b vs 5i')).toBe('00000000000000000000000000000101b');
    expect(() => q('0x0 sv 0x010203')).toThrow('length');
    expect(() => q('"," vs 1 2')).toThrow('type');
  });
});

describe('trim lower upper', () => {
  it('work through lists and dictionaries, atoms pass', () => {
    expect(show('trim ("  a ";"b  ")')).toBe(',"a"\n,"b"');
    expect(show('rtrim `a`b!("x  ";" y ")')).toBe('a| ,"x"\nb| " y"');
    expect(show('trim 1 2 0N')).toBe('1 2');
    expect(show('trim `a')).toBe('`a');
    expect(show('upper ("ab";`cd)')).toBe('"AB"\n`CD');
    expect(show('lower "ÀB"')).toBe('"\\303\\200b"'); // only ASCII letters change case
    expect(() => q('upper 1')).toThrow('type');
  });
});

describe('digests and base64', () => {
  it('published MD5 and SHA-1 vectors', () => {
    const hex = (s: string) => Array.from(s, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
    expect(hex(md5(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex(md5('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex(md5('a'.repeat(1000)))).toBe('cabe45dcc9ae5b66ba86600cca6b8ba8');
    expect(hex(sha1(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex(sha1('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  });
  it('base64 round trips and rejects bad padding', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
      const s = String.fromCharCode(...b);
      expect(atob64(btoa64(s))).toBe(s);
    }));
    expect(atob64('abc')).toBeNull();
    expect(() => q('.Q.atob "abc"')).toThrow('domain');
  });
});

describe('JSON', () => {
  // .j.j writes numbers as the console does (\P 7): values of at most 7 digits survive
  const float = fc.oneof(fc.integer({ min: -99999, max: 99999 }).map((x) => x / 100), fc.constant(NaN), fc.constant(Infinity), fc.constant(-Infinity));
  const fmt = (x: number) => (Number.isNaN(x) ? '0n' : x === Infinity ? '0w' : x === -Infinity ? '-0w' : String(x) + 'f');
  it('.j.k .j.j x ~ x for float vectors with nulls and infinities, strings, booleans', () => {
    fc.assert(fc.property(fc.array(float, { minLength: 2, maxLength: 10 }), (xs) => {
      const v = xs.map(fmt).join(' ');
      expect(q(`{x~.j.k .j.j x}`, q(v)).toJS()).toBe(true);
    }));
    fc.assert(fc.property(fc.string({ maxLength: 12 }), (s) => {
      expect(q(`{x~.j.k .j.j x}`, q(`(),${qstr(s)}`)).toJS()).toBe(true);
    }));
    expect(show('{x~.j.k .j.j x}101b')).toBe('1b');
    expect(show('{x~.j.k .j.j x}`a`b!(1 2f;"xy")')).toBe('1b');
    expect(show('{x~.j.k .j.j x}([]a:1 2f;b:((),"x";"yz"))')).toBe('1b');
  });
  it('serializes each type as q does', () => {
    expect(show('.j.j `a`b!(1;"x")')).toBe('"{\\"a\\":1,\\"b\\":\\"x\\"}"');
    expect(show('.j.j (1b;`s;2020.01.02;"\\t")')).toBe('"[true,\\"s\\",\\"2020-01-02\\",\\"\\\\t\\"]"');
    expect(show('.j.j 0n 1.5')).toBe('"[null,1.5]"');
  });
  it('malformed JSON is a domain error and leaks nothing', () => {
    for (const s of ['{', '[1,', '{"a" 1}', '"abc', 'tru', '[1 2]', '{"a":1}x']) {
      expect(() => q(`.j.k ${qstr(s)}`)).toThrow('domain');
    }
  });
});

describe('0: in memory', () => {
  it('splits quoted fields', () => {
    expect(splitFields('a,"b,c",d', ',')).toEqual(['a', 'b,c', 'd']);
    expect(splitFields('"a""b",', ',')).toEqual(['a"b', '']);
  });
  it('a table written as CSV reads back the same', () => {
    const text = fc.array(fc.constantFrom('a', 'b', ',', '"', ' '), { maxLength: 6 }).map((c) => c.join(''));
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 99 }), text), { minLength: 1, maxLength: 8 }),
      (rows) => {
        const t = `([]a:${rows.map((r) => r[0]).join(' ')},0N;b:${rows.map((r) => r[1] + 'f').join(' ')},0n;c:(${rows.map((r) => '(),' + qstr(r[2])).join(';')};""))`;
        expect(q(`{x~("JF*";enlist",")0:","0:x}`, q(t)).toJS()).toBe(true);
      }));
  });
  it('columns read straight into vectors agree with "T"$ on every type letter', () => {
    const field = fc.oneof(fc.constantFrom('', ' ', '0N', '0n', '0w', '-0w', 'x', '1', '-7', '2.5', '1e3', 'ff', 't', 'n',
      '2020.01.02', '20200102', '12:34', '12:34:56.789', '2020.01.02D12:34:56.123456789', '0D01:02:03', '1.2.3.4', 'ab'),
      fc.integer({ min: -99999, max: 99999 }).map(String), fc.string({ maxLength: 4 }));
    const letters = [...'BGXHIJEFSPMDZNUVT']; // C reads the first char of each field, not "C"$'s identity
    fc.assert(fc.property(fc.constantFrom(...letters), fc.array(field, { minLength: 1, maxLength: 6 }), (c, fs) => {
      const spec = q(`(enlist "${c}";",")`);
      const lines = K.string(fs.map((f) => f.replace(/[,"\n]/g, '')));
      const fast = zeroColon(spec, lines);
      const slow = parseColumnViaTok(c, fs.map((f) => f.replace(/[,"\n]/g, '')));
      try {
        const first = fast.item(0);
        try { expect(String(first)).toBe(String(slow)); } finally { first.dispose(); }
      } finally { fast.dispose(); slow.dispose(); spec.dispose(); lines.dispose(); }
    }));
  });
  it('bad specs are q errors', () => {
    expect(() => q('("JQ";",")0:enlist"1,2"')).toThrow('domain');
    expect(() => q('("JJ";1 2 3)0:enlist"123"')).toThrow('length');
    expect(String(q('("JJ";",")0:("1,2";"3")'))).toBe('(1 3;2 0N)'); // a missing field is null
  });
});

describe('matrices', () => {
  it('inv of a singular matrix is nulls; products check shapes', () => {
    expect(show('all null raze inv (1 2f;2 4f)')).toBe('1b');
    expect(() => q('(1 2f;3 4f) mmu 1 2 3f')).toThrow('length');
    expect(() => q('1 2 mmu 3 4')).toThrow('type');
    expect(show('{x~inv inv x}(2 1f;1 3f)')).toBe('1b');
  });
});

describe('pattern matching', () => {
  it('a failed match assigns nothing', () => {
    q('pa:0;pb:0');
    expect(() => q('(pa;pb;3):1 2 4')).toThrow('match');
    expect(show('(pa;pb)')).toBe('0 0');
    expect(() => q('(pa;pb):1 2 3')).toThrow('length');
    expect(() => q('(pa:`j):1.5')).toThrow('type');
    expect(show('pa')).toBe('0');
  });
  it('lambdas with pattern parameters', () => {
    expect(show('{[(a;b)]a*b}3 4')).toBe('12');
    expect(show('{[x:`j;y]x+y}[1;2]')).toBe('3');
    expect(() => q('{[x:`j;y]x+y}[1f;2]')).toThrow('type');
  });
});

describe('the JS namespace', () => {
  it('has the vocabulary keywords, projecting on too few arguments', () => {
    const s = K.string;
    expect(String(q.ss(s('banana'), s('an')))).toBe('1 3');
    expect(String(q.vs(s(','), s('a,b')))).toBe('(,"a";,"b")');
    expect(String(q.trim(s('  a ')))).toBe(',"a"');
    expect(String(q.like('abc', s('a*')))).toBe('1b'); // a JS string is a symbol
    const f = q.like(s('abc'));
    expect(String(f.call(s('a*')))).toBe('1b');
    expect(() => q.ssr(s('a'), s('b'), s('c'), s('d'))).toThrow('rank');
  });
  it('has every keyword of .q, the evaluator\'s own ones included', () => {
    const names = (q('key`.q').toJS() as string[]).filter((n) => n !== '');
    for (const n of ['parse', 'eval', 'reval', 'show', 'each', 'over', 'scan', 'prior', 'peach', 'getenv', 'setenv', 'exit', 'value', 'get', 'set']) {
      expect(names).toContain(n);
    }
    const qn = q as unknown as Record<string, unknown>;
    expect(names.filter((n) => typeof qn[n] !== 'function')).toEqual([]);
    expect(String(q.parse(K.string('1+2')))).toBe('(+;1;2)');
    expect(String(q.eval(q.parse(K.string('2*3'))))).toBe('6');
    expect(String(q.over(q('+'), [1, 2, 3]))).toBe('6');
    expect(String(q.scan(q('+'), [1, 2, 3]))).toBe('1 3 6');
    expect(String(q.prior(q('-'), [1, 4, 9]))).toBe('1 3 5');
    expect(String(q.each(q('neg'), [1, 2]))).toBe('-1 -2');
    const p = q.each(q('neg'));
    expect(p.type).toBe(104); // too few arguments: a projection, as in q
    expect(String(p.call([3]))).toBe(',-3');
    expect(() => q.parse(K.string('1'), K.string('2'))).toThrow('rank');
  });
});

describe('K.string', () => {
  it('makes a list of strings from an array', () => {
    expect(String(K.string(['abc', 'de']))).toBe('("abc";"de")');
    expect(String(K.string(['abc']))).toBe(',"abc"');
  });
});

describe('time zones', () => {
  it('ltime and gtime follow the host zone, daylight saving included', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(show('ltime 2020.01.01D12:00 2020.07.01D12:00')).toBe('2020.01.01D07:00:00.000000000 2020.07.01D08:00:00.000000000');
      expect(show('gtime 2020.01.01D07:00')).toBe('2020.01.01D12:00:00.000000000');
      expect(show('ltime 2020.07.01T12:00:00.000')).toBe('2020.07.01T08:00:00.000');
      expect(show('ltime 0Np')).toBe('0Np');
      expect(show('{x~gtime ltime x}2021.03.14D12:00 2021.11.07D12:00')).toBe('1b');
      expect(() => q('ltime 2020.01.01')).toThrow('type');
    } finally {
      if (tz === undefined) delete process.env.TZ; else process.env.TZ = tz;
    }
  });
  it('rand draws from its argument', () => {
    expect(show('all (rand each 20#10) within 0 9')).toBe('1b');
    expect(show('(rand `a`b`c) in `a`b`c')).toBe('1b');
  });
});

describe('any input: a value or a q error, and nothing leaks', () => {
  const pool = ['1', '1 2 3', '0N', '0n 1.5', '`a', '`a`b', '"abc"', '"a"', '()', '(1;"a")', '("ab";"cd")', '`a`b!1 2',
    '([]a:1 2;b:`x`y)', '2020.01.01', '0x0102', '01b', '(1 2f;3 4f)', '{x}', '""', '" ,;="', '(`a;1 2)', '-1', '0w'];
  const monads = ['trim', 'ltrim', 'rtrim', 'lower', 'upper', 'md5', 'hsym', 'inv', 'ltime', 'gtime', 'rand', '.j.j', '.j.k',
    '.Q.id', '.Q.ty', '.Q.btoa', '.Q.atob', '.Q.sha1', '.Q.x10', '.Q.j10', '.h.hu', '.h.uh', '.h.xs', '.h.cd', '.h.xd',
    '-4!', '-14!', '-22!', '-27!', '-33!'];
  const dyads = ['like', 'ss', 'vs', 'sv', 'mmu', 'lsq', 'xrank', '0:', '1:', '$', '.Q.f', '.Q.dd', '.Q.addmonths'];
  const call = (s: string) => {
    try { q(s).dispose(); } catch (e) { expect((e as Error).name).toBe('QError'); }
  };
  it('monads', () => {
    fc.assert(fc.property(fc.constantFrom(...monads), fc.constantFrom(...pool), (f, x) => {
      call(f.endsWith('!') ? `${f.slice(0, -1)}!${x}` : `${f}[${x}]`);
    }), { numRuns: 400 });
  });
  it('dyads and ssr', () => {
    fc.assert(fc.property(fc.constantFrom(...dyads), fc.constantFrom(...pool), fc.constantFrom(...pool), (f, x, y) => {
      call(`${f}[${x};${y}]`);
      call(`ssr[${x};${y};${x}]`);
    }), { numRuns: 400 });
  });
  it('patterns on any value', () => {
    fc.assert(fc.property(fc.constantFrom('(pa;pb)', '(1;pb)', '(pa!pb)', '([]a:pa)', '(:`j)', '(pa:`J)', '((pa;pb):`F)', '([a:pa])'),
      fc.constantFrom(...pool), (p, v) => call(`${p}:${v}`)), { numRuns: 300 });
  });
});
