// group on vectors (assembly/kernels/group.ts ggroup_*, set.ts groupLists):
// the paths a small property test does not reach. Ids are stored as u16 until
// the 65537th group, then widened to u32 mid-pass; the index lists are sized
// from counts kept in the hash entries and filled in one scatter; floats hash
// by canonical bits while the keys keep the first occurrence's own bits.
import { describe, it, expect } from 'vitest';
import { q, K } from '../src/index.js';

type Raw = number | bigint | string;

/** group by a JS reference: keys (first occurrences) and index lists. */
function refGroup(xs: Raw[], canon: (v: Raw) => string = String): { firsts: number[]; lists: number[][] } {
  const at = new Map<string, number>();
  const firsts: number[] = [], lists: number[][] = [];
  xs.forEach((v, i) => {
    const c = canon(v);
    let g = at.get(c);
    if (g === undefined) { g = firsts.length; at.set(c, g); firsts.push(i); lists.push([]); }
    lists[g].push(i);
  });
  return { firsts, lists };
}

/** Checks group x against the reference: keys' exact bits, every list a long vector with the right indices. */
function checkGroup(x: K, xs: Raw[], canon?: (v: Raw) => string): void {
  const { firsts, lists } = refGroup(xs, canon);
  const g = q.group(x);
  const keys = g.keys, vals = g.values;
  try {
    expect(g.type).toBe(99);
    expect(keys.type).toBe(x.type);
    expect(keys.count).toBe(firsts.length);
    const kb = new Uint8Array(keys.data.buffer, keys.data.byteOffset, keys.data.byteLength);
    const xb = new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength);
    const w = kb.length / Math.max(1, keys.count);
    const want = new Uint8Array(firsts.length * w);
    firsts.forEach((f, j) => want.set(xb.subarray(f * w, (f + 1) * w), j * w));
    expect(Buffer.from(kb).equals(Buffer.from(want)), 'keys are the first occurrences, bit for bit').toBe(true);
    expect(vals.type).toBe(0);
    expect(vals.count).toBe(lists.length);
    for (let j = 0; j < lists.length; j++) {
      const v = vals.item(j);
      try {
        expect(v.type).toBe(7);
        const got = v.data as BigInt64Array;
        if (got.length !== lists[j].length || lists[j].some((i, k) => BigInt(i) !== got[k])) {
          expect([...got].map(Number), `group ${j}`).toEqual(lists[j]);
        }
      } finally { v.dispose(); }
    }
  } finally { keys.dispose(); vals.dispose(); g.dispose(); }
}

/** n items: the first `fresh` all distinct, the rest drawn from all `pool` values (so early keys recur after the widening). */
function spread(n: number, fresh: number, pool: number, seed = 99): number[] {
  let s = seed;
  const rnd = () => { s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff; return s; };
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i < fresh ? i : rnd() % pool);
  return out;
}

const floatCanon = (v: Raw) => (Number.isNaN(v as number) ? 'n' : String((v as number) + 0));

describe('group past 65536 groups (u16 ids widened to u32 mid-pass)', () => {
  const idx = spread(160000, 70000, 90000);
  it('longs', () => {
    const vals = idx.map((i) => BigInt(i) * 7919n - 300000000n);
    const x = K.long(BigInt64Array.from(vals));
    checkGroup(x, vals);
    x.dispose();
  });
  it('ints, with nulls', () => {
    const vals = idx.map((i) => (i === 5 ? -2147483648 : i * 13 - 500000));
    const x = K.int(Int32Array.from(vals));
    checkGroup(x, vals);
    x.dispose();
  });
  it('floats: 0n, -0.0 before 0.0, infinities', () => {
    const special = [NaN, -0, 0, Infinity, -Infinity];
    const vals = idx.map((i) => (i < special.length ? special[i] : i / 8 - 3000));
    const x = K.float(Float64Array.from(vals));
    checkGroup(x, vals, floatCanon);
    x.dispose();
  });
  it('reals', () => {
    const vals = idx.map((i) => Math.fround(i === 1 ? -0 : i / 4 - 100));
    const x = K.real(Float32Array.from(vals));
    checkGroup(x, vals, floatCanon);
    x.dispose();
  });
  it('symbols', () => {
    const vals = idx.map((i) => `s${i}`);
    const x = K.symbol(vals);
    checkGroup(x, vals);
    x.dispose();
  });
  it('shorts (every value, through the direct table)', () => {
    const vals = spread(200000, 65536, 65536).map((i) => ((i * 40503) & 0xffff) - 32768);
    const x = K.short(Int16Array.from(vals));
    checkGroup(x, vals);
    x.dispose();
  });
});

describe('group: floats hash by value, keys keep their own bits', () => {
  it('-0.0 first: one group keyed -0.0; 0.0 first: keyed 0.0', () => {
    for (const vals of [[-0, 0, 1, -0], [0, -0, 1, 0], [NaN, 1, NaN, -0, 0]]) {
      const x = K.float(vals);
      checkGroup(x, vals, floatCanon);
      x.dispose();
    }
    expect(q('string key group -0.0 0.0 1.0').toJS()).toEqual(['-0', '1']);
    expect(q('value group -0.0 0.0 0n 0n 0w -0w 0w').toJS()).toEqual([[0, 1], [2, 3], [4, 6], [5]]);
    expect(q('value group -0e 0e 0Ne 0Ne 0we').toJS()).toEqual([[0, 1], [2, 3], [4]]);
  });
  it('empty and one item, every float and integer width', () => {
    for (const t of ['0#0.0', '0#0e', '0#0', '0#0i', '0#`', '0#0D']) {
      expect(q(`count group ${t}`).toJS()).toBe(0);
      expect(q(`type value group ${t}`).toJS()).toBe(0);
      expect(q(`(type key group ${t})=type ${t}`).toJS()).toBe(true);
    }
    for (const t of ['enlist 0n', 'enlist 0Ne', 'enlist 0N', 'enlist 0Ni', 'enlist `a', 'enlist 2000.01.01']) {
      expect(q(`(value group ${t})~enlist enlist 0`).toJS()).toBe(true);
      expect(q(`(key group ${t})~${t}`).toJS()).toBe(true);
    }
  });
});

describe('group: many lists filled in lockstep', () => {
  it('1000 groups of a 200000-long vector: every list, count each group', () => {
    const vals = spread(200000, 0, 1000, 7).map((i) => BigInt(i) << 40n);
    const x = K.long(BigInt64Array.from(vals));
    checkGroup(x, vals);
    const c = q('{count each group x}', x);
    const { lists } = refGroup(vals);
    expect([...(c.values.data as BigInt64Array)].map(Number)).toEqual(lists.map((l) => l.length));
    c.dispose();
    x.dispose();
  });
  it('each list is its own vector: amending one leaves the others', () => {
    expect(q('g:group 3 1 3 2 1 3; g[3],:99; g[1]:0#g 1; (value g;value count each g)').toJS())
      .toEqual([[[0, 2, 5, 99], [], [3]], [4, 0, 1]]);
    q('delete g from `.').dispose();
  });
});

describe('select … by over many rows (direct tables over symbol ids, composite numbering with its index)', () => {
  /** select … by the key columns against the same groups made by hand with group and iasc. */
  const agree = (setup: string, keys: string) => {
    q(setup).dispose();
    try {
      const query = `select v:sum v, f:first v, l:last v, c:count i by ${keys} from t`;
      const byHand = `{o:iasc key x; (key[x] o)!([] v:sum each t[\`v] (value x) o; f:first each (value x) o; l:last each (value x) o; c:count each (value x) o)} group select ${keys} from t`;
      const a = q(query), b = q(byHand);
      try {
        expect(a.count, query).toBe(b.count);
        expect(q.match(a, b).toJS(), query).toBe(true);
      } finally { a.dispose(); b.dispose(); }
    } finally { q('delete t from `.').dispose(); }
  };
  it('one symbol key (interned out of text order, with the null symbol) and two keys', () => {
    const setup = 'n:70000; t:([] s:n?`zz`m``a`b`yy; k:n?3; v:til n)';
    agree(setup, 's');
    agree(setup, 's, k');
  });
  it('two wide long keys: numbered by a hash of few composites, and by a grade of near-unique rows', () => {
    agree('n:80000; x:n?1000; t:([] a:1000000*x; b:?[x=5;0N;neg x]; v:til n)', 'a, b');
    agree('n:80000; t:([] a:neg til n; b:1000000*til n; v:til n)', 'a, b');
  });
});
