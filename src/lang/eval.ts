// The q evaluator: walks the parser's AST right to left, holding every value
// as a K in the engine. Primitives dispatch lazily through the registry
// (src/ops/registry.ts); what it lacks raises 'nyi.
//
// Function values are engine blocks whose payload (K.fn-style, see
// values.fnValue) is one of the `Payload` objects below:
//
//   100 lambda       { kind:'lambda', node, ns }       ns: namespace it was defined in
//   101 unary/kw     { kind:'prim', op }               keyword, or the k unary form `+:`
//   102 operator     { kind:'prim', op }               glyph
//   103 iterator     { kind:'adv', adv }               a bare iterator (parse trees)
//   104 projection   { kind:'proj', f, args }          args: K or null for a hole
//   105 composition  { kind:'comp', fs }               applied right to left
//   106..111 derived { kind:'iter', adv, f }           ' / \ ': /: \:
//
// Ownership: every function here borrows its K arguments and returns a new K.
// Temporaries are disposed as soon as they are no longer needed; variables own
// the values stored in them.

import { K } from '../k.js';
import { QError } from '../errors.js';
import { NAMED_VALUES, lookup, type Prim } from '../ops/registry.js';
import { enlist as coreEnlist } from '../ops/core.js';
import { mem, fnGet, E, hdrRef, hdrType } from '../runtime.js';
import { fnMatcher } from '../ops/atomic/drive.js';
import { fnKeys } from '../ops/sortsearch/util.js';
import { displaySettings } from '../display.js';
import { XD, XT } from '../types.js';
import { parse, type Node } from './parser.js';
import * as V from './values.js';
import { qerr } from './error.js';
import * as A from '../adverbs.js';
import { checkInterrupt } from '../interrupt.js';

type LambdaNode = Extract<Node, { k: 'lambda' }>;

export type Payload =
  | { kind: 'lambda'; node: LambdaNode; ns: string; code?: (fr: Frame) => K; index?: Map<string, number>; run?: LambdaCode }
  | { kind: 'prim'; op: string }
  | { kind: 'adv'; adv: string }
  | { kind: 'proj'; f: K; args: (K | null)[] }
  | { kind: 'comp'; fs: K[] }
  | { kind: 'iter'; adv: string; f: K }
  /** a view as the root namespace holds it (`. `v, learn/views.md): src/lang/views.ts */
  | { kind: 'view'; name: string; src: string };

const ADVERBS = ["'", '/', '\\', "':", '/:', '\\:'];
export const GLYPHS: ReadonlySet<string> = new Set(['+', '-', '*', '%', '!', '&', '|', '<', '>', '=', '~', ',', '^', '#', '_', '$', '?', '@', '.', ':', '::', '<=', '>=', '<>', "'", '0:', '1:', '2:']);

/** k unary forms to q keywords (basics/exposed-infrastructure). */
export const UNARY_FORM: Record<string, string> = {
  '!:': 'key', '#:': 'count', '$:': 'string', '%:': 'reciprocal', '&:': 'where', '*:': 'first',
  '+:': 'flip', ',:': 'enlist', '-:': 'neg', '.:': 'value', '<:': 'iasc', '=:': 'group', '>:': 'idesc',
  '?:': 'distinct', '@:': 'type', '^:': 'null', '_:': 'floor', '|:': 'reverse', '~:': 'not',
};

/** Every q keyword (ref/ref.csv and the .q names); those the kernels lack raise 'nyi. */
export const KEYWORDS: ReadonlySet<string> = new Set((
  'abs acos aj aj0 ajf ajf0 all and any asc asin asof atan attr avg avgs bin binr ceiling cols cor cos count cov ' +
  'cross csv cut delete deltas desc dev differ distinct div do dsave each ej ema enlist eval except exec exit exp ' +
  'fby fills first fkeys flip floor get getenv group gtime hclose hcount hdel hopen hsym iasc idesc if ij ijf in ' +
  'insert inter inv key keys last like lj ljf load log lower lsq ltime ltrim mavg max maxs mcount md5 mdev med meta ' +
  'min mins mmax mmin mmu mod msum neg next not null or over parse peach pj prd prds prev prior rand rank ratios raze ' +
  'read0 read1 reciprocal reval reverse rload rotate rsave rtrim save scan scov sdev select set setenv show signum sin ' +
  'sqrt ss ssr string sublist sum sums sv svar system tables tan til trim type uj ujf ungroup union update upper ' +
  'upsert value var view views vs wavg where while within wj wj1 wsum xasc xbar xcol xcols xdesc xexp xgroup xkey ' +
  'xlog xprev xrank'
).split(' '));

// ---------------------------------------------------------------- interpreter state

/** Global variables by absolute name (`a`, `.foo.a`). Each holds one reference. */
export const globals = new Map<string, K>();
/** The current namespace (`\d`): '' for the root, '.foo' otherwise. */
export const state = { ns: '', depth: 0, splices: [] as K[][] };

/** Output sink for show, 0N! and the console (set by the console driver). */
export let output: (s: string) => void = (s) => {
  const g = globalThis as { process?: { stdout?: { write(s: string): void } } };
  if (g.process?.stdout) g.process.stdout.write(s); else console.log(s.replace(/\n$/, ''));
};
export function setOutput(f: (s: string) => void): void { output = f; }

/** A call's locals, addressed by slot: slot i of a lambda is its i-th parameter,
 *  then its locals in order (`index` maps a name to its slot, once per lambda). */
export interface Frame {
  /** values assigned in this call (owned by the frame, disposed when it ends) */
  slots: (K | undefined)[];
  /** the caller's arguments by parameter position (borrowed); slots[i] shadows args[i] once assigned */
  args: readonly K[];
  index: ReadonlyMap<string, number>;
  ns: string;
  self?: K;
  /** names of an enclosing scope (a lambda's locals around a q-sql phrase): a new reference or undefined */
  outer?: Outer;
  /** the value of a `:x` return run in statement position (compiled code stops at it) */
  ret?: K;
  /** compiled code's unboxed locals (compile.ts): slot i holds an atom of type nt[i]
   *  (0: none) and value nv[i] while slots[i] is undefined */
  nt?: number[];
  nv?: number[];
}

/** The current value of local slot i (borrowed), undefined when unset. */
export function slotValue(fr: Frame, i: number): K | undefined {
  return fr.slots[i] ?? fr.args[i];
}

/** The value of local `name` in fr (borrowed): undefined when it is not a local or is unset. */
function localOf(fr: Frame | null, name: string): K | undefined {
  const i = fr?.index.get(name);
  return i === undefined ? undefined : slotValue(fr!, i);
}

/** Store an owned value in local slot i, releasing what the frame held there. */
export function setSlot(fr: Frame, i: number, v: K): void {
  const old = fr.slots[i];
  fr.slots[i] = v;
  old?.dispose();
}

/** Release what a finished call's frame owns. */
export function releaseFrame(fr: Frame): void {
  const s = fr.slots;
  for (let i = 0; i < s.length; i++) s[i]?.dispose();
  fr.ret?.dispose();
}

/** The names visible around a compiled expression: a new reference, or undefined when not bound there. */
export type Outer = (name: string) => K | undefined;

/** The locals of frame `fr` as an Outer (for an expression compiled inside a lambda). */
export function outerOf(fr: Frame | null): Outer | undefined {
  if (!fr) return undefined;
  return (name) => (fr.index.has(name) ? localOf(fr, name)?.ref() : fr.outer?.(name));
}

/** The slot index of a lambda's parameters and locals, computed once per lambda node. */
const frameIndex = new WeakMap<object, Map<string, number>>();
export function lambdaIndex(node: LambdaNode): Map<string, number> {
  let m = frameIndex.get(node);
  if (!m) {
    m = new Map();
    for (const name of [...node.params, ...node.locals]) if (!m.has(name)) m.set(name, m.size);
    frameIndex.set(node, m);
  }
  return m;
}

/** A lambda's compiled body (compile.ts) and the frames its calls reuse: code
 *  gives a new K, or null when it left its value as an unboxed atom (box makes it a K). */
export interface LambdaCode {
  code: (fr: Frame) => K | null;
  /** a frame from the pool (or a new one), empty */
  frame(): Frame;
  /** release what a finished call's frame owns and return it to the pool */
  release(fr: Frame): void;
  /** the unboxed value code left, as a new K */
  box(): K;
}

/** A compiled lambda body (installed by compile.ts); null runs the tree walker. */
export const compiler: {
  /** a lambda's body, compiled once per (node, namespace); null runs the tree walker */
  run: ((node: LambdaNode, ns: string) => LambdaCode) | null;
  lambda: ((node: LambdaNode, ns: string) => (fr: Frame) => K) | null;
  /** a top-level do/while/if, compiled once per node (run with a null frame) */
  top: ((n: Node) => (fr: Frame) => K) | null;
  /** is the lambda's body atomic in its parameters (so f' is f on whole vectors)? */
  atomic: ((node: LambdaNode) => boolean) | null;
} = { lambda: null, top: null, atomic: null, run: null };

export class Return {
  constructor(readonly value: K) {}
}

// q depth at which to signal 'stack: below where the JS stack runs out, so the overflow
// is a clean q error and never a leak mid-cleanup. A lambda call is one level (about 7
// JS frames compiled: the default Node stack holds about 1100 of them); an iterator
// and `value` of text add levels of their own, as they add JS frames of their own.
const MAX_DEPTH = 1000;

/** Enter `w` levels of q call depth (signals 'stack past MAX_DEPTH); leave with state.depth -= w. */
function enter(w: number): void {
  if ((state.depth += w) > MAX_DEPTH) { state.depth -= w; throw qerr('stack'); }
}

// ---------------------------------------------------------------- function values

function disposer(this: { f?: K; fs?: K[]; args?: (K | null)[] }): void {
  this.f?.dispose();
  this.fs?.forEach((k) => k.dispose());
  this.args?.forEach((k) => k?.dispose());
}

function withDispose<T extends object>(p: T): T {
  Object.defineProperty(p, Symbol.dispose, { value: disposer, enumerable: false });
  return p;
}

/** Keywords q defines as derived functions (glyph and iterator): they show as
 *  `-':`, have the iterator's type and take its binary form (`deltas[10;x]`);
 *  their unary form stays the keyword's own kernel. */
const DERIVED_KEYWORDS: Record<string, [string, string]> = {
  sums: ['+', '\\'], prds: ['*', '\\'], maxs: ['|', '\\'], mins: ['&', '\\'], raze: [',', '/'],
  deltas: ['-', "':"], ratios: ['%', "':"],
};
const ITERATOR_TYPE: Record<string, number> = { "'": 106, '/': 107, '\\': 108, "':": 109 };

/** Types of keywords kdb+ defines as another kind of function (a k lambda is 100h,
 *  differ a composition 105h), by keyword; filled by src/vocab/ktext.ts. */
export const KEYWORD_TYPE: Record<string, number> = {};
/** What such a keyword is in kdb+, built from our values (differ is '[$["b"];'[~;~':]]):
 *  `value` and IPC show it, while applying it still runs our kernel. */
export const KEYWORD_FORM: Record<string, () => K> = {};

/** A primitive or keyword as a function value. */
export function primValue(op: string): K {
  if (op === '::') return V.nil();
  if (op !== "'" && ADVERBS.includes(op)) return V.fnValue(103, { kind: 'adv', adv: op });
  if (GLYPHS.has(op)) return V.fnValue(KEYWORD_TYPE[op] ?? 102, { kind: 'prim', op });
  const derived = DERIVED_KEYWORDS[op];
  if (derived) return V.fnValue(ITERATOR_TYPE[derived[1]], { kind: 'prim', op });
  return V.fnValue(KEYWORD_TYPE[op] ?? 101, { kind: 'prim', op });
}

/** The kdb+ form of a keyword function value (a new K), or null. */
export function keywordForm(f: K): K | null {
  const pl = payloadOf(f);
  if (pl?.kind !== 'prim') return null;
  const d = DERIVED_KEYWORDS[pl.op];
  if (d) return derive(d[1], primValue(d[0]));
  return KEYWORD_FORM[pl.op]?.() ?? null;
}

/** f with iterator adv attached (takes ownership of f). */
export function derive(adv: string, f: K): K {
  const i = ADVERBS.indexOf(adv);
  if (i < 0) { f.dispose(); throw qerr('parse'); }
  return V.fnValue(106 + i, withDispose({ kind: 'iter', adv, f }));
}

/** f[a;;b] (f and args borrowed; null = hole): a list or dictionary indexed with
 *  elided indices, a function projected. A symbol naming a value stands for that
 *  value, as when applied to all its arguments (`f[5;] as `f @ 5). */
export function applyHoles(f: K, args: (K | null)[]): K {
  if (f.type === -11) {
    const v = namedValue(f);
    if (v) { try { return applyHoles(v, args); } finally { v.dispose(); } }
  }
  if (f.type < 100) return V.indexDeep(f, args);
  if (f.type === 100 && args.length > rankOf(f)) throw qerr('rank');
  return project(f, args);
}

/** A projection of f (borrowed) on args (borrowed; null = hole). */
export function project(f: K, args: (K | null)[]): K {
  const pl = payloadOf(f);
  // projecting a projection fills its holes
  if (pl?.kind === 'proj') {
    const merged = fill(pl.args, args);
    return V.fnValue(104, withDispose({ kind: 'proj', f: pl.f.ref(), args: merged }));
  }
  return V.fnValue(104, withDispose({ kind: 'proj', f: f.ref(), args: args.map((a) => a?.ref() ?? null) }));
}

/** Fill the holes of `slots` with `args` in order (new references). */
function fill(slots: (K | null)[], args: (K | null)[]): (K | null)[] {
  const out: (K | null)[] = [];
  let j = 0;
  for (const s of slots) {
    if (s === null && j < args.length) out.push(args[j++]?.ref() ?? null);
    else out.push(s?.ref() ?? null);
  }
  while (j < args.length) out.push(args[j++]?.ref() ?? null);
  return out;
}

export function payloadOf(f: K): Payload | undefined {
  if (f.type < 100) return undefined;
  return f.fnPayload as Payload | undefined;
}

/** The rank (number of arguments) a function value takes. */
export function rankOf(f: K): number {
  const t = f.type;
  if (t < 100 || V.isNil(f)) return 1;
  const pl = payloadOf(f);
  if (!pl) return 1;
  switch (pl.kind) {
    case 'lambda': return Math.max(1, pl.node.params.length);
    case 'prim': return primRank(pl.op);
    case 'adv': return 1;
    case 'proj': {
      const holes = pl.args.filter((a) => a === null).length;
      const r = rankOf(pl.f) - pl.args.length;
      return Math.max(1, holes + Math.max(0, r));
    }
    case 'comp': return rankOf(pl.fs[pl.fs.length - 1]);
    case 'iter': {
      if (pl.adv === "'" ) return rankOf(pl.f);
      if (pl.adv === '/' || pl.adv === '\\') return rankOf(pl.f) === 1 ? 1 : rankOf(pl.f);
      return 2;
    }
    case 'view': return 1;
  }
}

const NATIVE_RANK: Record<string, number> = {
  each: 2, peach: 2, over: 2, scan: 2, prior: 2, value: 1, get: 1, eval: 1, reval: 1, parse: 1,
  set: 2, show: 1, system: 1, exit: 1, enlist: 1, getenv: 1, setenv: 2, if: 2, do: 2, while: 2,
  string: 1, tables: 1, views: 1,
};

function primRank(op: string): number {
  if (op.length >= 2 && op.endsWith(':') && UNARY_FORM[op]) return 1;
  if (GLYPHS.has(op)) return 2;
  if (op in NATIVE_RANK) return NATIVE_RANK[op];
  const p = lookup(op);
  if (!p) return 1;
  return p.tetrad ? 4 : p.triad ? 3 : p.dyad && !p.monad ? 2 : 1;
}

// ---------------------------------------------------------------- names

export function isReserved(name: string): boolean {
  return KEYWORDS.has(name) || !!lookup(name) || name in NATIVE_RANK;
}

export function absName(name: string, ns: string): string {
  if (name.startsWith('.') || !ns) return name;
  return ns + '.' + name;
}

/** The value of a name: local, global (in the namespace, then the root), .z, keyword. */
export function getName(name: string, fr: Frame | null): K {
  const i = fr?.index.get(name);
  if (i !== undefined) {
    const v = slotValue(fr!, i);
    if (!v) throw qerr(name);
    return v.ref();
  }
  const o = fr?.outer?.(name);
  if (o) return o;
  const ns = fr ? fr.ns : state.ns;
  const v = globals.get(absName(name, ns)) ?? (ns ? globals.get(name) : undefined);
  if (v) return v.ref();
  const view = viewHooks.read?.(name);
  if (view) return view;
  if (name === '.z.s') { if (!fr?.self) throw qerr(name); return fr.self.ref(); }
  if (name.startsWith('.z.')) return dotZ(name.slice(3));
  if (name.startsWith('.Q.') && name.slice(3) in DOT_Q) return DOT_Q[name.slice(3)]();
  const named = NAMED_VALUES.get(name);
  if (named) return named();
  // t.c: a column of a table (or an entry of a dictionary) held in a variable;
  // t.fk.c follows an enumerated column to its keyed table (src/table/enum.ts)
  for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
    const head = name.slice(0, dot);
    let cur = localOf(fr, head)?.ref() ?? tryGlobal(head, fr);
    if (!cur) continue;
    try {
      for (const part of name.slice(dot + 1).split('.')) {
        const t = cur.type;
        if (!(t === XT || t === XD || (t >= 20 && t <= 76))) throw qerr(name);
        const key = V.symAtom(part);
        const next: K = (() => { try { return V.index1(cur, key); } finally { key.dispose(); } })();
        cur.dispose();
        cur = next;
      }
      return cur;
    } catch (e) { cur.dispose(); throw e; }
  }
  if (name.startsWith('.q.') && isReserved(name.slice(3))) return primValue(name.slice(3));
  if (isReserved(name)) return primValue(name);
  // a namespace named alone is its dictionary (.q`neg, .Q, .h)
  if (name.charCodeAt(0) === 46 && namespaceHooks.value) {
    const s = V.symAtom(name);
    try { const d = namespaceHooks.value(s); if (d) return d; } finally { s.dispose(); }
  }
  throw qerr(name);
}

/** Is name a keyword here (not a local or a variable of that name)? */
function builtin(name: string, fr: Frame | null): boolean {
  if (fr?.index.has(name)) return false;
  if (globals.has(absName(name, fr ? fr.ns : state.ns)) || globals.has(name)) return false;
  return isReserved(name);
}

export function setGlobal(name: string, v: K, ns: string): void {
  if (isReserved(name)) { v.dispose(); throw qerr('assign'); }
  storeGlobal(absName(name, ns), v);
}

/** .z.vs, called after a global of the default namespace is set (ref/dotz.md):
 *  `on` once it has been assigned (turned off again when found gone), so
 *  assignments pay one property read while it is not defined; compiled
 *  assignments to globals take the walker (evalAssign) while it is on. */
export const valueSetHook = { on: false, busy: false };

/** Call .z.vs[name; index] after name was set (index: () for the whole value). */
function valueSet(name: string, ns: string, index: K | null): void {
  if (ns !== '' || name.charCodeAt(0) === 46 || valueSetHook.busy) return;
  const f = globals.get('.z.vs');
  if (!f) { valueSetHook.on = false; return; }
  const sym = V.symAtom(name), idx = index ?? V.generalOf([]);
  valueSetHook.busy = true;
  try { apply(f, [sym, idx]).dispose(); } finally { valueSetHook.busy = false; sym.dispose(); if (!index) idx.dispose(); }
}

/** Store an owned value under an absolute global name (not a reserved word: the caller checked). */
export function storeGlobal(key: string, v: K): void {
  if (key === '.z.vs') valueSetHook.on = true;
  const old = globals.get(key);
  globals.set(key, v);
  old?.dispose();
}

export function setVar(name: string, v: K): void { setGlobal(name, v.ref(), state.ns); }
export function getVar(name: string): K { return getName(name, null); }

function nowParts(): { ns: bigint; offsetMin: number } {
  const perf = (globalThis as { performance?: { timeOrigin: number; now(): number } }).performance;
  const ms = perf ? perf.timeOrigin + perf.now() : Date.now();
  const ns = BigInt(Math.floor(ms * 1000)) * 1000n - 946684800000000000n;
  return { ns, offsetMin: -new Date().getTimezoneOffset() };
}

/** .z namespace values. */
function dotZ(n: string): K {
  const { ns, offsetMin } = nowParts();
  const local = ns + BigInt(offsetMin) * 60000000000n;
  const day = 86400000000000n;
  const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
  switch (n) {
    case 'p': return V.atomOf(12, ns);
    case 'P': return V.atomOf(12, local);
    case 'd': return V.atomOf(14, Number(floorDiv(ns, day)));
    case 'D': return V.atomOf(14, Number(floorDiv(local, day)));
    case 't': return V.atomOf(19, Number((ns - floorDiv(ns, day) * day) / 1000000n));
    case 'T': return V.atomOf(19, Number((local - floorDiv(local, day) * day) / 1000000n));
    case 'n': return V.atomOf(16, ns - floorDiv(ns, day) * day);
    case 'N': return V.atomOf(16, local - floorDiv(local, day) * day);
    case 'z': return V.atomOf(15, Number(ns) / 8.64e13);
    case 'Z': return V.atomOf(15, Number(local) / 8.64e13);
    case 'K': return V.atomOf(9, 4.1);
    case 'k': return V.atomOf(14, 9131);
    case 'o': return V.symAtom('w32'.length ? osName() : '');
    case 'i': { const g = globalThis as { process?: { pid: number } }; return V.intAtom(g.process?.pid ?? 0); }
    case 'x': {
      const g = globalThis as { process?: { argv: string[] } };
      const args = g.process?.argv.slice(3) ?? [];
      return V.listOf(args.map((a) => V.charVec(a)));
    }
    case 'f': return V.symAtom(scriptName);
  }
  const zhook = dotzHooks[n];
  if (zhook) return zhook();
  throw qerr('.z.' + n);
}

/** The few .Q utilities the console needs: .Q.s (console text), .Q.s1 (one line), .Q.a .Q.A .Q.n. */
const DOT_Q: Record<string, () => K> = {
  s: () => V.fnValue(101, { kind: 'prim', op: '.Q.s' }),
  s1: () => V.fnValue(101, { kind: 'prim', op: '.Q.s1' }),
  a: () => V.charVec('abcdefghijklmnopqrstuvwxyz'),
  A: () => V.charVec('ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
  n: () => V.charVec('0123456789'),
};

let scriptName = '';
export function setScriptName(s: string): void { scriptName = s; }

function osName(): string {
  const g = globalThis as { process?: { platform: string } };
  const p = g.process?.platform;
  return p === 'darwin' ? 'm64' : p === 'win32' ? 'w64' : 'l64';
}

// ---------------------------------------------------------------- extensions

/** What an extension's evaluator is handed: the enclosing locals and an
 *  evaluator of sub-expressions in the enclosing frame (both valid only
 *  during the call). */
export interface ExtContext {
  outer: Outer | undefined;
  ev(n: Node): K;
}

/** A node kind of a later layer (`{k:'ext', kind}`): how to evaluate it, and
 *  its q parse tree for `parse` (given the evaluator's own toTree for sub-nodes). */
export interface Extension {
  ev(n: Extract<Node, { k: 'ext' }>, cx: ExtContext): K;
  tree?(n: Extract<Node, { k: 'ext' }>, toTree: (n: Node | null) => K): K;
}

/** Registered by the layers above the language (src/qsql registers 'qsql'). */
export const extensions: Record<string, Extension> = {};

function extOf(kind: string): Extension {
  const x = extensions[kind];
  if (!x) throw qerr('nyi');
  return x;
}

// ---------------------------------------------------------------- evaluation

/** Evaluate a node in a frame (null = top level). */
export function ev(n: Node, fr: Frame | null): K {
  switch (n.k) {
    case 'const': return V.litToK(n.lit);
    case 'splice': {
      const s = state.splices[state.splices.length - 1];
      if (!s || !s[n.index]) throw qerr('parse');
      return s[n.index].ref();
    }
    case 'value': return (n.v as K).ref();
    case 'name': return getName(n.name, fr);
    case 'prim': return primValue(n.op);
    case 'iter': return derive(n.adv, ev(n.f, fr));
    case 'app': return evalApp(n, fr);
    case 'list': {
      if (n.items.length === 0) return V.generalOf([]);
      const items: K[] = new Array(n.items.length);
      try {
        for (let i = n.items.length - 1; i >= 0; i--) if (!n.holes?.includes(i)) items[i] = ev(n.items[i], fr);
      } catch (e) { items.forEach((k) => k?.dispose()); throw e; }
      if (n.holes) {
        // a list with elided items is a projection of enlist: ("the";;"fox")"quick" (basics/application.md)
        const f = primValue('enlist');
        try { return project(f, Array.from(items, (k) => k ?? null)); } finally { f.dispose(); items.forEach((k) => k?.dispose()); }
      }
      return V.listOf(items);
    }
    case 'lambda': return V.fnValue(100, { kind: 'lambda', node: n, ns: fr ? fr.ns : state.ns });
    case 'assign': return evalAssign(n, fr);
    case 'cond': return evalCond(n.args, fr);
    case 'ctrl': return evalCtrl(n, fr);
    case 'ret': {
      if (!fr) return ev(n.value, fr);
      throw new Return(ev(n.value, fr));
    }
    case 'signal': {
      const v = ev(n.value, fr);
      let msg: string;
      try { msg = V.textOf(v); } catch { msg = 'type'; } finally { v.dispose(); }
      throw qerr(msg);
    }
    case 'seq': return evalBody(n.stmts, fr);
    case 'table': return evalTable(n, fr);
    case 'ext': return extOf(n.kind).ev(n, { outer: outerOf(fr), ev: (m) => ev(m, fr) });
    case 'nyi': throw qerr('nyi');
  }
}

/** ([k…] c…): columns evaluated right to left, atoms extended to the row count. */
function evalTable(n: Extract<Node, { k: 'table' }>, fr: Frame | null): K {
  const all = [...n.keys, ...n.cols];
  const vals: K[] = new Array(all.length);
  try {
    for (let i = all.length - 1; i >= 0; i--) vals[i] = ev(all[i].value, fr);
    // ([a:1;b:2]): q 4.1's dictionary literal
    if (n.cols.length === 0 && n.keys.length > 0) return V.dictOf(V.symVec(n.keys.map((c) => c.name)), V.listOf(vals.splice(0)));
    const lens = vals.filter((v) => v.type >= 0 && v.type < 98).map((v) => v.count);
    if (lens.length === 0) throw qerr('rank');
    const rows = lens[0];
    if (lens.some((l) => l !== rows)) throw qerr('length');
    const cols = vals.map((v) => (v.type >= 0 && v.type < 98 ? v.ref() : V.listOf(new Array(rows).fill(0).map(() => v.ref()))));
    const mk = (from: number, to: number): K => {
      const d = V.dictOf(V.symVec(all.slice(from, to).map((c) => c.name)), V.generalOf(cols.slice(from, to).map((c) => c.ref())));
      try { return callPrim('flip', [d]); } finally { d.dispose(); }
    };
    try {
      if (n.keys.length === 0) return mk(0, all.length);
      const kt = mk(0, n.keys.length), vt = mk(n.keys.length, all.length);
      try { return callPrim('!', [kt, vt]); } finally { kt.dispose(); vt.dispose(); }
    } finally { cols.forEach((c) => c.dispose()); }
  } finally { vals.forEach((v) => v?.dispose()); }
}

/** Statements left to right; the value of the last (`::` when it is empty). */
export function evalBody(stmts: (Node | null)[], fr: Frame | null): K {
  let r: K | null = null;
  for (let i = 0; i < stmts.length; i++) {
    r?.dispose();
    r = null;
    const s = stmts[i];
    if (s) r = ev(s, fr);
  }
  return r ?? V.nil();
}

export function truthy(k: K): boolean {
  const t = k.type;
  if (t >= 0 && t < 100) throw qerr('type');
  if (t >= 100) return true;
  const m = mem(), p = k.ptr + 16;
  switch (t) {
    case -1: case -4: case -10: return m.u8[p] !== 0;
    case -5: return m.i16[p >>> 1] !== 0;
    case -6: case -13: case -14: case -17: case -18: case -19: case -11: return m.i32[p >>> 2] !== 0;
    case -7: case -12: case -16: return m.i64[p >>> 3] !== 0n;
    case -8: return m.f32[p >>> 2] !== 0;
    case -9: case -15: return m.f64[p >>> 3] !== 0;
  }
  throw qerr('type');
}

function evalCond(args: (Node | null)[], fr: Frame | null): K {
  let i = 0;
  while (i + 1 < args.length) {
    const c = args[i] ? ev(args[i]!, fr) : V.nil();
    let ok: boolean;
    try { ok = truthy(c); } finally { c.dispose(); }
    if (ok) return args[i + 1] ? ev(args[i + 1]!, fr) : V.nil();
    i += 2;
  }
  if (i < args.length && args[i]) return ev(args[i]!, fr);
  return V.nil();
}

function evalCtrl(n: Extract<Node, { k: 'ctrl' }>, fr: Frame | null): K {
  if (fr === null && compiler.top) return compiler.top(n)(null as unknown as Frame);
  const [c, ...body] = n.args;
  if (!c) throw qerr('parse');
  const run = () => { checkInterrupt(); evalBody(body, fr).dispose(); };
  const test = () => { const k = ev(c, fr); try { return truthy(k); } finally { k.dispose(); } };
  switch (n.word) {
    case 'if': if (test()) run(); break;
    case 'while': while (test()) run(); break;
    case 'do': {
      const k = ev(c, fr);
      let times: number | null;
      try { times = V.intValue(k); if (k.type >= 0 || !V.isIntegral(-k.type)) throw qerr('type'); } finally { k.dispose(); }
      for (let i = 0; i < (times ?? 0); i++) run();
      break;
    }
  }
  return V.nil();
}

function evalApp(n: Extract<Node, { k: 'app' }>, fr: Frame | null): K {
  const args: (K | null)[] = new Array(n.args.length).fill(null);
  try {
    for (let i = n.args.length - 1; i >= 0; i--) {
      const a = n.args[i];
      if (a !== null) args[i] = ev(a, fr);
    }
    // an operator applied prefix: q allows only - (negate); the others signal their glyph
    if (n.how === 'prefix' && n.f.k === 'prim' && GLYPHS.has(n.f.op) && n.f.op !== '::') {
      const uf = n.f.op + ':';
      if (n.f.op === '$' || !UNARY_FORM[uf]) throw qerr(n.f.op);
      return callPrim(uf, [args[0]!]);
    }
    // fast path: a keyword or operator by name, no function value needed
    let f: K;
    // a keyword by name (not shadowed by a variable): call it without making a function value
    if (n.f.k === 'name' && args.length > 0 && args.every((a) => a !== null) && builtin(n.f.name, fr)) {
      return callPrim(n.f.name, args as K[]);
    }
    if (n.f.k === 'prim' && n.f.op !== '::') {
      const glyphProj = GLYPHS.has(n.f.op) && args.length === 1;
      if (!glyphProj && args.every((a) => a !== null) && args.length > 0) return callPrim(n.f.op, args as K[]);
      f = primValue(n.f.op);
    } else f = ev(n.f, fr);
    try {
      if (args.length === 0) {
        const z = V.nil();
        try { return apply(f, [z]); } finally { z.dispose(); }
      }
      if (args.some((a) => a === null)) return applyHoles(f, args);
      return apply(f, args as K[]);
    } finally { f.dispose(); }
  } finally {
    args.forEach((a) => a?.dispose());
  }
}

function evalAssign(n: Extract<Node, { k: 'assign' }>, fr: Frame | null): K {
  if (fr === null && n.src !== undefined && viewHooks.define?.(n.name, n.value, n.src)) return V.nil();
  const value = ev(n.value, fr);
  let vsIndex: K | null = null;
  try {
    // inside a lambda, :: assigns a local of that name if there is one, else the global
    const slot = fr?.index.get(n.name);
    const local = slot !== undefined;
    let nv: K;
    if (n.op || n.index) {
      const cur = local ? slotValue(fr!, slot)?.ref() : tryGlobal(n.name, fr);
      if (!cur) throw qerr(n.name);
      try {
        // t,:y appends records to a table as upsert does (missing columns null, keys updated)
        if (!n.index && n.op === ',') V.checkJoinAssign(cur, value);
        if (!n.index && n.op === ',' && cur.type === 0) {
          const item = V.appendArg(cur, value);
          try { nv = callPrim(',', [cur, item]); } finally { item.dispose(); }
        } else if (!n.index) nv = callPrim(n.op === ',' && (cur.type === XT || isKeyed(cur)) && lookup('upsert') ? 'upsert' : n.op!, [cur, value]);
        else {
          const idx: (K | null)[] = new Array(n.index.length).fill(null);
          try {
            for (let i = n.index.length - 1; i >= 0; i--) if (n.index[i]) idx[i] = ev(n.index[i]!, fr);
            // a list only this variable holds is amended in place, as q does (V.amendVector)
            const sole = hdrRef(cur.ptr) === 2 && cur.attr === '';
            nv = amendWith(cur, idx, n.op ?? ':', value, sole);
            if (valueSetHook.on && !local) vsIndex = V.listOf(idx.map((k) => (k ? k.ref() : V.nil())));
          } finally { idx.forEach((k) => k?.dispose()); }
        }
      } finally { cur.dispose(); }
    } else nv = value.ref();
    if (local) setSlot(fr!, slot, nv);
    else {
      setGlobal(n.name, nv, fr ? fr.ns : state.ns);
      if (valueSetHook.on) { try { valueSet(n.name, fr ? fr.ns : state.ns, vsIndex); } finally { vsIndex?.dispose(); vsIndex = null; } }
    }
    // a[i]+:y gives the new items at i (ref/assign); x+:y and a[i]:y give y's result
    if (n.index && n.op) {
      const idx: (K | null)[] = [];
      try {
        for (const a of n.index) idx.push(a ? ev(a, fr) : null);
        return V.indexDeep(nv, idx);
      } finally { idx.forEach((k) => k?.dispose()); }
    }
    return n.op ? nv.ref() : value.ref();
  } finally { value.dispose(); vsIndex?.dispose(); }
}

export function tryGlobal(name: string, fr: Frame | null): K | undefined {
  const ns = fr ? fr.ns : state.ns;
  return (globals.get(absName(name, ns)) ?? (ns ? globals.get(name) : undefined))?.ref();
}

/** A simple vector amended at an integral atom or vector index (V.amendVector's case). */
function simpleAt(x: K, i: K): boolean {
  return x.type > 0 && x.type < 20 && i.type < 20 && i.type !== 0 && V.isIntegral(Math.abs(i.type));
}

/** x[i;…] op: y — amend with op (`:` assigns), items of y paired with a list index. */
function amendWith(x: K, idx: (K | null)[], op: string, y: K, inPlace = false): K {
  const g = (yk: K) => (old: K) => (op === ':' ? yk.ref() : callPrim(op, [old, yk]));
  const all = allIndex(x, idx, y);
  if (all) { try { return amendWith(x, [all], op, y, inPlace); } finally { all.dispose(); } }
  if (inPlace && (x.type === 0 || x.type === XD) && idx.every((k) => k !== null && k.type < 0)) {
    const r = V.amendInPlace(x, idx as K[], op, y, g(y));
    if (r) return r;
  }
  // a simple vector at integral positions: one copy (or none), whatever the count
  const i0 = idx.length === 1 ? idx[0] : null;
  const simple = i0 !== null && simpleAt(x, i0);
  if (simple && (i0.type < 0 || y.type < 0 || y.type >= 98)) return V.amendVector(x, V.positionsOf(i0, x.count), [g(y)], inPlace);
  if (idx.length === 1 && idx[0] !== null && idx[0].type >= 0 && idx[0].type < 98 && y.type >= 0 && y.type < 98) {
    const i = idx[0];
    if (i.count !== y.count) throw qerr('length');
    if (simple) {
      const ys = V.itemsOf(y);
      try { return V.amendVector(x, V.positionsOf(i, x.count), ys.map(g), inPlace); } finally { ys.forEach((k) => k.dispose()); }
    }
    let cur = x.ref();
    const is = V.itemsOf(i), ys = V.itemsOf(y);
    try {
      for (let k = 0; k < is.length; k++) {
        const next = V.amend1(cur, is[k], g(ys[k]));
        cur.dispose();
        cur = next;
      }
      return cur;
    } catch (e) { cur.dispose(); throw e; } finally { is.forEach((k) => k.dispose()); ys.forEach((k) => k.dispose()); }
  }
  return V.amendDeep(x, idx, g(y));
}

// ---------------------------------------------------------------- application

/** Apply any value to arguments: call a function, index a list or dictionary. */
export function apply(f: K, args: K[]): K {
  const t = f.type;
  if (t === 100) {
    const pl = payloadOf(f);
    if (pl?.kind === 'lambda') return callLambdaU(f, pl, args, false)!;
  }
  if (t < 100) {
    if ((t === -7 || t === -6) && args.length === 1) return handle(f, args[0]);
    if (t === -11 && args.length === 1 && handleHooks.oneShot) { const r = handleHooks.oneShot(f, args[0]); if (r) return r; }
    // a symbol naming a variable or namespace applies its value: `f[5;3], `.ns `v (basics/application.md)
    const v = args.length > 0 ? namedValue(f) : null;
    if (v) { try { return apply(v, args); } finally { v.dispose(); } }
    if (args.length === 1) return V.index1(f, args[0]);
    // a function reached by the first index takes the rest as its arguments: (sum;dev)[1;x]
    if (t === 0 && args.length > 1 && args[0] && args[0].type < 0) {
      const g = V.index1(f, args[0]);
      try { if (g.type >= 100) return apply(g, args.slice(1)); } finally { g.dispose(); }
    }
    return V.indexDeep(f, args);
  }
  if (V.isNil(f)) {
    if (args.length !== 1) throw qerr('rank');
    return args[0].ref();
  }
  const pl = payloadOf(f);
  if (!pl) throw qerr('nyi');
  switch (pl.kind) {
    case 'lambda': return callLambdaU(f, pl, args, false)!;
    case 'prim': {
      // '[f] with one function is f' (Each); '[f;g] composes
      if (pl.op === "'" && args.length === 1 && args[0].type >= 100) return derive("'", args[0].ref());
      // a glyph applied to one argument in brackets is a projection, +[1]
      if (args.length === 1 && GLYPHS.has(pl.op) && pl.op !== '::' && !(pl.op.endsWith(':') && pl.op.length === 2 && UNARY_FORM[pl.op])) {
        return project(f, [args[0], null]);
      }
      return callPrim(pl.op, args);
    }
    case 'adv': {
      if (args.length !== 1) throw qerr('rank');
      return derive(pl.adv, args[0].ref());
    }
    case 'proj': {
      const full = fill(pl.args, args);
      try {
        if (full.some((a) => a === null) || full.length < rankOf(pl.f)) {
          return V.fnValue(104, withDispose({ kind: 'proj', f: pl.f.ref(), args: full.splice(0) }));
        }
        return apply(pl.f, full as K[]);
      } finally { full.forEach((a) => a?.dispose()); }
    }
    case 'comp': {
      let r = apply(pl.fs[pl.fs.length - 1], args);
      for (let i = pl.fs.length - 2; i >= 0; i--) {
        // an operator composed before another function is applied as its unary form (~~': is not match-prior)
        const g = pl.fs[i], gp = g.type === 102 ? payloadOf(g) : undefined;
        const next = (() => { try { return gp?.kind === 'prim' ? callPrim(gp.op, [r]) : apply(g, [r]); } finally { r.dispose(); } })();
        r = next;
      }
      return r;
    }
    case 'iter': return callIter(pl.adv, pl.f, args);
    case 'view': throw qerr('nyi');
  }
}

/** apply, except that a lambda's value may come back as an unboxed atom (null: it is atoms.ts's NUM). */
export function applyU(f: K, args: K[]): K | null {
  if (f.type === 100) {
    const pl = payloadOf(f);
    if (pl?.kind === 'lambda') return callLambdaU(f, pl, args, true);
  }
  return apply(f, args);
}

const NO_ARGS: K[] = [];

/** f[x] or f[x;y] (m of them) with unboxed long/float atoms (types t0 t1, values v0 v1) as
 *  arguments, straight into a compiled lambda's parameter slots: as applyU, or undefined when
 *  f is not a compiled lambda of rank m (the caller boxes the arguments and calls applyU). */
export function applyNums(f: K, m: number, t0: number, v0: number, t1: number, v1: number): K | null | undefined {
  if (f.type !== 100 || !compiler.run) return undefined;
  const pl = payloadOf(f);
  if (pl?.kind !== 'lambda' || pl.node.params.length !== m) return undefined;
  checkInterrupt();
  if (++state.depth > MAX_DEPTH) { state.depth--; throw qerr('stack'); }
  const lc = pl.run ??= compiler.run(pl.node, pl.ns);
  const fr = lc.frame();
  fr.args = NO_ARGS; fr.self = f;
  const nt = fr.nt!, nv = fr.nv!;
  nt[0] = t0; nv[0] = v0;
  if (m === 2) { nt[1] = t1; nv[1] = v1; }
  try {
    return lc.code(fr);
  } catch (e) {
    if (e instanceof Return) return e.value;
    throw e;
  } finally {
    state.depth--;
    lc.release(fr);
  }
}

function callLambda(f: K, pl: Extract<Payload, { kind: 'lambda' }>, args: K[]): K {
  return callLambdaU(f, pl, args, false)!;
}

/** As callLambda; `unboxed`: a compiled body may leave its result as an unboxed atom (null returned).
 *  One JS frame per q call level here and in the body (MAX_DEPTH counts on it). */
function callLambdaU(f: K, pl: Extract<Payload, { kind: 'lambda' }>, args: K[], unboxed: boolean): K | null {
  const node = pl.node;
  const rank = node.params.length;
  if (args.length > (rank > 1 ? rank : 1)) throw qerr('rank');
  if (args.length < rank) return project(f, [...args, ...new Array(rank - args.length).fill(null)]);
  checkInterrupt();
  if (++state.depth > MAX_DEPTH) { state.depth--; throw qerr('stack'); }
  if (compiler.run) {
    const lc = pl.run ??= compiler.run(node, pl.ns);
    const fr = lc.frame();
    fr.args = args; fr.self = f;
    try {
      const r = lc.code(fr);
      return r !== null || unboxed ? r : lc.box();
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    } finally {
      state.depth--;
      lc.release(fr);
    }
  }
  const index = pl.index ??= lambdaIndex(node);
  // parameters borrow the caller's arguments (alive for the whole call)
  const fr: Frame = { slots: new Array(index.size), args, index, ns: pl.ns, self: f, outer: undefined, ret: undefined };
  try {
    if (compiler.lambda) {
      const body = pl.code ??= compiler.lambda(node, pl.ns);
      return body(fr);
    }
    return evalBody(node.body, fr);
  } catch (e) {
    if (e instanceof Return) return e.value;
    throw e;
  } finally {
    state.depth--;
    releaseFrame(fr);
  }
}

/** The closure behind compile() (compile.ts): `node` evaluated in a frame whose
 *  locals are `scope`, bound by position to the borrowed env of each run. */
export function evalScoped(node: Node, scope: readonly string[], ns: string, outer?: Outer): (env: readonly K[]) => K {
  const index = new Map<string, number>();
  scope.forEach((s, i) => index.set(s, i));
  return (env) => {
    if (env.length !== scope.length) throw qerr('rank');
    const fr: Frame = { slots: new Array(scope.length), args: env, index, ns, outer, ret: undefined };
    try {
      return ev(node, fr);
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    } finally {
      releaseFrame(fr);
    }
  };
}

A.bindApplier({
  apply, rankOf,
  glyphOf: (f) => { const pl = payloadOf(f); return pl?.kind === 'prim' ? pl.op : null; },
  eachWhole,
  prepare: (f) => {
    const pl = payloadOf(f);
    if (pl?.kind === 'lambda') return (args) => callLambdaU(f, pl, args, false)!;
    return (args) => apply(f, args);
  },
  prepareUnboxed: (f) => {
    const pl = payloadOf(f);
    if (pl?.kind === 'lambda') return (args) => callLambdaU(f, pl, args, true);
    return (args) => apply(f, args);
  },
});

/** f'[a;b…] as one call of f on the whole arguments, when f is a lambda of
 *  atomic primitives and the lists are non-empty simple vectors of one count
 *  (atoms extend): q's atomicity gives the same result. Else null. */
function eachWhole(f: K, args: K[]): K | null {
  if (f.type !== 100 || !compiler.atomic || payloadOf(f)?.kind !== 'lambda') return null;
  const pl = payloadOf(f) as Extract<Payload, { kind: 'lambda' }>;
  if (pl.node.params.length !== args.length) return null;
  let n = -1;
  for (const a of args) {
    const t = a.type;
    if (t >= 0 && t < 20 && t !== 0) {
      const c = a.count;
      if (c === 0 || (n >= 0 && c !== n)) return null;
      n = c;
    } else if (t >= 0) return null;
  }
  if (n < 0 || !compiler.atomic(pl.node)) return null;
  return callLambda(f, pl, args);
}

function callIter(adv: string, f: K, args: K[]): K {
  // an iterator's call reaches its function through about as many JS frames as a lambda call
  enter(2);
  try { return callIter1(adv, f, args); } finally { state.depth -= 2; }
}
function callIter1(adv: string, f: K, args: K[]): K {
  // data derived with /: or \: and applied to one argument is sv or vs: (", "/:)strings, (0x0\:)x (ref/maps.md)
  if (f.type < 100 && args.length === 1 && (adv === '/:' || adv === '\\:')) return callPrim(adv === '/:' ? 'sv' : 'vs', [f, args[0]]);
  switch (adv) {
    case "'": return A.each(f, ...args);
    case '/': return A.over(f, ...args);
    case '\\': return A.scan(f, ...args);
    case "':": return A.prior(f, ...args);
    case '/:': if (args.length !== 2) throw qerr('rank'); return A.eachRight(f, args[0], args[1]);
    case '\\:': if (args.length !== 2) throw qerr('rank'); return A.eachLeft(f, args[0], args[1]);
  }
  throw qerr('nyi');
}

/** h x for a process handle: 1/2 write text to stdout/stderr (-1/-2 add a newline); returns h. */
function handle(h: K, x: K): K {
  const n = V.intValue(h);
  // 0 is this process: evaluate a string or a parse tree (basics/handles.md)
  if (n === 0 && (x.type === 10 || x.type === 0)) return x.type === 10 ? evaluate(V.textOf(x)) : evalTree(x);
  if (n !== null && Math.abs(n) > 2) {
    if (handleHooks.apply && (!handleHooks.isOpen || handleHooks.isOpen(n))) return handleHooks.apply(n, x);
    // no such handle: kdb+ writes x to the file descriptor, refusing a non-char atom or :: first
    if ((x.type < 0 && x.type !== -10) || V.isNil(x)) throw qerr('type');
    throw qerr(`Cannot write to handle ${Math.abs(n)}. OS reports: Bad file descriptor`);
  }
  if (n === null || Math.abs(n) < 1 || Math.abs(n) > 2) throw qerr(n === 0 ? 'nyi' : 'type');
  let text: string;
  if (x.type === 10 || x.type === -10) text = V.textOf(x);
  else if (x.type === 0) {
    const items = V.itemsOf(x);
    try { text = items.map((k) => V.textOf(k)).join('\n'); } finally { items.forEach((k) => k.dispose()); }
  }
  else throw qerr('type');
  if (n < 0 || x.type === 0) text += '\n';
  if (Math.abs(n) === 2) {
    const g = globalThis as { process?: { stderr?: { write(s: string): void } } };
    if (g.process?.stderr) g.process.stderr.write(text); else output(text);
  } else output(text);
  return h.ref();
}

/** Call a primitive, keyword or native by name with its arguments. */
export function callPrim(op: string, args: K[]): K {
  if (op.length === 2 && op.endsWith(':') && UNARY_FORM[op]) {
    if (args.length !== 1) throw qerr('rank');
    const p = lookup(op[0]);
    if (p?.monad) return p.monad(args[0]);
    return callPrim(UNARY_FORM[op], args);
  }
  if (args.length === 2 && DERIVED_KEYWORDS[op]) {
    const [glyph, adv] = DERIVED_KEYWORDS[op];
    const f = derive(adv, primValue(glyph));
    try { return apply(f, args); } finally { f.dispose(); }
  }
  switch (op) {
    case '::': if (args.length !== 1) throw qerr('rank'); return args[0].ref();
    case ':': if (args.length !== 2) throw qerr('rank'); return args[1].ref();
    case '@': return at(args);
    case '.': return dot(args);
    case "'": {
      if (args.length === 2 && args.every((a) => a.type >= 100)) {
        return V.fnValue(105, withDispose({ kind: 'comp', fs: args.map((a) => a.ref()) }));
      }
      break;
    }
    case '!': {
      if (args.length === 2 && args[0].type === -7 && V.intValue(args[0]) === null) {
        output(args[1].toString() + '\n');
        return args[1].ref();
      }
      // n!t keys a table on its first n columns; 0!kt unkeys
      if (args.length === 2 && args[0].type < 0 && V.isIntegral(-args[0].type) && (args[1].type === XT || isKeyed(args[1])) && (V.intValue(args[0]) ?? -1) >= 0) {
        return keyTable(V.intValue(args[0])!, args[1]);
      }
      // internal functions: -3! is the one-line form
      if (args.length === 2 && (args[0].type === -7 || args[0].type === -6) && (V.intValue(args[0]) ?? 0) < 0) {
        if (V.intValue(args[0]) === -3) return V.charVec(args[1].toString());
        const internal = INTERNALS.get(V.intValue(args[0])!); // -4! -8! -11! … registered by their layers (lang/internals.ts)
        if (internal) return internal(args[1]);
        throw qerr('nyi');
      }
      break;
    }
    case '~': {
      // functions (and the generic null ::) match by what they are: the kernels see only data
      if (args.length === 2 && (!lookup('~')?.dyad || args[0].type >= 100 || args[1].type >= 100)) {
        return V.boolAtom(args[0].type >= 100 && args[1].type >= 100 ? fnMatch(args[0], args[1]) : V.match(args[0], args[1]));
      }
      break;
    }
  }
  const native = NATIVES[op];
  if (native) return native(args);
  if (op === 'string' && args.length === 1 && args[0].type >= 100) return V.charVec(functionText(args[0]));
  // ?[t;i;p] on a table is simple exec (q-sql registers it); otherwise the vector conditional
  if (op === '?' && args.length === 3 && !(args[0].type === XT && lookup('?')?.triad)) return vectorCond(args[0], args[1], args[2]);
  const p: Prim | undefined = lookup(op);
  const n = args.length;
  const fn = !p ? undefined : n === 1 ? p.monad : n === 2 ? p.dyad : n === 3 ? p.triad : n === 4 ? p.tetrad : p.nary;
  // enlist of records is a table
  if (op === 'enlist' && args.every((a) => a.type === XD)) return V.listOf(args.map((a) => a.ref()));
  if (fn) return (fn as (...a: K[]) => K)(...args);
  if (op === 'enlist') return coreEnlist(...args);
  if (!p && !KEYWORDS.has(op) && !GLYPHS.has(op)) throw qerr(op);
  // fewer arguments than the function takes: a projection
  const r = GLYPHS.has(op) ? 2 : p?.tetrad ? 4 : p?.triad ? 3 : p?.dyad ? 2 : 1;
  if (p && n < r) {
    const f = primValue(op);
    try { return project(f, [...args, ...new Array(r - n).fill(null)]); } finally { f.dispose(); }
  }
  if (p && n > r && (p.monad || p.dyad || p.triad)) throw qerr('rank');
  throw qerr('nyi');
}

function isKeyed(x: K): boolean {
  if (x.type !== XD) return false;
  const k = x.keys, v = x.values;
  try { return k.type === XT && v.type === XT; } finally { k.dispose(); v.dispose(); }
}

/** Columns of a table as [names, columns] (new K each). */
function columnsOf(t: K): [string[], K[]] {
  const names = t.keys, cols = t.values;
  try { return [V.symsOf(names), V.itemsOf(cols)]; } finally { names.dispose(); cols.dispose(); }
}

function tableOf(names: string[], cols: K[]): K {
  const d = V.dictOf(V.symVec(names), V.generalOf(cols));
  try { return callPrim('flip', [d]); } finally { d.dispose(); }
}

/** n!t: key the first n columns (0 unkeys a keyed table). */
function keyTable(n: number, x: K): K {
  let names: string[], cols: K[];
  if (x.type === XT) [names, cols] = columnsOf(x);
  else {
    const k = x.keys, v = x.values;
    try {
      const [kn, kc] = columnsOf(k), [vn, vc] = columnsOf(v);
      names = [...kn, ...vn]; cols = [...kc, ...vc];
    } finally { k.dispose(); v.dispose(); }
  }
  if (n > names.length) { cols.forEach((c) => c.dispose()); throw qerr('length'); }
  if (n === 0) return tableOf(names, cols);
  const kt = tableOf(names.slice(0, n), cols.slice(0, n));
  const vt = tableOf(names.slice(n), cols.slice(n));
  try { return V.dictOf(kt.ref(), vt.ref()); } finally { kt.dispose(); vt.dispose(); }
}

// functions nested in lists match as they do at top level: ((::;1)~(::;1)), ({x};1)~({x};1);
// find, distinct and group key them by their text (.q?(+:) is `flip, basics/parsetrees.md)
fnKeys.key = (p) => functionText({ type: hdrType(p), ptr: p });
fnMatcher.match = (x, y) => {
  const a = new K(E.r1(x)), b = new K(E.r1(y));
  try { return fnMatch(a, b); } finally { a.dispose(); b.dispose(); }
};
/** Do two function values match? Lambdas by their text, others by their parts. */
function fnMatch(a: K, b: K): boolean {
  if (a.type !== b.type) return false;
  if (V.isNil(a) || V.isNil(b)) return V.isNil(a) && V.isNil(b);
  const p = payloadOf(a), q = payloadOf(b);
  if (p && q && p.kind !== q.kind) {
    // a keyword kdb+ defines otherwise matches its form (differ and '[$["b"];'[~;~':]])
    const fa = keywordForm(a), fb = keywordForm(b);
    if (fa || fb) { try { return fnMatch(fa ?? a, fb ?? b); } finally { fa?.dispose(); fb?.dispose(); } }
  }
  if (!p || !q || p.kind !== q.kind) return false;
  const same = (x: K | null, y: K | null) => (x === null || y === null ? x === y : x.type >= 100 && y.type >= 100 ? fnMatch(x, y) : V.match(x, y));
  switch (p.kind) {
    case 'lambda': return p.node.src === (q as typeof p).node.src;
    case 'prim': return (K_FORM[p.op] ?? p.op) === (K_FORM[(q as typeof p).op] ?? (q as typeof p).op);
    case 'adv': return p.adv === (q as typeof p).adv;
    case 'iter': return p.adv === (q as typeof p).adv && same(p.f, (q as typeof p).f);
    case 'proj': {
      const qa = (q as typeof p).args;
      return same(p.f, (q as typeof p).f) && p.args.length === qa.length && p.args.every((x, i) => same(x, qa[i]));
    }
    case 'comp': {
      const qf = (q as typeof p).fs;
      return p.fs.length === qf.length && p.fs.every((x, i) => same(x, qf[i]));
    }
    case 'view': return p.name === (q as typeof p).name;
  }
}

/** ?[b;x;y]: items of x where b, of y elsewhere (atoms extend). */
function vectorCond(b: K, x: K, y: K): K {
  if (b.type !== 1) throw qerr('type');
  const n = b.count;
  const isList = (k: K) => k.type >= 0 && k.type < 98;
  if ((isList(x) && x.count !== n) || (isList(y) && y.count !== n)) throw qerr('length');
  const bits = b.data as Uint8Array;
  const flags = Array.from(bits.subarray(0, n));
  const out: K[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const src = flags[i] ? x : y;
      out.push(isList(src) ? src.item(i) : src.ref());
    }
  } catch (e) { out.forEach((k) => k.dispose()); throw e; }
  return V.listOf(out);
}

/** Call f (function → apply; otherwise the value itself) for an error handler. */
function handler(h: K, msg: string): K {
  if (h.type < 100) return h.ref();
  const s = V.charVec(msg);
  try { return apply(h, [s]); } finally { s.dispose(); }
}

function trap(f: () => K, h: K): K {
  const depth = state.depth;
  try {
    return f();
  } catch (e) {
    if (e instanceof Return) throw e;
    state.depth = depth;
    return handler(h, errName(e));
  }
}

/** The q error name of anything thrown. */
export function errName(e: unknown): string {
  if (e instanceof QError) return e.message;
  if (e instanceof RangeError) {
    if (/call stack/i.test(e.message)) return 'stack';
    if (/array length|allocation|out of memory/i.test(e.message)) return 'wsfull';
    return 'domain';
  }
  // a JS failure inside a kernel is reported as the q error it amounts to, never as JS text
  if (e instanceof TypeError) return 'type';
  if (e instanceof Error && /^[a-z][\w.:]*$/i.test(e.message)) return e.message;
  return 'error';
}

/** Amend a global named by a symbol in place, returning the symbol. */
function amendNamed(sym: K, g: (cur: K, sole: boolean) => K): K {
  const name = V.textOf(sym);
  // a file symbol amends the file (`.[`:log;();:;()]` starts a log): the files layer
  const fileGet = lookup('get')?.monad, fileSet = lookup('set')?.dyad;
  if (name.startsWith(':') && fileGet && fileSet) {
    let cur: K;
    try { cur = fileGet(sym); } catch (e) {
      if (!(e instanceof QError) || !e.message.endsWith('No such file or directory')) throw e;
      cur = V.nil();
    }
    let nv: K;
    try { nv = g(cur, false); } finally { cur.dispose(); }
    try { return fileSet(sym, nv); } finally { nv.dispose(); }
  }
  const cur = getName(name, null);
  let nv: K;
  // a list only the variable holds is amended in place (V.amendVector)
  try { nv = g(cur, hdrRef(cur.ptr) === 2 && cur.attr === ''); } finally { cur.dispose(); }
  setGlobal(name, nv, state.ns);
  return sym.ref();
}

/** @ — apply at / index at / trap at / amend at. */
// @ and . apply (and trap) through JS frames of their own: a level of q depth each
/** The value a symbol atom names (a variable or namespace; not a file or handle
 *  symbol `:…), for applying it by name; null for anything else. */
function namedValue(x: K): K | null {
  if (x.type !== -11) return null;
  const name = V.textOf(x);
  if (name === '' || name.startsWith(':')) return null;
  return namespaceHooks.value?.(x) ?? getName(name, null);
}

function at(args: K[]): K {
  enter(1);
  try { return at1(args); } finally { state.depth--; }
}
function dot(args: K[]): K {
  enter(1);
  try { return dot1(args); } finally { state.depth--; }
}

function at1(args: K[]): K {
  const [x, i] = args;
  switch (args.length) {
    case 1: {
      const f = primValue('@');
      try { return project(f, [x, null]); } finally { f.dispose(); }
    }
    // an int atom applied with @ is a handle call (h@x, neg[h]@x), as by juxtaposition
    case 2: return x.type >= 100 || x.type === -6 || x.type === -7 || x.type === -11 ? apply(x, [i]) : V.index1(x, i);
    case 3: {
      const h = args[2];
      // a process handle is applied, so trapped, not amended (ref/apply.md: u may be a handle)
      if (x.type >= 100 || x.type === -6 || x.type === -7) return trap(() => apply(x, [i]), h);
      const g = (cur: K, sole = false) => simpleAt(cur, i)
        ? V.amendVector(cur, V.positionsOf(i, cur.count), [(old) => apply(h, [old])], sole)
        : V.amend1(cur, i, (old) => apply(h, [old]));
      return x.type === -11 ? amendNamed(x, g) : g(x);
    }
    case 4: {
      const [, , f, y] = args;
      const g = (cur: K, sole = false) => amendWith(cur, [i], f.type >= 100 && payloadOf(f)?.kind === 'prim' ? (payloadOf(f) as { op: string }).op : '', y, sole);
      const gen = (cur: K, sole = false) => amendApply(cur, [i], f, y, sole);
      const pf = payloadOf(f);
      const use = pf?.kind === 'prim' ? g : gen;
      return x.type === -11 ? amendNamed(x, use) : use(x);
    }
  }
  throw qerr('rank');
}

/** An elided/:: index with a list y pairs y with every item: the index til count x. */
function allIndex(x: K, idx: (K | null)[], y: K): K | null {
  if (idx.length !== 1 || (idx[0] !== null && !V.isNil(idx[0])) || !(y.type >= 0 && y.type < 98)) return null;
  if (!(x.type >= 0 && x.type < 98)) return x.type === XD ? x.keys : null;
  return V.longVec(Array.from({ length: x.count }, (_, i) => i));
}

/** Amend with an arbitrary binary function f and y (paired with a list index). */
function amendApply(x: K, idx: (K | null)[], f: K, y: K, inPlace = false): K {
  const all = allIndex(x, idx, y);
  if (all) { try { return amendApply(x, [all], f, y, inPlace); } finally { all.dispose(); } }
  const i = idx[0];
  const paired = idx.length === 1 && i && i.type >= 0 && i.type < 98 && y.type >= 0 && y.type < 98;
  if (idx.length === 1 && i && simpleAt(x, i)) {
    if (!paired) return V.amendVector(x, V.positionsOf(i, x.count), [(old) => apply(f, [old, y])], inPlace);
    if (i.count !== y.count) throw qerr('length');
    const ys = V.itemsOf(y);
    try {
      return V.amendVector(x, V.positionsOf(i, x.count), ys.map((yk) => (old: K) => apply(f, [old, yk])), inPlace);
    } finally { ys.forEach((k) => k.dispose()); }
  }
  if (paired) {
    if (i.count !== y.count) throw qerr('length');
    let cur = x.ref();
    const is = V.itemsOf(i), ys = V.itemsOf(y);
    try {
      for (let k = 0; k < is.length; k++) {
        const yk = ys[k];
        const next = V.amend1(cur, is[k], (old) => apply(f, [old, yk]));
        cur.dispose();
        cur = next;
      }
      return cur;
    } catch (e) { cur.dispose(); throw e; } finally { is.forEach((k) => k.dispose()); ys.forEach((k) => k.dispose()); }
  }
  return V.amendDeep(x, idx, (old) => apply(f, [old, y]));
}

/** . — apply / index at depth / trap / amend at depth. */
function dot1(args: K[]): K {
  const [x, i] = args;
  const idxItems = (k: K): K[] => (k.type < 0 || k.type >= 98 ? [k.ref()] : V.itemsOf(k));
  switch (args.length) {
    case 1: {
      const f = primValue('.');
      try { return project(f, [x, null]); } finally { f.dispose(); }
    }
    case 2: {
      const named = namedValue(x);
      if (named) { try { return dot1([named, i]); } finally { named.dispose(); } }
      const items = idxItems(i);
      try {
        if (x.type >= 100) return apply(x, items.length ? items : [V.nil()]);
        return V.indexDeep(x, items);
      } finally { items.forEach((k) => k.dispose()); }
    }
    case 3: {
      const h = args[2];
      if (x.type >= 100 || x.type === -6 || x.type === -7) {
        const items = idxItems(i);
        try { return trap(() => apply(x, items), h); } finally { items.forEach((k) => k.dispose()); }
      }
      const items = idxItems(i);
      try {
        const g = (cur: K) => V.amendDeep(cur, items, (old) => apply(h, [old]));
        return x.type === -11 ? amendNamed(x, g) : g(x);
      } finally { items.forEach((k) => k.dispose()); }
    }
    case 4: {
      const [, , f, y] = args;
      const items = idxItems(i);
      try {
        const g = (cur: K, sole = false) => (items.length === 1 ? amendApply(cur, items, f, y, sole) : V.amendDeep(cur, items, (old) => apply(f, [old, y])));
        return x.type === -11 ? amendNamed(x, g) : g(x);
      } finally { items.forEach((k) => k.dispose()); }
    }
  }
  throw qerr('rank');
}

// ---------------------------------------------------------------- natives

type Native = (args: K[]) => K;

function arity(n: number, op: string, f: (args: K[]) => K): Native {
  return (args) => {
    if (args.length < n) {
      const pv = primValue(op);
      try { return project(pv, [...args, ...new Array(n - args.length).fill(null)]); } finally { pv.dispose(); }
    }
    if (args.length > n) throw qerr('rank');
    return f(args);
  };
}

export const NATIVES: Record<string, Native> = {
  each: arity(2, 'each', ([f, x]) => callIter('\'', f, [x])),
  peach: arity(2, 'peach', ([f, x]) => callIter('\'', f, [x])),
  over: (args) => { if (args.length < 2) throw qerr('rank'); return callIter('/', args[0], args.slice(1)); },
  scan: (args) => { if (args.length < 2) throw qerr('rank'); return callIter('\\', args[0], args.slice(1)); },
  prior: arity(2, 'prior', ([f, x]) => callIter("':", f, [x])),
  value: arity(1, 'value', ([x]) => fileGet(x) ?? valueOf(x)),
  get: arity(1, 'get', ([x]) => fileGet(x) ?? valueOf(x)),
  eval: arity(1, 'eval', ([x]) => evalTree(x)),
  reval: arity(1, 'reval', ([x]) => evalTree(x)),
  parse: arity(1, 'parse', ([x]) => parseTree(V.textOf(x))),
  set: arity(2, 'set', ([n, v]) => {
    // file targets (`:path, `:dir/, (`:path;lbs;alg;lvl)) are the files layer's
    const file = lookup('set')?.dyad;
    if (file && (n.type === 0 || (n.type === -11 && V.textOf(n).startsWith(':')))) return file(n, v);
    if (n.type !== -11) throw qerr('type');
    const name = V.textOf(n);
    if (name.startsWith(':')) throw qerr('nyi');
    setGlobal(name, v.ref(), state.ns);
    if (valueSetHook.on) valueSet(name, state.ns, null);
    return n.ref();
  }),
  show: arity(1, 'show', ([x]) => { const s = x.show(); if (s) output(s.replace(/\n?$/, '\n')); return V.nil(); }),
  system: arity(1, 'system', ([x]) => system(V.textOf(x)) ?? V.nil()),
  exit: arity(1, 'exit', ([x]) => { throw new ExitSignal(V.intValue(x) ?? 0); }),
  '.Q.s': arity(1, '.Q.s', ([x]) => { const s = V.isNil(x) ? '' : x.show(); return V.charVec(s && s + '\n'); }),
  '.Q.s1': arity(1, '.Q.s1', ([x]) => V.charVec(x.toString())),
  getenv: arity(1, 'getenv', ([x]) => {
    const g = globalThis as { process?: { env: Record<string, string | undefined> } };
    return V.charVec(g.process?.env[V.textOf(x)] ?? '');
  }),
  setenv: arity(2, 'setenv', ([n, v]) => {
    const g = globalThis as { process?: { env: Record<string, string | undefined> } };
    if (g.process) g.process.env[V.textOf(n)] = V.textOf(v);
    return V.nil();
  }),
};

// table metadata the kernels may not provide yet
for (const [name, f] of Object.entries({
  cols: (x: K): K => {
    if (x.type === XT) return x.keys;
    if (isKeyed(x)) {
      const k = x.keys, v = x.values;
      try { return V.symVec([...columnsOf0(k), ...columnsOf0(v)]); } finally { k.dispose(); v.dispose(); }
    }
    if (x.type === XD) return x.keys;
    throw qerr('type');
  },
  keys: (x: K): K => {
    if (isKeyed(x)) { const k = x.keys; try { return V.symVec(columnsOf0(k)); } finally { k.dispose(); } }
    if (x.type === XT) return V.symVec([]);
    throw qerr('type');
  },
})) {
  const native = arity(1, name, ([x]) => (lookup(name)?.monad ?? f)(x));
  NATIVES[name] = native;
}
function columnsOf0(t: K): string[] { const n = t.keys; try { return V.symsOf(n); } finally { n.dispose(); } }

export class ExitSignal extends Error {
  constructor(readonly code: number) { super('exit'); }
}

/** get/value of a file symbol (`:path): the files layer's, when it is loaded. */
function fileGet(x: K): K | undefined {
  if (x.type !== -11 || !V.textOf(x).startsWith(':')) return undefined;
  const f = lookup('get')?.monad;
  return f ? f(x) : undefined;
}

/** value: evaluate a string, look up a name, apply a (f;args…) list, dictionary values. */
function valueOf(x: K): K {
  const t = x.type;
  if (t === 10 || t === -10) {
    const text = V.textOf(x);
    // value "\\t …" runs a system command, as q's value does
    if (text.startsWith('\\')) return system(text.slice(1)) ?? V.nil();
    enter(2);
    try { return evaluate(text); } finally { state.depth -= 2; }
  }
  if (t === -11) return namespaceHooks.value?.(x) ?? getName(V.textOf(x), null);
  if (t === 0 && x.count > 0) {
    // (f;args…): f a function, a name, or text denoting one
    const items = V.itemsOf(x);
    let f: K | null = null;
    try {
      const h = items[0];
      if (h.type >= 100) f = h.ref();
      else if (h.type === -11) f = getName(V.textOf(h), null);
      else if (h.type === 10 || h.type === -10) f = evaluate(V.textOf(h));
      if (f && f.type >= 100) {
        const args = items.slice(1);
        return apply(f, args.length ? args : [V.nil()]);
      }
    } finally { f?.dispose(); items.forEach((k) => k.dispose()); }
  }
  const form = t >= 100 ? keywordForm(x) : null;
  if (form) { try { return valueOf(form); } finally { form.dispose(); } }
  if (t === 104) {
    const pl = payloadOf(x) as Extract<Payload, { kind: 'proj' }>;
    const args = [...pl.args];
    while (args.length && args[args.length - 1] === null) args.pop();
    return V.generalOf([pl.f.ref(), ...args.map((a) => a?.ref() ?? V.nil())]);
  }
  if (t >= 106 && t <= 111 && payloadOf(x)?.kind === 'iter') return (payloadOf(x) as Extract<Payload, { kind: 'iter' }>).f.ref();
  if (t === 105 && payloadOf(x)?.kind === 'comp') return V.generalOf((payloadOf(x) as Extract<Payload, { kind: 'comp' }>).fs.map((f) => f.ref()));
  if (t === 100 && payloadOf(x)?.kind === 'prim') {
    // a keyword kdb+ defines as a k lambda: its parameters and text
    const text = KEYWORD_TEXT[(payloadOf(x) as { op: string }).op] ?? '';
    const params = /z/.test(text) ? ['x', 'y', 'z'] : /y/.test(text) ? ['x', 'y'] : ['x'];
    return V.generalOf([V.charVec(''), V.symVec(params), V.symVec([]), V.charVec(text)]);
  }
  if (t === 101 || t === 102 || payloadOf(x)?.kind === 'prim') {
    // a primitive's value is its k code: the position of its glyph in k's verb order (ref/value.md)
    if (V.isNil(x)) return V.longAtom(0);
    const pl = payloadOf(x);
    const op = pl?.kind === 'prim' ? pl.op : '';
    const glyph = t === 102 ? op : op.length === 2 && op.endsWith(':') ? op[0] : K_FORM[op === 'get' ? 'value' : op]?.[0];
    const code = glyph === undefined ? -1 : K_VERBS.indexOf(glyph);
    if (code > 0) return V.longAtom(code);
  }
  if (t === 100) {
    const pl = payloadOf(x) as Extract<Payload, { kind: 'lambda' }>;
    return V.generalOf([V.charVec(''), V.symVec(pl.node.params), V.symVec(pl.node.locals), V.charVec(pl.node.src)]);
  }
  const p = lookup('value');
  if (p?.monad) return p.monad(x);
  if (t === XD) return x.values;
  return x.ref();
}

// ---------------------------------------------------------------- parse trees

/** A q parse tree for an AST (see basics/parsetrees). */
export function toTree(n: Node | null): K {
  if (n === null) return V.nil();
  switch (n.k) {
    case 'const':
      if (n.lit.type === -11) return V.symVec(n.lit.data as string[]);
      if (n.lit.type === 11) return V.generalOf([V.litToK(n.lit)]);
      return V.litToK(n.lit);
    case 'splice': return ev(n, null);
    case 'value': return (n.v as K).ref();
    case 'name': return isReserved(n.name) && !globals.has(n.name) ? primValue(n.name) : V.symAtom(n.name);
    case 'prim': return primValue(n.op);
    case 'iter': return V.generalOf([V.fnValue(103, { kind: 'adv', adv: n.adv }), toTree(n.f)]);
    case 'app': return V.generalOf([toTree(n.f), ...(n.args.length ? n.args.map(toTree) : [V.nil()])]);
    case 'list': return V.generalOf([primValue('enlist'), ...n.items.map(toTree)]);
    case 'lambda': return ev(n, null);
    case 'assign': {
      const target = n.index ? V.generalOf([V.symAtom(n.name), ...n.index.map(toTree)]) : V.symAtom(n.name);
      return V.generalOf([primValue(n.global ? '::' : n.op ? n.op + ':' : ':'), target, toTree(n.value)]);
    }
    case 'cond': return V.generalOf([primValue('$'), ...n.args.map(toTree)]);
    case 'ctrl': return V.generalOf([primValue(n.word), ...n.args.map(toTree)]);
    case 'ret': return V.generalOf([primValue(':'), toTree(n.value)]);
    case 'signal': return V.generalOf([primValue("'"), toTree(n.value)]);
    // (";";a;b): the statements under the char ";" (learn/views.md)
    case 'seq': return V.generalOf([V.atomOf(10, 59), ...n.stmts.map(toTree)]);
    case 'table': {
      const names = V.generalOf([V.symVec(n.cols.map((c) => c.name))]);
      const vals = V.generalOf([primValue('enlist'), ...n.cols.map((c) => toTree(c.value))]);
      return V.generalOf([primValue('flip'), V.generalOf([primValue('!'), names, vals])]);
    }
    case 'ext': {
      const x = extOf(n.kind);
      if (!x.tree) throw qerr('nyi');
      return x.tree(n, toTree);
    }
    case 'nyi': throw qerr('nyi');
  }
}

function parseTree(text: string): K {
  return toTree(parse(text));
}

/** Parse tree → AST (values referenced, not copied: the tree outlives the evaluation).
 *  q-sql compiles the phrases of a functional query through it. */
export function fromTree(k: K, temps: K[]): Node {
  const t = k.type;
  if (t === -11) {
    const s = V.textOf(k);
    return s ? { k: 'name', name: s } : { k: 'value', v: k };
  }
  if (t === 11 && k.count === 1) {
    const a = k.item(0);
    temps.push(a);
    return { k: 'value', v: a };
  }
  if (t === 0 && k.count > 0) {
    const items = V.itemsOf(k);
    temps.push(...items);
    const [f, ...rest] = items;
    // a one-item list quotes its item: ,`a`b is the constant `a`b, ,(f;x) the list (f;x)
    if (items.length === 1 && (f.type === 11 || f.type === 0)) return { k: 'value', v: f };
    const nested = f.type === 0 && f.count > 0 && (() => { const h = f.item(0); try { return h.type >= 100; } finally { h.dispose(); } })();
    if (nested) return { k: 'app', f: fromTree(f, temps), args: rest.map((x) => fromTree(x, temps)), how: 'bracket' };
    if (f.type === -10 && V.textOf(f) === ';') return { k: 'seq', stmts: rest.map((x) => fromTree(x, temps)) };
    // a function named by its text: value ("+";2;2) is 4 (basics/ipc.md)
    if ((f.type === -10 || f.type === 10) && rest.length > 0) {
      return { k: 'app', f: parseShort(V.textOf(f)), args: rest.map((x) => fromTree(x, temps)), how: 'bracket' };
    }
    if (f.type >= 100 || f.type === -11) {
      const pl = payloadOf(f);
      const op = pl?.kind === 'prim' ? pl.op : V.isNil(f) ? '::' : null;
      if ((op === ':' || op === '::' || (op && op.length === 2 && op.endsWith(':'))) && rest.length === 2 && (rest[0].type === -11 || rest[0].type === 0)) {
        const target = rest[0];
        let name: string, index: (Node | null)[] | undefined;
        if (target.type === -11) name = V.textOf(target);
        else {
          const ti = V.itemsOf(target);
          temps.push(...ti);
          if (ti[0]?.type !== -11) throw qerr('type');
          name = V.textOf(ti[0]);
          index = ti.slice(1).map((x) => (V.isNil(x) ? null : fromTree(x, temps)));
        }
        const value = fromTree(rest[1], temps);
        if (op === '::') return { k: 'assign', name, global: true, index, value };
        if (op === ':') return { k: 'assign', name, global: false, index, value };
        return { k: 'assign', name, global: false, op: op!.slice(0, -1), index, value };
      }
      if (op === ':' && rest.length === 1) return { k: 'ret', value: fromTree(rest[0], temps) };
      if (op === "'" && rest.length === 1) return { k: 'signal', value: fromTree(rest[0], temps) };
      if (op === '$' && rest.length >= 3) return { k: 'cond', args: rest.map((x) => fromTree(x, temps)) };
      if (op === 'if' || op === 'do' || op === 'while') return { k: 'ctrl', word: op, args: rest.map((x) => fromTree(x, temps)) };
      if (op === ';') return { k: 'seq', stmts: rest.map((x) => fromTree(x, temps)) };
      if (pl?.kind === 'adv' && rest.length === 1) return { k: 'iter', adv: pl.adv, f: fromTree(rest[0], temps) };
      const fnode: Node = f.type === -11 ? fromTree(f, temps) : { k: 'value', v: f };
      return { k: 'app', f: fnode, args: rest.map((x) => fromTree(x, temps)), how: 'bracket' };
    }
  }
  return { k: 'value', v: k };
}

/** eval: evaluate a parse tree. */
export function evalTree(x: K): K {
  const temps: K[] = [];
  try {
    return ev(fromTree(x, temps), null);
  } finally { temps.forEach((k) => k.dispose()); }
}

// ---------------------------------------------------------------- entry points

/** Evaluate q text at the top level; returns the value of the last statement. */
export function evaluate(text: string): K {
  return guarded(() => {
    if (text.length > PARSED_LEN || !compiler.top) return ev(parseShort(text), null);
    // a short text's tree is kept, so its compiled code is too
    return compiler.top(parseShort(text))(null as unknown as Frame);
  });
}

// `value "…"` in a loop parses the same short texts again and again: their
// trees are kept (the evaluator never changes a tree), a bounded number of them.
const parsed = new Map<string, Node>();
const PARSED_MAX = 512, PARSED_LEN = 256;
function parseShort(text: string): Node {
  if (text.length > PARSED_LEN) return parse(text);
  let n = parsed.get(text);
  if (!n) {
    n = parse(text);
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(text, n);
  }
  return n;
}

/** Run f, turning any JS failure into a q error and resetting the call depth. */
export function guarded<T>(f: () => T): T {
  const depth = state.depth;
  try {
    return f();
  } catch (e) {
    state.depth = depth;
    if (e instanceof QError || e instanceof ExitSignal) throw e;
    if (e instanceof Return) return e.value as T;
    throw new QError(errName(e));
  } finally {
    if (depth === 0) { V.sweep(); A.forgetPrepared(); }
  }
}

/** Is the top-level input silent in the console (assignment, trailing `;`, control)? */
export function silent(n: Node): boolean {
  if (n.k === 'assign' || n.k === 'ctrl') return true;
  if (n.k === 'ext' && n.kind === 'match') return true; // a pattern assignment (basics/pattern.md)
  if (n.k === 'seq') {
    const last = n.stmts[n.stmts.length - 1];
    return last === null || silent(last);
  }
  return false;
}

/** k's verb order: a primitive's code (`value (+)` is 1, `value value` is 19). */
const K_VERBS = ':+-*%&|^=<>$,#_~!?@.';

/** k forms of keywords that are unary forms (what parse and the console show). */
const K_FORM: Record<string, string> = Object.fromEntries(Object.entries(UNARY_FORM).map(([k, v]) => [v, k]));
// keywords that are another keyword's unary form in kdb+: .q`ltime shows %: as reciprocal does
// (basics/funsql.md); .q?(<:;>:) is `hopen`hclose and both not and hdel are ~: (basics/parsetrees.md)
Object.assign(K_FORM, { ltime: '%:', hopen: '<:', hclose: '>:', hdel: '~:' });
// enlist shows its name, also inside parse trees: (enlist;`aggr;`data) (basics/parsetrees.md)
const SHOWN_BY_NAME = new Set(['enlist']);

/** Console text of keywords kdb+ defines as k lambdas (`iasc` shows `k){…}`),
 *  by keyword: filled by the vocabulary layer (src/vocab/ktext.ts). */
export const KEYWORD_TEXT: Record<string, string> = {};

/** Console text of a function value (display.ts asks the language layer). */
export function functionText(f: { type: number; ptr: number }): string {
  const id = mem().i32[(f.ptr + 16) >>> 2];
  if (f.type === 101 && id === 0) return '::';
  const pl = fnGet(id) as Payload | undefined;
  if (!pl) return '{..}';
  switch (pl.kind) {
    case 'lambda': return pl.node.src;
    case 'prim': {
      const d = DERIVED_KEYWORDS[pl.op];
      if (d) return d[0] + d[1];
      if (KEYWORD_TEXT[pl.op] !== undefined) return KEYWORD_TEXT[pl.op];
      const form = KEYWORD_FORM[pl.op]?.();
      if (form) { try { return functionText0(form); } finally { form.dispose(); } }
      return SHOWN_BY_NAME.has(pl.op) ? pl.op : K_FORM[pl.op] ?? pl.op;
    }
    case 'adv': return pl.adv;
    case 'iter': return functionText0(pl.f) + pl.adv;
    case 'proj': {
      const args = [...pl.args];
      while (args.length > 1 && args[args.length - 1] === null) args.pop();
      return functionText0(pl.f) + '[' + args.map((a) => (a ? a.toString() : '')).join(';') + ']';
    }
    case 'comp': return pl.fs.map(functionText0).join('');
    case 'view': return pl.src;
  }
}
function functionText0(f: K): string {
  return f.type >= 100 ? functionText(f) : f.toString();
}
displaySettings.functionText = (k) => functionText(k as unknown as { type: number; ptr: number });

/** System commands (`\t`, `\l`, …): system.ts installs its interpreter here
 *  on import, so the evaluator does not import it back. */
export const systemCommands: { run: (cmd: string) => K | null } = {
  run: () => { throw qerr('nyi'); },
};
const system = (cmd: string): K | null => systemCommands.run(cmd);
import { INTERNALS, handleHooks, dotzHooks, namespaceHooks, viewHooks } from './internals.js';
export { XT };
