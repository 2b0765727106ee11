// Function values on the wire. Their payloads live in JS (the language layer),
// so the engine's codec calls back here: `fnenc` gives the body bytes of a
// function block, `fndec` rebuilds a function from the parts the engine decoded.
//
//   100 lambda       context symbol (NUL-terminated, without the leading dot), text as a char vector
//   101 unary prim   one code byte (0 is ::)        102 operator   one code byte
//   103 iterator     one code byte                  104 projection count, function, arguments (hole: 101 0xff)
//   105 composition  count, functions               106..111 f' f/ f\ f': f/: f\:  then f

import { E, mem, codecHooks, alloc, onLoad } from '../runtime.js';
import { K } from '../k.js';
import { QError } from '../errors.js';
import { payloadOf, primValue, derive, project, callPrim, keywordForm, KEYWORD_TEXT, type Payload } from '../lang/eval.js';
import { parse } from '../lang/parser.js';
import * as V from '../lang/values.js';
import { enumCodec } from './enums.js';

const enc = new TextEncoder();

/** k's verb order: the code byte of an operator (102) or of its unary form (101). */
const VERBS = [':', '+', '-', '*', '%', '&', '|', '^', '=', '<', '>', '$', ',', '#', '_', '~', '!', '?', '@', '.'];
const ITERATORS = ["'", '/', '\\', "':", '/:', '\\:'];
/** q keywords that are k unary forms of a verb (basics/exposed-infrastructure). */
const UNARY_KEYWORD: Record<string, string> = {
  key: '!', count: '#', string: '$', reciprocal: '%', where: '&', first: '*', flip: '+', enlist: ',', neg: '-',
  value: '.', iasc: '<', group: '=', idesc: '>', distinct: '?', type: '@', null: '^', floor: '_', reverse: '|', not: '~',
};
const HOLE = 0xff;

/** Encoded function bodies of the current serialization, by block address. */
const cache = new Map<number, Uint8Array>();
let depth = 0;
let pending: QError | undefined;

function le32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, n, true);
  return b;
}
function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

// body of any value (functions included), through the engine
interface BodyExports { ipcBodySize(p: number): number; ipcWriteBody(p: number, dst: number): number }
// the engine's exports, re-read once it is loaded (the browser bundle loads before its engine)
let C = E as unknown as BodyExports;
onLoad(() => { C = E as unknown as BodyExports; });
function bodyOf(p: number): Uint8Array {
  const n = C.ipcBodySize(p);
  if (n < 0) throw pending ?? new QError('type');
  const b = alloc(4, n);
  try {
    C.ipcWriteBody(p, b + 16);
    return mem().u8.slice(b + 16, b + 16 + n);
  } finally { E.r0(b); }
}

function encodeFunction(f: K): Uint8Array {
  const t = f.type;
  if (t === 101 && mem().i32[(f.ptr + 16) >>> 2] === 0) return Uint8Array.of(101, 0);
  const pl = payloadOf(f) as Payload | undefined;
  if (!pl) throw new QError('type');
  switch (pl.kind) {
    case 'lambda': {
      const ctx = enc.encode(pl.ns.replace(/^\./, ''));
      const text = enc.encode(pl.node.src);
      return concat([Uint8Array.of(100), ctx, Uint8Array.of(0, 10, 0), le32(text.length), text]);
    }
    case 'prim': {
      // a keyword kdb+ defines otherwise: as that (differ a composition, deltas -':, iasc a k lambda of .q)
      const form = keywordForm(f);
      if (form) { try { return bodyOf(form.ptr); } finally { form.dispose(); } }
      if (t === 100) {
        const text = enc.encode(KEYWORD_TEXT[pl.op] ?? '');
        return concat([Uint8Array.of(100), enc.encode('q'), Uint8Array.of(0, 10, 0), le32(text.length), text]);
      }
      const glyph = t === 101 ? (pl.op.length === 2 && pl.op.endsWith(':') ? pl.op[0] : UNARY_KEYWORD[pl.op]) : pl.op;
      const code = VERBS.indexOf(glyph ?? '');
      if (code < 0 || (t !== 101 && t !== 102)) throw new QError('type');
      return Uint8Array.of(t, code);
    }
    case 'adv': return Uint8Array.of(103, ITERATORS.indexOf(pl.adv));
    case 'iter': return concat([Uint8Array.of(t), bodyOf(pl.f.ptr)]);
    case 'proj': {
      const parts = [pl.f, ...pl.args].map((a) => (a ? bodyOf(a.ptr) : Uint8Array.of(101, HOLE)));
      return concat([Uint8Array.of(104), le32(parts.length), ...parts]);
    }
    case 'comp': return concat([Uint8Array.of(105), le32(pl.fs.length), ...pl.fs.map((g) => bodyOf(g.ptr))]);
    case 'view': throw new QError('type');
  }
}

function fnenc(p: number, dst: number): number {
  try {
    let b = cache.get(p);
    if (!b) {
      const f = new K(E.r1(p));
      try { b = encodeFunction(f); } finally { f.dispose(); }
      cache.set(p, b);
    }
    if (dst) mem().u8.set(b, dst);
    return b.length;
  } catch (e) {
    pending ??= e instanceof QError ? e : new QError('type');
    return -1;
  }
}

/** A function value of type t from the parts x (borrowed). */
function buildFunction(t: number, x: K): K {
  if (t === 100) {
    const ctx = x.item(0), text = x.item(1);
    try {
      const ns = V.symsOf(ctx)[0];
      const kw = Object.keys(KEYWORD_TEXT).find((k) => KEYWORD_TEXT[k] === V.textOf(text));
      if (kw) return primValue(kw);
      const node = parse(V.textOf(text));
      if (node.k !== 'lambda') throw new QError('badmsg');
      return V.fnValue(100, { kind: 'lambda', node, ns: ns ? '.' + ns : '' });
    } finally { ctx.dispose(); text.dispose(); }
  }
  if (t >= 101 && t <= 103) {
    const code = mem().u8[x.ptr + 16];
    if (t === 101 && code === 0) return V.nil();
    if (t === 101 && code === HOLE) return V.fnValue(101, { kind: 'prim', op: HOLE_OP });
    if (t === 103) { const a = ITERATORS[code]; if (!a) throw new QError('badmsg'); return primValue(a); }
    const g = VERBS[code];
    if (!g) throw new QError('badmsg');
    if (t === 102) return primValue(g);
    const kw = Object.keys(UNARY_KEYWORD).find((k) => UNARY_KEYWORD[k] === g);
    return primValue(kw ?? g + ':');
  }
  if (t === 104 || t === 105) {
    const items = V.itemsOf(x);
    try {
      if (items.some((k) => k.type < 100 && t === 105)) throw new QError('badmsg');
      if (t === 105) {
        let r = items[items.length - 1].ref();
        for (let i = items.length - 2; i >= 0; i--) {
          const next = callPrim("'", [items[i], r]);
          r.dispose(); r = next;
        }
        return r;
      }
      const [f, ...args] = items;
      if (f.type < 100) throw new QError('badmsg');
      return project(f, args.map((a) => (isHole(a) ? null : a)));
    } finally { items.forEach((k) => k.dispose()); }
  }
  if (t >= 106 && t <= 111) {
    if (x.type < 100) throw new QError('badmsg');
    return derive(ITERATORS[t - 106], x.ref());
  }
  throw new QError('badmsg');
}

const HOLE_OP = '\u0000hole';
function isHole(k: K): boolean {
  if (k.type !== 101) return false;
  const pl = payloadOf(k) as Payload | undefined;
  return pl?.kind === 'prim' && pl.op === HOLE_OP;
}

function fndec(t: number, xp: number): number {
  try {
    const x = new K(E.r1(xp));
    try {
      const f = buildFunction(t, x);
      const p = E.r1(f.ptr);
      f.dispose();
      return p;
    } finally { x.dispose(); }
  } catch (e) {
    pending ??= e instanceof QError && e.message !== 'parse' ? e : new QError('badmsg');
    return 0;
  }
}

codecHooks.fnenc = fnenc;
codecHooks.fndec = fndec;

/** Runs one top-level codec call: a fresh cache of encoded functions, and any
 *  error raised inside a callback kept for the caller. */
export const fnCodec = {
  run<T>(f: () => T): T {
    if (depth++ === 0) { cache.clear(); enumCodec.clear(); pending = undefined; enumCodec.takeError(); }
    try { return f(); } finally { if (--depth === 0) { cache.clear(); enumCodec.clear(); } }
  },
  takeError(): QError | undefined { const e = pending ?? enumCodec.takeError(); pending = undefined; return e; },
};


