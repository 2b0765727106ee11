// The one evaluator interface: compile an expression against a scope of names
// into a closure, then run the closure as often as needed with the values of
// those names. The REPL, q(), lambdas and q-sql all evaluate through it.
//
//   const f = compile(parse('x+y*2'), ['x', 'y']);  // once
//   f([a, b]);                                       // per call: a new K
//
// A scope name is bound to env[i] by position (a slot, resolved at compile
// time); every other name resolves at run time as q resolves it inside a
// lambda defined in the namespace current at compile time: globals of that
// namespace, then the root, then keywords. `outer`, when given, is consulted
// first for names outside the scope: it is how a q-sql phrase inside a lambda
// sees that lambda's parameters and locals (`{select from t where px>x}`); the
// evaluator hands it to q-sql as outerOf(frame). q-sql compiles each phrase with a
// table's column names as its scope and runs the closure once per table or
// once per group, with the (grouped) columns as env.
//
// Ownership: the closure BORROWS env (the values stay the caller's) and
// returns a NEW K the caller owns. Assigning a scope name inside the
// expression rebinds the slot for that run only; env itself is never changed.
//
// How it compiles: each AST node becomes one JS closure chosen at compile time
// by node kind and arity (`x+1` is a dyadic-operator closure over a slot read
// and a constant). Locals live in the frame's slot array; globals are read
// from the globals map by their absolute name, computed once, so reassignment
// is seen. `:x` in statement position sets frame.ret and the enclosing body
// stops (no exception); elsewhere it throws Return as the walker does. Node
// kinds rare in hot code (tables, indexed amends, signals, extensions) run
// through the tree walker with the same frame, so semantics are the walker's.
// Lambda bodies compile once per (node, namespace); top-level loops and short
// texts compile once per node, with names resolved in the namespace current at
// run time.

import type { K } from '../k.js';
import type { Node } from './parser.js';
import {
  ev, state, globals, compiler, callPrim, apply, applyU, applyNums, applyHoles, primValue, derive, getName, truthy,
  setGlobal, storeGlobal, absName, isReserved, valueSetHook, setSlot, releaseFrame, lambdaIndex, Return, GLYPHS, UNARY_FORM, NATIVES,
  type Outer, type Frame, type LambdaCode,
} from './eval.js';
import { lookup, BY_NAME } from '../ops/registry.js';
import * as V from './values.js';
import { checkInterrupt } from '../interrupt.js';
import { qerr } from './error.js';
import {
  quickTruth,
  NUM, numOpCode, readNum, numOp, boxNum,
} from './atoms.js';
import {
  indexNum, indexRead, indexAssign, indexAppend, appendAssign, atomTest, atomConstTest, atomInPlace, ATOM_DYADS, atomConstDyad,
} from './unboxed.js';
import { intern, hdrRef } from '../runtime.js';

export type { Outer };
export type Compiled = (env: readonly K[]) => K;

/** Compile `node` with `scope[i]` bound to `env[i]` at each run; `outer` resolves enclosing locals. */
export function compile(node: Node, scope: readonly string[], outer?: Outer): Compiled {
  const index = new Map<string, number>();
  scope.forEach((s, i) => index.set(s, i));
  const ns = state.ns;
  const code = root(node, { index, ns, outer: outer !== undefined, top: false });
  const n = scope.length;
  return (env) => {
    if (env.length !== n) throw qerr('rank');
    const fr: Frame = { slots: new Array(n), args: env, index, ns, self: undefined, outer, ret: undefined, nt: new Array(n).fill(0), nv: new Array(n).fill(0) };
    try {
      return code(fr);
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    } finally {
      releaseFrame(fr);
    }
  };
}

// ---------------------------------------------------------------- context

/** What a closure is compiled against. */
interface Cx {
  /** local name -> slot */
  index: ReadonlyMap<string, number>;
  /** namespace names resolve in (lambdas: where defined; top level: state.ns at run time) */
  ns: string;
  /** an Outer lookup may bind names outside the scope */
  outer: boolean;
  /** top-level code: no frame (fr is null), names and assignments are global */
  top: boolean;
}

/** Code yields a new K; Stmt runs for effect. fr is null only in top-level code. */
type Code = (fr: Frame) => K;
type Stmt = (fr: Frame) => void;

/** Where a node sits: in an expression, a statement whose `:x` may stop the body by flag, or the body's value. */
const EXPR = 0, STMT = 1, TAIL = 2;
type Pos = typeof EXPR | typeof STMT | typeof TAIL;

/** The tree walker on n; it sees a frame's locals as K only, so unboxed ones are boxed first. */
const walk = (n: Node): Code => (fr) => { if (fr !== null) boxAll(fr); return ev(n, fr); };

/** The value a frame's pending return hands back, clearing it. */
function takeRet(fr: Frame): K {
  const r = fr.ret!;
  fr.ret = undefined;
  return r;
}

/** A whole expression in tail position, stopping at a statement `:x`. */
function root(n: Node, cx: Cx): Code {
  const c = expr(n, cx, TAIL);
  if (cx.top) return c;
  return (fr) => {
    const r = c(fr);
    if (fr.ret === undefined) return r;
    r.dispose();
    return takeRet(fr);
  };
}

// ---------------------------------------------------------------- lambdas and top-level loops

const lambdaCache = new WeakMap<object, Map<string, Code>>();

/** make()'s value for this lambda node in namespace ns, made once. */
function perLambda<T>(cache: WeakMap<object, Map<string, T>>, node: object, ns: string, make: () => T): T {
  let byNs = cache.get(node);
  if (!byNs) { byNs = new Map(); cache.set(node, byNs); }
  let v = byNs.get(ns);
  if (v === undefined) { v = make(); byNs.set(ns, v); }
  return v;
}

/** The compiled body of a lambda (once per node and namespace). */
function compileLambda(node: Extract<Node, { k: 'lambda' }>, ns: string): Code {
  // the same slots the evaluator's frame is built with
  return perLambda(lambdaCache, node, ns, () => body(node.body, { index: lambdaIndex(node), ns, outer: false, top: false }, TAIL));
}

/** A lambda's compiled body with its pool of frames (frames are reused, one per
 *  level of recursion): callLambda runs code in a frame, then releases it. */
function lambdaRun(node: Extract<Node, { k: 'lambda' }>, ns: string): LambdaCode {
  const index = lambdaIndex(node);
  const size = index.size;
  const frames: Frame[] = [];
  return {
    code: lambdaBody(node, ns),
    frame: () => frames.pop() ?? {
      slots: new Array(size).fill(undefined), args: NO_ARGS, index, ns, self: undefined, outer: undefined, ret: undefined,
      nt: new Array(size).fill(0), nv: new Array(size).fill(0),
    },
    release: (fr) => { clearFrame(fr); frames.push(fr); },
    box: () => boxNum(NUM.t, NUM.v),
  };
}

/** Release what a finished call's frame owns and leave it empty for the next call. */
function clearFrame(fr: Frame): void {
  const s = fr.slots, nt = fr.nt!;
  for (let i = 0; i < s.length; i++) {
    const v = s[i];
    if (v !== undefined) { s[i] = undefined; v.dispose(); }
    nt[i] = 0;
  }
  const r = fr.ret;
  if (r !== undefined) { fr.ret = undefined; r.dispose(); }
  fr.args = NO_ARGS; fr.self = undefined;
}
const NO_ARGS: K[] = [];

const bodyCache = new WeakMap<object, Map<string, UCode>>();

/** A lambda's body whose tail value may come back unboxed (once per node and namespace). */
function lambdaBody(node: Extract<Node, { k: 'lambda' }>, ns: string): UCode {
  return perLambda(bodyCache, node, ns, (): UCode => {
    const cx: Cx = { index: lambdaIndex(node), ns, outer: false, top: false };
    const stmts = node.body;
    const last = stmts.length ? stmts[stmts.length - 1] : null;
    const ss: Stmt[] = [];
    for (let i = 0; i < stmts.length - 1; i++) { const st = stmts[i]; if (st) ss.push(stmt(st, cx, true)); }
    const tail: UCode = last ? ucode(last, cx, TAIL) ?? expr(last, cx, TAIL) : () => V.nil();
    const m = ss.length;
    return m === 0 ? tail
      : m === 1 ? ((s0: Stmt): UCode => (fr) => { s0(fr); return fr.ret !== undefined ? takeRet(fr) : tail(fr); })(ss[0])
      : (fr) => {
        for (let i = 0; i < m; i++) { ss[i](fr); if (fr.ret !== undefined) return takeRet(fr); }
        return tail(fr);
      };
  });
}

// ---------------------------------------------------------------- unboxed atoms

/** Code whose value may be an unboxed atom: null means the value is in NUM. */
type UCode = (fr: Frame) => K | null;
/** Code computing an unboxed atom into NUM; false when it cannot (not numeric
 *  atoms, or a case the kernels decide). It only reads locals and constants,
 *  so the caller then evaluates the same node the general way. */
type NCode = (fr: Frame) => boolean;
const KJ = -7, KF = -9, KS = -11, KB = -1;

/** Is n `v[i]` / `v i` of a global name (not a local, not a keyword) with one argument? */
function indexable(n: Extract<Node, { k: 'app' }>, cx: Cx): n is Extract<Node, { k: 'app' }> & { f: { k: 'name'; name: string } } {
  const f = n.f;
  return f.k === 'name' && n.how !== 'infix' && n.how !== 'compose' && n.args.length === 1 && n.args[0] !== null
    && !cx.outer && !cx.index.has(f.name) && !isReserved(f.name) && f.name !== '.z.s';
}

/** `v[i]` with v a global simple vector or dictionary and i unboxed: the item
 *  unboxed, read in place (unboxed.ts's indexRead). */
function indexExpr(n: Extract<Node, { k: 'app' }> & { f: { k: 'name'; name: string } }, cx: Cx): NCode | null {
  const key = numExpr(n.args[0]!, cx);
  return key && indexRead(globalRead(n.f.name, cx.ns), key);
}

/** n as unboxed code, when n is built of locals, long/float constants and
 *  arithmetic or comparison operators (atoms.ts's numOp); else null. */
function numExpr(n: Node, cx: Cx): NCode | null {
  if (cx.top) return null;
  switch (n.k) {
    case 'const': {
      const t = n.lit.type;
      if (t === KS) {
        const id = intern(String((n.lit.data as unknown[])[0]));
        return () => { NUM.t = KS; NUM.v = id; return true; };
      }
      if (t !== KJ && t !== KF) return null;
      const d = (n.lit.data as unknown[])[0];
      const v = typeof d === 'bigint' ? Number(d) : typeof d === 'number' ? d : NaN;
      if (t === KJ ? !(Number.isSafeInteger(v) && BigInt(v) === BigInt(d as number | bigint)) : v !== v) return null;
      const cv = t === KJ ? v + 0 : v;
      return () => { NUM.t = t; NUM.v = cv; return true; };
    }
    case 'name': {
      const slot = cx.index.get(n.name);
      return slot === undefined ? null : slotNum(slot);
    }
    case 'app': {
      if (indexable(n, cx)) return indexExpr(n, cx);
      if (n.how === 'prefix' || n.f.k !== 'prim' || n.args.length !== 2) return null;
      const xn = n.args[0], yn = n.args[1];
      const op = numOpCode(n.f.op);
      if (op === undefined || !xn || !yn) return null;
      const a = numExpr(xn, cx), b = numExpr(yn, cx);
      if (!a || !b) return null;
      // locals and constants read in place: no call through an operand's closure
      const lx = numLeaf(xn, cx), ly = numLeaf(yn, cx);
      if (lx?.slot !== undefined && ly?.slot !== undefined) {
        const sx = lx.slot, sy = ly.slot;
        return (fr) => {
          if (!readSlot(fr, sy)) return false;
          const yt = NUM.t, yv = NUM.v;
          return readSlot(fr, sx) && numOp(op, NUM.v, NUM.t, yv, yt);
        };
      }
      if (lx?.slot !== undefined && ly?.t !== undefined) {
        const sx = lx.slot, yt = ly.t, yv = ly.v!;
        return (fr) => readSlot(fr, sx) && numOp(op, NUM.v, NUM.t, yv, yt);
      }
      if (lx?.t !== undefined && ly?.slot !== undefined) {
        const xt = lx.t, xv = lx.v!, sy = ly.slot;
        return (fr) => readSlot(fr, sy) && numOp(op, xv, xt, NUM.v, NUM.t);
      }
      return numDyad(op, a, b);
    }
    default: return null;
  }
}

/** n as code whose value may be left unboxed (null returned, the value in NUM):
 *  unboxed arithmetic, a conditional's branches, an operator over such values,
 *  a call of a lambda whose own value comes back unboxed. Null when n is none of these. */
function ucode(n: Node, cx: Cx, pos: Pos): UCode | null {
  if (cx.top) return null;
  // a call of a global (a lambda, or a vector or dictionary to index) takes the call path below
  const nc = n.k === 'app' && indexable(n, cx) ? null : numExpr(n, cx);
  if (nc) {
    // only locals and constants: the general code may evaluate n again
    const lc = expr(n, cx, pos);
    return (fr) => (nc(fr) ? null : lc(fr));
  }
  if (n.k === 'cond') {
    const args = n.args, m = args.length;
    if (!args.some((a, i) => a !== null && !(i % 2 === 0 && i + 1 < m) && ucodeShape(a))) return null;
    return condWith(args, cx, (a): UCode => ucode(a, cx, pos) ?? expr(a, cx, pos));
  }
  if (n.k !== 'app' || n.args.length === 0 || n.args.some((a) => a === null)) return null;
  const f = n.f;
  if (f.k === 'prim' && n.how !== 'prefix' && n.args.length === 2) {
    const op = numOpCode(f.op);
    if (op === undefined) return null;
    const xn = n.args[0]!, yn = n.args[1]!;
    const ux = ucode(xn, cx, EXPR), uy = ucode(yn, cx, EXPR);
    if (!ux && !uy) return null;
    const ax: UCode = ux ?? expr(xn, cx, EXPR), ay: UCode = uy ?? expr(yn, cx, EXPR);
    const g = dyad(f.op);
    return (fr) => {
      const y = ay(fr);
      const yt = NUM.t, yv = NUM.v;
      let x: K | null;
      try { x = ax(fr); } catch (e) { y?.dispose(); throw e; }
      if (x === null && y === null && numOp(op, NUM.v, NUM.t, yv, yt)) return null;
      const xk = x ?? boxNum(NUM.t, NUM.v);
      try {
        const yk = y ?? boxNum(yt, yv);
        try { return g(xk, yk); } finally { yk.dispose(); }
      } finally { xk.dispose(); }
    };
  }
  // f[x] / f[x;y] / f x of a function value: the arguments right to left, then f
  if (f.k === 'prim' || n.args.length > 2 || (f.k === 'name' && isReserved(f.name))) return null;
  // `kw name` with a BY_NAME hook (count of a mapped table…) must reach app()'s hook
  if (f.k === 'name' && n.args.length === 1 && BY_NAME.has(f.name)) return null;
  if (f.k !== 'name' && f.k !== 'lambda') return null;
  const self = f.k === 'name' && f.name === '.z.s' && !cx.outer;
  if (f.k === 'name' && !self && cx.index.has(f.name)) return null;
  const fcode = expr(f, cx, EXPR);
  const argc = n.args.map((a) => expr(a!, cx, EXPR));
  const run = (fr: Frame, args: K[]): K | null => {
    if (self && !globals.has('.z.s') && fr.self) return applyU(fr.self, args);
    const g = fcode(fr);
    try { return applyU(g, args); } finally { g.dispose(); }
  };
  const boxed = withArgs(argc, run);
  // arguments of only locals and constants (no side effects, so they may be read again
  // the general way) go unboxed into a compiled lambda's parameter slots: no atom per call
  const m = n.args.length;
  const n0 = numExpr(n.args[0]!, cx), n1 = m === 2 ? numExpr(n.args[1]!, cx) : null;
  if (!n0 || (m === 2 && !n1)) return boxed;
  const gv = f.k === 'name' && !self && !cx.outer ? globalRead(f.name, cx.ns) : null;
  return (fr) => {
    let t1 = 0, v1 = 0;
    if (n1) { if (!n1(fr)) return boxed(fr); t1 = NUM.t; v1 = NUM.v; }
    if (!n0(fr)) return boxed(fr);
    const t0 = NUM.t, v0 = NUM.v;
    let r: K | null | undefined;
    if (self && !globals.has('.z.s') && fr.self) r = applyNums(fr.self, m, t0, v0, t1, v1);
    else {
      // a global vector or dictionary indexed in place, no reference taken
      if (gv !== null && m === 1) { const v = gv(); if (v !== undefined && v.type < 100 && indexNum(v.ptr, t0, v0)) return null; }
      const g = fcode(fr);
      try { r = applyNums(g, m, t0, v0, t1, v1); } finally { g.dispose(); }
    }
    return r !== undefined ? r : boxed(fr);
  };
}

/** Could ucode make something of n (a cheap look before compiling a conditional's branches twice)? */
function ucodeShape(n: Node): boolean {
  if (n.k === 'const' || n.k === 'name' || n.k === 'cond') return true;
  return n.k === 'app' && n.args.length > 0 && n.args.length <= 2;
}

/** x op y unboxed: y first, then x, as q evaluates. */
function numDyad(op: number, a: NCode, b: NCode): NCode {
  return (fr) => {
    if (!b(fr)) return false;
    const yt = NUM.t, yv = NUM.v;
    return a(fr) && numOp(op, NUM.v, NUM.t, yv, yt);
  };
}

/** Local slot's value unboxed: held unboxed, or a long/float atom read from its block. */
function slotNum(slot: number): NCode {
  return (fr) => readSlot(fr, slot);
}
function readSlot(fr: Frame, slot: number): boolean {
  const k = fr.slots[slot];
  if (k !== undefined) return readNum(k);
  const t = fr.nt![slot];
  if (t !== 0) { NUM.t = t; NUM.v = fr.nv![slot]; return true; }
  const a = fr.args[slot];
  return a !== undefined && readNum(a);
}

/** n as a local's slot or an exact long/float constant (t, v), else null. */
function numLeaf(n: Node, cx: Cx): { slot?: number; t?: number; v?: number } | null {
  if (n.k === 'name') { const slot = cx.index.get(n.name); return slot === undefined ? null : { slot }; }
  if (n.k !== 'const' || !numExpr(n, cx)) return null;
  numExpr(n, cx)!(null as unknown as Frame);
  return { t: NUM.t, v: NUM.v };
}

/** Keep NUM's atom in local slot, unboxed. */
function setNum(fr: Frame, slot: number): void {
  const old = fr.slots[slot];
  if (old !== undefined) { fr.slots[slot] = undefined; old.dispose(); }
  fr.nt![slot] = NUM.t;
  fr.nv![slot] = NUM.v;
}

/** Local slot's value as a K (borrowed): an unboxed one is boxed into the frame first. */
function slotK(fr: Frame, slot: number): K | undefined {
  const v = fr.slots[slot];
  if (v !== undefined) return v;
  const nt = fr.nt!;
  if (nt[slot] !== 0) {
    const k = boxNum(nt[slot], fr.nv![slot]);
    nt[slot] = 0;
    fr.slots[slot] = k;
    return k;
  }
  return fr.args[slot];
}

/** Box every unboxed local (before the tree walker, which reads slots as K). */
function boxAll(fr: Frame): void {
  const nt = fr.nt;
  if (nt === undefined) return;
  for (let i = 0; i < nt.length; i++) if (nt[i] !== 0) slotK(fr, i);
}

const topCache = new WeakMap<object, Code>();
const TOP: Cx = { index: new Map(), ns: '', outer: false, top: true };

/** Top-level code (a do/while/if the walker meets, or a short text `evaluate`
 *  keeps the tree of), compiled once per node; names resolve in the namespace
 *  current when it runs. */
function compileTop(n: Node): Code {
  let code = topCache.get(n);
  if (!code) { code = expr(n, TOP, EXPR); topCache.set(n, code); }
  return code;
}

compiler.lambda = compileLambda;
compiler.run = lambdaRun;
compiler.top = compileTop;
compiler.atomic = atomicLambda;

// ---------------------------------------------------------------- atomic lambdas

/** Operators and keywords that are atomic (they apply item by item at any depth). */
const ATOMIC2 = new Set(['+', '-', '*', '%', '&', '|', '<', '>', '<=', '>=', '=', '<>', 'mod', 'div']);
const ATOMIC1 = new Set(['neg', 'abs', 'sqrt', 'exp', 'log', 'floor', 'ceiling', 'not', 'null', 'signum', 'reciprocal']);

const atomicCache = new WeakMap<object, boolean>();

/** Is the lambda one expression of atomic primitives over its parameters and
 *  atom constants (`{x+1}`, `{x*y-z}`)? Then f'[a;b] is f[a;b] on whole
 *  vectors: q's atomicity makes the results identical. */
function atomicLambda(node: Extract<Node, { k: 'lambda' }>): boolean {
  let r = atomicCache.get(node);
  if (r === undefined) {
    const stmts = node.body;
    const used = new Set<string>();
    r = node.locals.length === 0 && stmts.length === 1 && stmts[0] !== null && atomicExpr(stmts[0], new Set(node.params), used)
      // every parameter must shape the result: {1} each v is n ones, {1}[v] one
      && node.params.every((p) => used.has(p));
    atomicCache.set(node, r);
  }
  return r;
}

function atomicExpr(n: Node, params: ReadonlySet<string>, used: Set<string>): boolean {
  switch (n.k) {
    case 'const': return n.lit.type < 0;
    case 'name': used.add(n.name); return params.has(n.name);
    case 'app': {
      if (n.args.some((a) => a === null)) return false;
      const f = n.f;
      const op = f.k === 'prim' ? f.op : f.k === 'name' && !params.has(f.name) && !globals.has(f.name) ? f.name : null;
      if (op === null) return false;
      if (n.how === 'prefix' && f.k === 'prim') return false;
      const ok = n.args.length === 2 ? ATOMIC2.has(op) : n.args.length === 1 && ATOMIC1.has(op);
      return ok && n.args.every((a) => atomicExpr(a!, params, used));
    }
    default: return false;
  }
}

// ---------------------------------------------------------------- statements

/** Statements left to right; the value of the last (`::` when empty). */
function body(stmts: readonly (Node | null)[], cx: Cx, pos: Pos): Code {
  const flag = pos !== EXPR && !cx.top;
  const last = stmts.length ? stmts[stmts.length - 1] : null;
  const ss: Stmt[] = [];
  for (let i = 0; i < stmts.length - 1; i++) { const s = stmts[i]; if (s) ss.push(stmt(s, cx, flag)); }
  const lc: Code = last ? expr(last, cx, pos) : () => V.nil();
  if (!flag) {
    if (ss.length === 0) return lc;
    return (fr) => { for (let i = 0; i < ss.length; i++) ss[i](fr); return lc(fr); };
  }
  if (ss.length === 0) return lc;
  if (ss.length === 1) {
    const s0 = ss[0];
    return (fr) => { s0(fr); return fr.ret !== undefined ? takeRet(fr) : lc(fr); };
  }
  return (fr) => {
    for (let i = 0; i < ss.length; i++) { ss[i](fr); if (fr.ret !== undefined) return takeRet(fr); }
    return lc(fr);
  };
}

/** A statement run for its effect; `flag`: a `:x` here may stop the body through frame.ret. */
function stmt(n: Node, cx: Cx, flag: boolean): Stmt {
  switch (n.k) {
    case 'assign': {
      if (!n.index && !(cx.top && n.src !== undefined)) return watched(n, cx, assignStmt(n, cx));
      const s = n.index ? indexAssignStmt(n, cx) : null;
      if (s) return watched(n, cx, s);
      break;
    }
    case 'ctrl': return ctrl(n, cx, flag);
    case 'cond': return condStmt(n.args, cx, flag);
    case 'ret': {
      const v = expr(n.value, cx, EXPR);
      if (cx.top) return (fr) => v(fr).dispose();
      if (flag) return (fr) => { fr.ret = v(fr); };
      return (fr) => { throw new Return(v(fr)); };
    }
  }
  const c = expr(n, cx, flag ? STMT : EXPR);
  return (fr) => c(fr).dispose();
}

function condStmt(args: (Node | null)[], cx: Cx, flag: boolean): Stmt {
  const m = args.length;
  const cs: (Test | null)[] = [], bs: (Stmt | null)[] = [];
  for (let i = 0; i < m; i++) {
    const a = args[i];
    const isTest = i % 2 === 0 && i + 1 < m;
    cs.push(isTest ? testCode(a, cx) : null);
    bs.push(a && !isTest ? stmt(a, cx, flag) : null);
  }
  return (fr) => {
    let i = 0;
    for (; i + 1 < m; i += 2) {
      if (cs[i]!(fr)) { bs[i + 1]?.(fr); return; }
    }
    if (i < m) bs[i]?.(fr);
  };
}

/** A condition's truth (a missing condition is `::`, which is 'type). */
type Test = (fr: Frame) => boolean;
function truthOf(k: K): boolean {
  try {
    const q = quickTruth(k);
    return q ?? truthy(k);
  } finally { k.dispose(); }
}

/** A condition compiled to a JS boolean: a comparison of long atoms makes no boolean atom. */
function testCode(n: Node | null, cx: Cx): Test {
  if (n === null) return () => truthOf(V.nil());
  const c = expr(n, cx, EXPR);
  const generic: Test = (fr) => truthOf(c(fr));
  const nc = numExpr(n, cx);
  // a boolean or long computed unboxed: its truth with no atom made (a float's goes the general way)
  if (nc) return (fr) => (nc(fr) && (NUM.t === KB || NUM.t === KJ) ? NUM.v !== 0 : generic(fr));
  if (n.k !== 'app' || n.f.k !== 'prim' || n.args.length !== 2 || n.args[0] === null || n.args[1] === null || n.how === 'prefix') return generic;
  const glyph = n.f.op, xn = n.args[0], yn = n.args[1];
  const cmp = atomTest(glyph);
  if (!cmp) return generic;
  const a = operand(xn, cx, true, true), b = operand(yn, cx, pure(xn), true);
  if (b.num && b.num.long && a.borrow) {
    const t = atomConstTest(glyph, false)!, cv = b.num.v, ab = a.borrow;
    return (fr) => { const x = ab(fr); const r = x === undefined ? null : t(x, cv); return r ?? generic(fr); };
  }
  if (a.num && a.num.long && b.borrow) {
    const t = atomConstTest(glyph, true)!, cv = a.num.v, bb = b.borrow;
    return (fr) => { const y = bb(fr); const r = y === undefined ? null : t(y, cv); return r ?? generic(fr); };
  }
  if (a.borrow && b.borrow) {
    const ab = a.borrow, bb = b.borrow;
    return (fr) => {
      const y = bb(fr), x = ab(fr);
      const r = x === undefined || y === undefined ? null : cmp(x, y);
      return r ?? generic(fr);
    };
  }
  return generic;
}

function ctrl(n: Extract<Node, { k: 'ctrl' }>, cx: Cx, flag: boolean): Stmt {
  const [c, ...rest] = n.args;
  if (!c) return (fr) => ev(n, fr).dispose();
  const cond = expr(c, cx, EXPR);
  const test = testCode(c, cx);
  const ss: Stmt[] = [];
  for (const s of rest) if (s) ss.push(stmt(s, cx, flag));
  const m = ss.length;
  const stop = flag
    ? (fr: Frame) => fr.ret !== undefined
    : () => false;
  const run = m === 1 && !flag ? ss[0] : (fr: Frame): void => {
    for (let i = 0; i < m; i++) { ss[i](fr); if (stop(fr)) return; }
  };
  switch (n.word) {
    case 'if': return (fr) => { if (test(fr)) run(fr); };
    case 'while': return (fr) => { while (test(fr)) { checkInterrupt(); run(fr); if (stop(fr)) return; } };
    case 'do': return (fr) => {
      const k = cond(fr);
      let times: number | null;
      try { times = V.intValue(k); if (k.type >= 0 || !V.isIntegral(-k.type)) throw qerr('type'); } finally { k.dispose(); }
      const t = times ?? 0;
      for (let i = 0; i < t; i++) { checkInterrupt(); run(fr); if (stop(fr)) return; }
    };
  }
}

// ---------------------------------------------------------------- assignment

/** name:v, name op:v (no index): into the slot when a local, else the global. */
function assignParts(n: Extract<Node, { k: 'assign' }>, cx: Cx): {
  value: Code; set: (fr: Frame, v: K) => void; current: (fr: Frame) => K; owned: (fr: Frame) => boolean;
  /** the value set() replaces (borrowed): the frame's own (not an argument), or the global under the name set() writes */
  home: (fr: Frame) => K | undefined;
} {
  const value = expr(n.value, cx, EXPR);
  const name = n.name;
  const slot = cx.top ? undefined : cx.index.get(name);
  if (slot !== undefined) {
    return {
      value,
      set: (fr, v) => { fr.nt![slot] = 0; setSlot(fr, slot, v); },
      // borrowed: the frame's own value or the caller's argument
      current: (fr) => { const v = slotK(fr, slot); if (v === undefined) throw qerr(name); return v; },
      owned: (fr) => fr.slots[slot] !== undefined,
      home: (fr) => fr.slots[slot],
    };
  }
  const ns = cx.ns;
  const abs = absName(name, ns);
  return {
    value,
    set: isReserved(name) ? (_fr, v) => setGlobal(name, v, cx.top ? state.ns : ns) // 'assign
      : cx.top ? (_fr, v) => storeGlobal(state.ns ? absName(name, state.ns) : name, v)
      : (_fr, v) => storeGlobal(abs, v),
    // borrowed from the globals map: the assignment's operator cannot reassign it
    current: () => {
      const v = globalNow(name, cx.top ? state.ns : ns);
      if (!v) throw qerr(name);
      return v;
    },
    owned: () => true,
    home: isReserved(name) ? () => undefined : cx.top ? () => globals.get(state.ns ? absName(name, state.ns) : name) : () => globals.get(abs),
  };
}

/** t: t upsert y is t upsert: y (the variable's value can then be written in place). */
function upsertSelf(n: Extract<Node, { k: 'assign' }>): Extract<Node, { k: 'assign' }> {
  const v = n.value;
  const f = v.k === 'app' ? v.f : undefined;
  if (n.op || n.index || v.k !== 'app' || v.how === 'compose' || !f || !((f.k === 'prim' && f.op === 'upsert') || (f.k === 'name' && f.name === 'upsert')) || v.args.length !== 2) return n;
  const [x, y] = v.args;
  if (!x || !y || x.k !== 'name' || x.name !== n.name) return n;
  return { ...n, op: 'upsert', value: y };
}

/** The assign-through function for op; t upsert:y first tries writing into t when the variable alone holds it. */
function assignOp(op: string, owned: (fr: Frame) => boolean): (fr: Frame, x: K, y: K) => K {
  const f = assignDyad(op);
  if (op !== 'upsert') return (_fr, x, y) => f(x, y);
  return (fr, x, y) => {
    const h = V.tableHooks.upsertOwned;
    const r = h && owned(fr) ? h(x, y) : undefined;
    return r ?? f(x, y);
  };
}

/** The local slot of name in cx, undefined for a global. */
function slotOf(name: string, cx: Cx): number | undefined {
  return cx.top ? undefined : cx.index.get(name);
}

/** A reader of global name's stored K (borrowed) as resolved inside a lambda of namespace ns. */
function globalRead(name: string, ns: string): () => K | undefined {
  const abs = absName(name, ns), root = ns ? name : null;
  return () => globals.get(abs) ?? (root !== null ? globals.get(root) : undefined);
}

/** The global's stored K (borrowed from the globals map). */
function globalNow(name: string, ns: string): K | undefined {
  if (!ns) return globals.get(name);
  return globals.get(absName(name, ns)) ?? globals.get(name);
}

function assignStmt(n: Extract<Node, { k: 'assign' }>, cx: Cx): Stmt {
  const boxed = assignStmtBoxed(n, cx);
  // a local given a numeric atom computed in JS keeps it unboxed
  const slot = cx.top ? undefined : cx.index.get(n.name);
  if (slot === undefined) return boxed;
  let nc: NCode | null = null;
  if (!n.op) nc = numExpr(n.value, cx);
  else {
    const op = numOpCode(n.op), y = op === undefined ? null : numExpr(n.value, cx);
    if (op !== undefined && y) nc = numDyad(op, slotNum(slot), y);
  }
  if (!nc) return boxed;
  const c = nc;
  return (fr) => { if (c(fr)) setNum(fr, slot); else boxed(fr); };
}

/** v[i]:y and v[i] op: y (op an operator of the unboxed arithmetic) as a statement,
 *  with i and y unboxed: when the variable alone holds its simple vector or
 *  dictionary, the item is written in place (atoms.ts's amendNum), no atom made.
 *  Otherwise, or when amendNum declines, the walker's amend. Null when the shape
 *  never qualifies. i and y only read locals, constants and globals, so reading
 *  them again the general way is safe. */
function indexAssignStmt(n: Extract<Node, { k: 'assign' }>, cx: Cx): Stmt | null {
  const idx = n.index!;
  if (idx.length !== 1 || idx[0] === null || (cx.top && n.src !== undefined)) return null;
  const op = n.op === undefined ? -1 : n.op === ',' ? -2 : numOpCode(n.op);
  if (op === undefined) return null;
  const key = leafNum(idx[0], cx), y = leafNum(n.value, cx);
  if (!key || !y) return null;
  const name = n.name;
  const slot = slotOf(name, cx);
  let target: (fr: Frame) => K | undefined;
  if (slot !== undefined) target = (fr) => fr.slots[slot]; // the frame's own value (an argument is the caller's)
  else if (cx.outer || isReserved(name)) return null;
  else if (cx.top) target = () => globals.get(state.ns ? absName(name, state.ns) : name);
  else { const abs = absName(name, cx.ns); target = () => globals.get(abs); }
  const general = expr(n, cx, EXPR);
  const slow: Stmt = (fr) => general(fr).dispose();
  return op === -2 ? indexAppend(target, key, y, slow) : indexAssign(target, op, key, y, slow);
}

/** n unboxed: numExpr's code, or at the top level (no frame) a constant or a global's atom. */
function leafNum(n: Node, cx: Cx): NCode | null {
  if (!cx.top) return numExpr(n, cx);
  if (n.k === 'const') return numExpr(n, { ...cx, top: false });
  if (n.k !== 'name' || isReserved(n.name)) return null;
  const name = n.name;
  return () => { const v = globalNow(name, state.ns); return v !== undefined && readNum(v); };
}

function assignStmtBoxed(n0: Extract<Node, { k: 'assign' }>, cx: Cx): Stmt {
  const n = upsertSelf(n0);
  const { value, set, current, owned, home } = assignParts(n, cx);
  if (!n.op) return (fr) => set(fr, value(fr));
  if (n.op === ',') {
    const join = assignOp(',', owned);
    const s = appendAssign(value, home, (fr, y) => set(fr, join(fr, current(fr), y)), set);
    if (s) return s;
  }
  const op = assignDyad(n.op);
  const opf = assignOp(n.op, owned);
  const c = operand(n.value, cx, false).num;
  const fast = c ? atomConstDyad(n.op, false) : undefined;
  if (c && fast) {
    // a+:1 with a numeric constant: no engine atom for the 1; a global atom only
    // the globals map holds is rewritten in place (value semantics: nobody else sees it)
    const cv = c.v, cl = c.long, lit = c.lit;
    const inPlace = slotOf(n.name, cx) === undefined && !isReserved(n.name) ? atomInPlace(n.op, false) : undefined;
    return (fr) => {
      const cur = current(fr);
      if (inPlace !== undefined && inPlace(cur, cv, cl)) return;
      const r = fast(cur, cv, cl);
      if (r) { set(fr, r); return; }
      const y = V.litToK(lit);
      try { set(fr, op(current(fr), y)); } finally { y.dispose(); }
    };
  }
  return (fr) => {
    const y = value(fr);
    try { set(fr, opf(fr, current(fr), y)); } finally { y.dispose(); }
  };
}

/** A global's assignment takes the walker while .z.vs is defined, which calls it
 *  after the set with the index (the compiled paths write in place and never see it). */
function watched(n: Extract<Node, { k: 'assign' }>, cx: Cx, s: Stmt): Stmt {
  if (slotOf(n.name, cx) !== undefined) return s;
  const w = walk(n);
  return (fr) => { if (valueSetHook.on) w(fr).dispose(); else s(fr); };
}

function assignExpr(n0: Extract<Node, { k: 'assign' }>, cx: Cx): Code {
  if (n0.index || (cx.top && n0.src !== undefined)) return walk(n0); // a view's definition: the walker's hook
  if (slotOf(n0.name, cx) === undefined) {
    const c = assignExpr0(n0, cx), w = walk(n0);
    return (fr) => (valueSetHook.on ? w(fr) : c(fr));
  }
  return assignExpr0(n0, cx);
}
function assignExpr0(n0: Extract<Node, { k: 'assign' }>, cx: Cx): Code {
  const n = upsertSelf(n0);
  const { value, set, current, owned } = assignParts(n, cx);
  if (!n.op) return (fr) => { const v = value(fr); set(fr, v.ref()); return v; };
  const op = assignOp(n.op, owned);
  return (fr) => {
    const y = value(fr);
    try {
      const nv = op(fr, current(fr), y);
      set(fr, nv);
      return nv.ref();
    } finally { y.dispose(); }
  };
}

// ---------------------------------------------------------------- expressions

function expr(n: Node, cx: Cx, pos: Pos): Code {
  switch (n.k) {
    case 'const': return constant(n.lit);
    case 'name': {
      const slot = pos === TAIL && !cx.top ? cx.index.get(n.name) : undefined;
      if (slot === undefined) return nameCode(n.name, cx);
      // the body's value is a local: the frame ends next, so its value moves out
      const read = nameCode(n.name, cx);
      return (fr) => {
        const v = fr.slots[slot];
        if (v === undefined) return read(fr);
        fr.slots[slot] = undefined;
        return v;
      };
    }
    case 'prim': { const op = n.op; return () => primValue(op); }
    case 'iter': { const f = expr(n.f, cx, EXPR), adv = n.adv; return (fr) => derive(adv, f(fr)); }
    case 'app': return pos === TAIL ? tailApp(n, cx) : app(n, cx);
    case 'list': return n.holes ? walk(n) : list(n.items, cx);
    case 'assign': return assignExpr(n, cx);
    case 'cond': return cond(n.args, cx, pos);
    case 'ctrl': {
      const s = ctrl(n, cx, pos !== EXPR && !cx.top);
      // as the body's value, a `:x` inside is the value; in a statement the body sees the flag
      if (pos === TAIL && !cx.top) return (fr) => { s(fr); return fr.ret !== undefined ? takeRet(fr) : V.nil(); };
      return (fr) => { s(fr); return V.nil(); };
    }
    case 'ret': {
      const v = expr(n.value, cx, EXPR);
      if (cx.top || pos === TAIL) return v;
      if (pos === STMT) return (fr) => { fr.ret = v(fr); return V.nil(); };
      return (fr) => { throw new Return(v(fr)); };
    }
    case 'seq': return body(n.stmts, cx, pos);
    default: return walk(n);
  }
}

function constant(lit: Extract<Node, { k: 'const' }>['lit']): Code {
  return () => V.litToK(lit);
}

function nameCode(name: string, cx: Cx): Code {
  const slot = cx.top ? undefined : cx.index.get(name);
  if (slot !== undefined) {
    return (fr) => {
      const v = slotK(fr, slot);
      if (v === undefined) throw qerr(name);
      return v.ref();
    };
  }
  if (cx.outer) return (fr) => getName(name, fr);
  if (cx.top) {
    return (fr) => {
      const v = globalNow(name, state.ns);
      return v ? v.ref() : getName(name, fr);
    };
  }
  const abs = absName(name, cx.ns), root = cx.ns ? name : null;
  return (fr) => {
    const v = globals.get(abs) ?? (root !== null ? globals.get(root) : undefined);
    return v ? v.ref() : getName(name, fr);
  };
}

function list(items: Node[], cx: Cx): Code {
  if (items.length === 0) return () => V.generalOf([]);
  const cs = items.map((it) => expr(it, cx, EXPR));
  return (fr) => {
    const out: K[] = new Array(cs.length);
    try {
      for (let i = cs.length - 1; i >= 0; i--) out[i] = cs[i](fr);
    } catch (e) { out.forEach((k) => k?.dispose()); throw e; }
    return V.listOf(out);
  };
}

function cond(args: (Node | null)[], cx: Cx, pos: Pos): Code {
  return condWith(args, cx, (a) => expr(a, cx, pos));
}

/** $[t;a;t;b;…;z] with each branch compiled by branch (boxed, or maybe unboxed). */
function condWith<R extends K | null>(args: (Node | null)[], cx: Cx, branch: (a: Node) => (fr: Frame) => R): (fr: Frame) => R | K {
  const m = args.length;
  const isTest = (i: number) => i % 2 === 0 && i + 1 < m;
  const ts = args.map((a, i) => (isTest(i) ? testCode(a, cx) : null));
  const cs = args.map((a, i) => (a && !isTest(i) ? branch(a) : null));
  return (fr) => {
    let i = 0;
    for (; i + 1 < m; i += 2) {
      if (ts[i]!(fr)) { const b = cs[i + 1]; return b ? b(fr) : V.nil(); }
    }
    if (i < m && cs[i]) return cs[i]!(fr);
    return V.nil();
  };
}

// ---------------------------------------------------------------- application

/** The body's value `c op k` (c a local, k a numeric constant): c's last use, so
 *  when the frame holds the only reference the result is written into c's own
 *  atom, which moves out of the ending frame. Else as any application. */
function tailApp(n: Extract<Node, { k: 'app' }>, cx: Cx): Code {
  const generic = app(n, cx);
  if (cx.top || n.how === 'prefix' || n.f.k !== 'prim' || n.args.length !== 2) return generic;
  const [xn, yn] = n.args;
  if (!xn || !yn) return generic;
  const left = xn.k === 'const';
  const local = left ? yn : xn, k = left ? xn : yn;
  if (local.k !== 'name' || k.k !== 'const') return generic;
  const slot = cx.index.get(local.name);
  const c = operand(k, cx, false).num;
  const inPlace = atomInPlace(n.f.op, left);
  if (slot === undefined || !c || !inPlace) return generic;
  const cv = c.v, cl = c.long;
  return (fr) => {
    const v = fr.slots[slot];
    if (v !== undefined && inPlace(v, cv, cl)) { fr.slots[slot] = undefined; return v; }
    return generic(fr);
  };
}

/** Operators and keywords whose callPrim entry does more than call the registry's function. */
const SPECIAL = new Set(['::', ':', '@', '.', "'", '!', '~', 'string', '?', 'enlist']);

/** A monadic call of op on a borrowed argument, as callPrim(op, [x]). */
function monad(op: string): (x: K) => K {
  if (SPECIAL.has(op) || op in UNARY_FORM) return (x) => callPrim(op, [x]);
  return (x) => {
    const f = NATIVES[op] ? undefined : lookup(op)?.monad;
    return f ? f(x) : callPrim(op, [x]);
  };
}

/** A dyadic call of op on borrowed arguments, as callPrim(op, [x, y]). */
/** The function of an assign-through x op:y (x,:y checks its types first). */
function assignDyad(op: string): (x: K, y: K) => K {
  if (op !== ',') return dyad(op);
  const join = dyad(op);
  return (x, y) => {
    V.checkJoinAssign(x, y);
    const item = V.appendArg(x, y);
    try { return join(x, item); } finally { item.dispose(); }
  };
}
function dyad(op: string): (x: K, y: K) => K {
  if (SPECIAL.has(op) || op in UNARY_FORM) return (x, y) => callPrim(op, [x, y]);
  const fast = ATOM_DYADS[op];
  return (x, y) => {
    if (fast) { const r = fast(x, y); if (r) return r; }
    const f = NATIVES[op] ? undefined : lookup(op)?.dyad;
    return f ? f(x, y) : callPrim(op, [x, y]);
  };
}

/** `kw name`: a BY_NAME keyword on a global name asks its hook first. */
function app(n: Extract<Node, { k: 'app' }>, cx: Cx): Code {
  const code = applyNodes(n, cx);
  const a = n.args.length === 1 ? n.args[0] : null;
  if (n.f.k !== 'name' || a?.k !== 'name' || cx.outer || cx.index.has(a.name)) return code;
  const hook = BY_NAME.get(n.f.name);
  if (!hook) return code;
  const kw = n.f.name, name = a.name;
  return (fr) => (globals.has(kw) ? undefined : hook(name)) ?? code(fr);
}

/** f[args] / f x / x f y: evaluation order and special cases as the walker's evalApp. */
function applyNodes(n: Extract<Node, { k: 'app' }>, cx: Cx): Code {
  const f = n.f;
  if (n.how === 'prefix' && f.k === 'prim' && GLYPHS.has(f.op) && f.op !== '::') return walk(n);
  const argc = n.args.map((a) => (a === null ? null : expr(a, cx, EXPR)));
  const m = argc.length;
  const full = m > 0 && argc.every((a) => a !== null);
  // a keyword or operator called directly, no function value made
  let direct: ((args: K[]) => K) | null = null;
  let guardName: string | null = null;
  if (full && f.k === 'prim' && f.op !== '::' && !(GLYPHS.has(f.op) && m === 1)) {
    const op = f.op;
    if (m === 1) return call1(operand(n.args[0]!, cx, true), monad(op));
    if (m === 2) return call2(n.args[0]!, n.args[1]!, cx, op, dyad(op));
    direct = (args) => callPrim(op, args);
  } else if (full && f.k === 'name' && (cx.top || !cx.index.has(f.name)) && isReserved(f.name)) {
    // a keyword by name, unless a variable of that name exists when it runs
    const name = f.name;
    guardName = name;
    if (!cx.top && !cx.outer && m <= 2) {
      const abs = absName(name, cx.ns);
      const fc = expr(f, cx, EXPR);
      const viaValue = (fr: Frame, args: K[]): K => {
        const fv = fc(fr);
        try { return apply(fv, args); } finally { fv.dispose(); }
      };
      if (m === 1) {
        const g = monad(name);
        return call1(operand(n.args[0]!, cx, true), (x, fr) => (globals.has(abs) || globals.has(name) ? viaValue(fr, [x]) : g(x)));
      }
      const g = dyad(name);
      const mine = ownedDyad(name);
      return call2(n.args[0]!, n.args[1]!, cx, null, (x, y, fr) => (globals.has(abs) || globals.has(name) ? viaValue(fr, [x, y]) : g(x, y)),
        mine && ((x, y) => (globals.has(abs) || globals.has(name) ? undefined : mine(x, y))));
    }
  }
  const fcode = f.k === 'prim' && f.op !== '::' ? ((op: string) => () => primValue(op))(f.op) : expr(f, cx, EXPR);
  if (full && !direct && guardName === null && (m === 1 || m === 2)) return applyN(f, argc as Code[], fcode, cx);
  return (fr) => {
    const args: (K | null)[] = new Array(m).fill(null);
    try {
      for (let i = m - 1; i >= 0; i--) { const c = argc[i]; if (c) args[i] = c(fr); }
      if (direct) return direct(args as K[]);
      if (guardName !== null && !globals.has(absName(guardName, cx.top ? state.ns : cx.ns)) && !globals.has(guardName)) {
        const mine = m === 2 ? ownedDyad(guardName) : undefined;
        return mine?.(args[0]!, args[1]!) ?? callPrim(guardName, args as K[]);
      }
      const fv = fcode(fr);
      try {
        if (m === 0) {
          const z = V.nil();
          try { return apply(fv, [z]); } finally { z.dispose(); }
        }
        if (!full) return applyHoles(fv, args); // index with elisions, or a projection
        return apply(fv, args as K[]);
      } finally { fv.dispose(); }
    } finally {
      for (let i = 0; i < m; i++) args[i]?.dispose();
    }
  };
}

/** An argument as code: `own` makes a new K; `borrow`, when set, reads a
 *  variable without a new reference (the callee borrows its arguments anyway),
 *  or gives undefined when the name is not a plain variable (then use `own`). */
interface Operand { own: Code; borrow: ((fr: Frame) => K | undefined) | null; num: { v: number; long: boolean; lit: Lit } | null }
type Lit = Extract<Node, { k: 'const' }>['lit'];

/** Does evaluating n leave every variable as it was (so a variable read before it stays valid)? */
function pure(n: Node): boolean {
  return n.k === 'const' || n.k === 'name' || n.k === 'prim';
}

/** `borrowOk`: nothing evaluated after this argument can reassign a local.
 *  `globalOk`: nor a global (the call is an atomic operator: it runs no q code). */
function operand(n: Node, cx: Cx, borrowOk: boolean, globalOk = false): Operand {
  const own = expr(n, cx, EXPR);
  let borrow: Operand['borrow'] = null, num: Operand['num'] = null;
  if (n.k === 'name' && borrowOk) {
    const name = n.name;
    const slot = cx.top ? undefined : cx.index.get(name);
    if (slot !== undefined) {
      borrow = (fr) => {
        const v = slotK(fr, slot);
        if (v === undefined) throw qerr(name);
        return v;
      };
    } else if (globalOk && !cx.outer) {
      const top = cx.top, ns = cx.ns;
      borrow = () => globalNow(name, top ? state.ns : ns);
    }
  }
  if (n.k === 'const' && (n.lit.type === -7 || n.lit.type === -9)) {
    const d = (n.lit.data as unknown[])[0];
    const v = typeof d === 'bigint' ? Number(d) : typeof d === 'number' ? d : NaN;
    const exact = n.lit.type === -7 ? Number.isSafeInteger(v) && BigInt(v) === BigInt(d as number | bigint) : v === v;
    if (exact) num = { v, long: n.lit.type === -7, lit: n.lit };
  }
  return { own, borrow, num };
}

/** h applied to the operand's value, borrowed when possible, else made and released. */
function withOperand(a: Operand, h: (x: K, fr: Frame) => K): Code {
  const own = a.own, borrow = a.borrow;
  const owned = (fr: Frame): K => {
    const x = own(fr);
    try { return h(x, fr); } finally { x.dispose(); }
  };
  if (!borrow) return owned;
  return (fr) => {
    const x = borrow(fr);
    return x !== undefined ? h(x, fr) : owned(fr);
  };
}

/** run(fr, [x]) or run(fr, [x; y]) with one or two arguments evaluated right to
 *  left; each argument is released after run (or when the other one fails). */
function withArgs<R>(argc: Code[], run: (fr: Frame, args: K[]) => R): (fr: Frame) => R {
  if (argc.length === 1) {
    const a = argc[0];
    return (fr) => {
      const x = a(fr);
      try { return run(fr, [x]); } finally { x.dispose(); }
    };
  }
  const a = argc[0], b = argc[1];
  return (fr) => {
    const y = b(fr);
    let x: K;
    try { x = a(fr); } catch (e) { y.dispose(); throw e; }
    try { return run(fr, [x, y]); } finally { x.dispose(); y.dispose(); }
  };
}

/** f[x] / f[x;y] for any f (a lambda, a projection, a list to index…): the
 *  arguments first, right to left, then f. `.z.s` is the running lambda, borrowed. */
function applyN(f: Node, argc: Code[], fcode: Code, cx: Cx): Code {
  const self = f.k === 'name' && f.name === '.z.s' && !cx.top && !cx.outer;
  const fv = self
    ? (fr: Frame): K | undefined => (globals.has('.z.s') ? undefined : fr.self)
    : (): K | undefined => undefined;
  const run = (fr: Frame, args: K[]): K => {
    const b = fv(fr);
    if (b !== undefined) return apply(b, args);
    const g = fcode(fr);
    try { return apply(g, args); } finally { g.dispose(); }
  };
  return withArgs(argc, run);
}

function call1(a: Operand, g: (x: K, fr: Frame) => K): Code {
  return withOperand(a, g);
}

/** x g y: y evaluated first, then x; a variable read is borrowed when nothing runs after it. */
/** x upsert y where the evaluator made x itself (a temporary, no variable's value): the rows
 *  are written into x's blocks when nothing else holds them (tableHooks.upsertOwned), else undefined. */
function ownedDyad(op: string): ((x: K, y: K) => K | undefined) | undefined {
  if (op !== 'upsert') return undefined;
  return (x, y) => V.tableHooks.upsertOwned?.(x, y);
}

/** x op y; `mine`, when given, is tried first on an x the call made (never on a borrowed variable). */
function call2(xn: Node, yn: Node, cx: Cx, glyph: string | null, g: (x: K, y: K, fr: Frame) => K, mine?: (x: K, y: K) => K | undefined): Code {
  const atomic = glyph !== null && ATOM_DYADS[glyph] !== undefined;
  const a = operand(xn, cx, true, atomic), b = operand(yn, cx, pure(xn), atomic);
  // one side a numeric constant: the JS fast path needs no engine atom for it
  if (atomic && (a.num || b.num) && !(a.num && b.num)) {
    const c = (a.num ?? b.num)!, other = a.num ? b : a;
    const fast = atomConstDyad(glyph!, a.num !== null)!;
    const cv = c.v, cl = c.long, lit = c.lit, left = a.num !== null;
    return withOperand(other, (x, fr) => {
      const r = fast(x, cv, cl);
      if (r) return r;
      const k = V.litToK(lit);
      try { return left ? g(k, x, fr) : g(x, k, fr); } finally { k.dispose(); }
    });
  }
  const bo = b.own, bb = b.borrow;
  if (!bb) {
    // y made first; x (borrowed or made) after it
    return (fr) => {
      const y = bo(fr);
      try { return xThen(fr, y); } finally { y.dispose(); }
    };
  }
  return (fr) => {
    const y = bb(fr);
    if (y !== undefined) return xThen(fr, y);
    const yo = bo(fr);
    try { return xThen(fr, yo); } finally { yo.dispose(); }
  };
  function xThen(fr: Frame, y: K): K {
    const x = a.borrow?.(fr);
    if (x !== undefined) return g(x, y, fr);
    const xo = a.own(fr);
    try { return (mine && mine(xo, y)) ?? g(xo, y, fr); } finally { xo.dispose(); }
  }
}
