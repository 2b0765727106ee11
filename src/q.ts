// The `q` namespace: one JS function per q keyword and operator, plus q(text)
// for the q language. Arguments may be K values or plain JS values (converted
// with K.from and released after the call); results are new K values.

import { K } from './k.js';
import { QError } from './errors.js';
import { memoryStats, type MemoryStats } from './runtime.js';
import { PRIMS, type QFn } from './ops/registry.js';
import { displaySettings, setPrecision, setConsole } from './display.js';
import * as core from './ops/core.js';
import { lift } from './ops/lift.js';
import * as lang from './lang/api.js';
import { primValue, apply, guarded, NATIVES } from './lang/eval.js';
import { each, over, scan, prior, eachLeft, eachRight, type Callable } from './adverbs.js';
import * as atomic from './ops/atomic.js';
import * as reduce from './ops/reduce.js';
import * as sortsearch from './ops/sortsearch.js';
import * as structural from './ops/structural.js';
import * as crossOps from './ops/cross.js';
import './qsql/index.js';
import * as qsqlApi from './qsql/api.js';
import './table/index.js'; // tables, keyed tables, joins: registers after the kernel families it extends
import './table/arith.js'; // arithmetic on keyed tables with different keys (a hook in the atomic driver)
import './vocab/index.js';
import * as ipc from './ipc/index.js';
import './lang/views.js'; // v::expr at the console, view, views
import './lang/namespaces.js'; // key/value of `.ns: after the layers that extend key and value
import { from as fromJS } from './construct.js';
import * as files from './files/index.js'; // after ipc: its hopen/hclose take file targets first

type Arg = K | unknown;

/** A JS function for the primitive `name` used with `arity` arguments. */
function primFn(name: string, arity: 1 | 2 | 3): (...xs: Arg[]) => K {
  return lift((...xs: K[]) => {
    const p = PRIMS.get(name);
    const f = arity === 1 ? p?.monad : arity === 2 ? p?.dyad : p?.triad;
    if (!f) throw new QError('nyi');
    if (xs.length !== arity) throw new QError('rank');
    return (f as (...a: K[]) => K)(...xs);
  });
}

export interface QNamespace {
  (text: string | TemplateStringsArray, ...args: unknown[]): K;
  [name: string]: QFn & Adverbs;
}

/** q(text) evaluates q; q(text, ...args) applies what text denotes to args;
 *  q`…${v}…` splices JS values in as K values (never as text). */
function evaluate(text: string | TemplateStringsArray, ...args: unknown[]): K {
  if (typeof text === 'string') return lang.run(text, ...args);
  if (Array.isArray(text) && 'raw' in text) return lang.template(text, ...args);
  throw new QError('type');
}

function system(cmd: string): unknown {
  const m = /^\s*\\?([A-Za-z_]+)\s*(.*?)\s*$/.exec(cmd);
  if (!m) throw new QError('domain');
  const [, name, arg] = m;
  const ints = arg ? arg.split(/\s+/).map((s) => (/^-?\d+$/.test(s) ? Number(s) : NaN)) : [];
  if (ints.some(Number.isNaN)) throw new QError('type');
  switch (name) {
    case 'P':
      if (ints.length === 0) return displaySettings.precision;
      setPrecision(ints[0]);
      return undefined;
    case 'c':
      if (ints.length === 0) return [displaySettings.rows, displaySettings.cols];
      if (ints.length !== 2) throw new QError('length');
      setConsole(ints[0], ints[1]);
      return undefined;
    default:
      throw new QError('nyi');
  }
}

const ns = {
  til: primFn('til', 1),
  count: primFn('count', 1),
  type: primFn('type', 1),
  enlist: lift((...xs: K[]) => core.enlist(...xs)),
  first: primFn('first', 1),
  last: primFn('last', 1),
  null: primFn('null', 1),
  flip: primFn('flip', 1),
  key: primFn('key', 1),
  value: primFn('value', 1),
  attr: primFn('attr', 1),
  /** keys!values */
  dict: primFn('!', 2),
  /** A table from a JS object of columns: q.table({a: [1, 2], b: ['x', 'y']}). */
  table: (cols: Record<string, unknown>) => core.table(cols),
  /** System commands that need no q parser: 'P 16' (float precision), 'c 25 80'
   *  (console size); with no argument they return the current setting. */
  system: (cmd: string): unknown => system(cmd),
  /** A q global variable: q.set('a', [1, 2, 3]) then q('a'), or q.get('a'). A
   *  name starting with ':' is a file: q.set(':0-9', [0, 1, 2]) writes it and
   *  returns the file symbol, q.get(':0-9') reads it back (as PyQ). */
  set: ((name: string, v: unknown): K | void => {
    if (!name.startsWith(':')) return lang.setVar(name, v);
    return lift((k: K) => files.setPath(name, k))(v);
  }) as { (file: `:${string}`, v: unknown): K; (name: string, v: unknown): void },
  get: (name: string | K): K => {
    const s = name instanceof K ? files.symbolText(name) : name; // q.get(_) with the K symbol q.set returned
    return s.startsWith(':') ? files.getPath(s) : lang.getVar(s);
  },
  /** save/load a global through the file of its name (q's save and load). */
  save: (name: string): K => files.callNamedSym('save', name),
  load: (name: string): K => files.callNamedSym('load', name),
  /** Memory in use, like .Q.w[]: bytes in live blocks, heap size, peak, block count. */
  memory: (): MemoryStats => memoryStats(),
  /** A kdb+ IPC message for x (-8!x; -18!x with {compress: true}), as bytes. */
  serialize: (x: unknown, opts?: ipc.SerializeOptions): Uint8Array => {
    if (x instanceof K) return ipc.serialize(x, opts);
    const k = fromJS(x);
    try { return ipc.serialize(k, opts); } finally { k.dispose(); }
  },
  /** The value of a kdb+ IPC message (-9!): compressed or not, either byte order. */
  deserialize: (bytes: Uint8Array): K => ipc.deserialize(bytes),
  /** Serve kdb+ clients on a port (127.0.0.1 unless a host is given). */
  listen: (opts: ipc.ListenOptions | number): Promise<ipc.Server> => ipc.listen(opts),
  /** Connect to a kdb+ (or qwasm) server: an async client. */
  connect: (opts: ipc.ConnectOptions): Promise<ipc.Connection> => ipc.connect(opts),
};

/** q names of the JS functions whose names differ (JS reserved words, glyphs). */
const Q_NAME: Record<string, string> = {
  add: '+', sub: '-', mul: '*', div: '%', idiv: 'div', min: '&', max: '|', fill: '^', eq: '=', ne: '<>',
  lt: '<', gt: '>', le: '<=', ge: '>=', match: '~', join: ',', take: '#', drop: '_', find: '?', in_: 'in',
  cast: '$', index: '@', dict: '!',
};

export interface Adverbs {
  /** f'x, f'[x;y] */ each(...args: unknown[]): K;
  /** f/x, x f/y */ over(...args: unknown[]): K;
  /** f\x, x f\y */ scan(...args: unknown[]): K;
  /** f':x, x f':y */ prior(...args: unknown[]): K;
  /** x f\:y */ eachLeft(x: unknown, y: unknown): K;
  /** x f/:y */ eachRight(x: unknown, y: unknown): K;
}

/** Gives a q namespace function the iterators as methods: q.add.over(x),
 *  q.til.each([0, 1, 2]). The iterated function is the q primitive itself, so
 *  q's rank rules (reduce a dyad, converge a monad) apply. */
function withAdverbs(name: string, f: QFn): void {
  const qname = Q_NAME[name] ?? name;
  const target = (): Callable => (PRIMS.has(qname) || qname in NATIVES ? primValue(qname) : (f as unknown as Callable));
  const iter = (adv: (g: Callable, ...xs: K[]) => K) => lift((...xs: K[]) => {
    const g = target();
    try { return adv(g, ...xs); } finally { if (g instanceof K) g.dispose(); }
  });
  Object.assign(f, {
    each: iter(each), over: iter(over), scan: iter(scan), prior: iter(prior),
    eachLeft: iter(eachLeft as (g: Callable, ...xs: K[]) => K), eachRight: iter(eachRight as (g: Callable, ...xs: K[]) => K),
  });
}

// atomic.Q comes last: its min/max take one argument (the aggregate) or two (lesser/greater)
type WithAdverbs<T> = { [P in keyof T]: T[P] extends (...a: never[]) => K ? T[P] & Adverbs : T[P] };
export const q = Object.assign(evaluate, ns, reduce.Q, sortsearch.Q, structural.Q, crossOps.Q, atomic.Q, qsqlApi.Q) as
  typeof evaluate & WithAdverbs<typeof ns & typeof atomic.Q> & typeof qsqlApi.Q & QNamespace;
// q function values (what q('+') or q('{x*y}') return) get the iterators and
// a call method, as PyQ's K objects do: q(',').over(data), f.scan(10, [0, 1]).
declare module './k.js' {
  interface K {
    /** Apply this function value (or index this value) with K or JS arguments. */
    call(...args: unknown[]): K;
    each(...args: unknown[]): K;
    over(...args: unknown[]): K;
    scan(...args: unknown[]): K;
    prior(...args: unknown[]): K;
    eachLeft(x: unknown, y: unknown): K;
    eachRight(x: unknown, y: unknown): K;
  }
}
{
  const proto = K.prototype as unknown as Record<string, unknown>;
  const iter = (adv: (g: Callable, ...xs: K[]) => K) => function (this: K, ...xs: unknown[]): K {
    return lift((...ks: K[]) => adv(this, ...ks))(...xs);
  };
  proto.call = function (this: K, ...xs: unknown[]): K { return lift((...ks: K[]) => guarded(() => apply(this, ks)))(...xs); };
  proto.each = iter(each); proto.over = iter(over); proto.scan = iter(scan); proto.prior = iter(prior);
  proto.eachLeft = iter(eachLeft as (g: Callable, ...xs: K[]) => K);
  proto.eachRight = iter(eachRight as (g: Callable, ...xs: K[]) => K);
}

// Every other registered keyword (ss, like, vs, sv, trim, ltime, mmu …) as q.<name>: applied as
// q applies it, so fewer arguments than its rank make a projection and more are 'rank.
// The keywords the evaluator implements itself (parse eval reval show each over scan prior
// peach getenv setenv exit …) come the same way.
for (const name of [...PRIMS.keys(), ...Object.keys(NATIVES)]) {
  if (!/^[a-z][a-z0-9]*$/.test(name) || name in q) continue;
  (q as unknown as Record<string, unknown>)[name] = lift((...xs: K[]) => {
    const f = primValue(name);
    try { return guarded(() => apply(f, xs.length ? xs : [])); } finally { f.dispose(); }
  });
}

/** JS-API entry points that are not q functions: no .each/.over on them. */
const NO_ADVERBS = new Set(['set', 'get', 'save', 'load', 'system', 'memory', 'table', 'select', 'exec', 'update', 'delete',
  'serialize', 'deserialize', 'listen', 'connect']);
for (const [name, f] of Object.entries(q)) {
  if (typeof f === 'function' && !NO_ADVERBS.has(name)) withAdverbs(name, f as QFn);
}

export { primFn };
