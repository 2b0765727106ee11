// Views (ref/view.md, learn/views.md): `v::expr` typed at the top level of the
// default namespace defines v as expr, computed when v is read and again only
// when a variable it depends on has changed since. Inside a lambda `::` stays a
// global assignment, and assigning v with `:` makes it a variable again.
//
// A view remembers the values its dependencies had when it was computed (holding
// a reference each, so an amend copies instead of writing in place) and is
// pending when one of them is no longer the same block. Dependencies are the free
// names of expr outside lambdas, keywords left out, left to right; a view
// depending on another view sees that one's current value.
//
//   view `v     the text of expr            views[]  the names, `s#` sorted
//   \b          the same as views[]         \B       the pending ones
//   `. `v       the view itself, shown as its text; value of it is
//               (last value or ::; parse tree; dependencies; text)
//
// A view that reads itself (v::$[b;1;v+1]) sees its last value, or signals
// 'loop when it has none (learn/views.md).

import type { K } from '../k.js';
import { setAttr } from '../runtime.js';
import { prim, lookup } from '../ops/registry.js';
import { globals, state, ev, isReserved, toTree, payloadOf } from './eval.js';
import { viewHooks, systemHooks } from './internals.js';
import { qerr } from './error.js';
import type { Node } from './parser.js';
import * as V from './values.js';

interface View {
  node: Node;
  src: string;
  deps: string[];
  cache: K | null;
  /** each dependency's value when cache was computed (null: it had none) */
  seen: (K | null)[];
  busy: boolean;
}

const VIEWS = new Map<string, View>();

/** Free names of n outside lambdas, in order of appearance, but for the view's own. */
function dependencies(n: Node, self: string): string[] {
  const out: string[] = [];
  const walk = (x: Node | null): void => {
    if (!x) return;
    switch (x.k) {
      case 'name': if (!isReserved(x.name) && !out.includes(x.name)) out.push(x.name); return;
      case 'app': walk(x.f); x.args.forEach(walk); return;
      case 'list': x.items.forEach(walk); return;
      case 'iter': walk(x.f); return;
      case 'cond': case 'ctrl': x.args.forEach(walk); return;
      case 'assign': x.index?.forEach(walk); walk(x.value); return;
      case 'seq': x.stmts.forEach(walk); return;
      case 'signal': case 'ret': walk(x.value); return;
      case 'table': [...x.keys, ...x.cols].forEach((c) => walk(c.value)); return;
      case 'ext': {
        const d = x.data as { visible?: Node[]; value?: Node; args?: (Node | null)[] };
        d.visible?.forEach(walk);
        walk(d.value ?? null);
        d.args?.forEach(walk);
        return;
      }
      default: return;
    }
  };
  walk(n);
  return out.filter((d) => d !== self);
}

/** A live view of that name: not shadowed by a variable assigned since. */
function live(name: string): View | undefined {
  const v = VIEWS.get(name);
  if (v && globals.has(name)) { drop(name); return undefined; }
  return v;
}

function drop(name: string): void {
  const v = VIEWS.get(name);
  if (!v) return;
  v.cache?.dispose();
  v.seen.forEach((k) => k?.dispose());
  VIEWS.delete(name);
}

/** The current value of a dependency (borrowed: held by globals or a view's cache), or null. */
function current(name: string): K | null {
  return globals.get(name) ?? (live(name) ? upToDate(name) : null);
}

function pending(v: View): boolean {
  return v.cache === null || v.deps.some((d, i) => (current(d)?.ptr ?? 0) !== (v.seen[i]?.ptr ?? 0));
}

/** Bring the view up to date; its cache (borrowed). */
function upToDate(name: string): K {
  const v = VIEWS.get(name)!;
  if (!pending(v)) return v.cache!;
  if (v.busy) { if (v.cache) return v.cache; throw qerr('loop'); } // a view reading itself
  v.busy = true;
  const ns = state.ns;
  try {
    state.ns = '';
    const r = ev(v.node, null);
    v.cache?.dispose();
    v.cache = r;
    v.seen.forEach((k) => k?.dispose());
    v.seen = v.deps.map((d) => current(d)?.ref() ?? null);
    return r;
  } finally { v.busy = false; state.ns = ns; }
}

viewHooks.define = (name, node, src) => {
  if (state.ns !== '' || name.includes('.')) return false;
  drop(name);
  const old = globals.get(name);
  if (old) { globals.delete(name); old.dispose(); }
  VIEWS.set(name, { node, src, deps: dependencies(node, name), cache: null, seen: [], busy: false });
  return true;
};

viewHooks.reset = () => { for (const name of [...VIEWS.keys()]) drop(name); };
viewHooks.read = (name) => (live(name) ? upToDate(name).ref() : undefined);
viewHooks.names = () => [...VIEWS.keys()].filter((n) => live(n));
viewHooks.object = (name) => {
  const v = live(name);
  return v ? V.fnValue(112, { kind: 'view', name, src: v.src }) : undefined;
};

/** value of a view object: its last value (:: while pending), parse tree, dependencies and text. */
function viewParts(x: K): K | undefined {
  if (x.type !== 112) return undefined;
  const pl = payloadOf(x);
  if (pl?.kind !== 'view') return undefined;
  const v = live(pl.name);
  if (!v) throw qerr(pl.name);
  const last = pending(v) ? V.nil() : v.cache!.ref();
  return V.generalOf([last, toTree(v.node), V.symVec(v.deps), V.charVec(v.src)]);
}
for (const name of ['value', 'get']) {
  const base = lookup(name)?.monad;
  if (base) prim(name, { monad: (x) => viewParts(x) ?? base(x) });
}

function viewNames(pendingOnly: boolean): K {
  const names = [...VIEWS.keys()].filter((n) => live(n) && (!pendingOnly || pending(VIEWS.get(n)!))).sort();
  const r = V.symVec(names);
  if (!pendingOnly && names.length) setAttr(r.ptr, 1); // `s# (none: a plain empty list, ref/parse.md)
  return r;
}

prim('views', { monad: () => viewNames(false) });
prim('view', {
  monad: (x: K) => {
    if (x.type !== -11) throw qerr('type');
    const name = V.symsOf(x)[0];
    const v = live(name);
    if (!v) throw qerr(name);
    return V.charVec(v.src);
  },
});
systemHooks.b = () => viewNames(false);
systemHooks.B = () => viewNames(true);
