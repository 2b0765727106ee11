// Namespaces as q sees them through `key` and `value` (basics/namespaces.md):
// `` key ` `` lists the namespaces, `` key `.ns `` the names in one (after the
// null symbol that every namespace dictionary starts with), `` key `. `` the root's
// variables; `` value `.ns `` is that dictionary, `` ` `` mapping to `::`. The names come
// from the program's globals, the built-in q names (.q holds the keywords) and
// the registered dotted names (.Q, .h, .j …). Clients such as PyKX read these
// on connect to learn what a server defines.

import { K } from '../k.js';
import { PRIMS, lookup, prim, NAMED_VALUES } from '../ops/registry.js';
import { globals, getVar, primValue, NATIVES } from './eval.js';
import * as V from './values.js';
import { namespaceHooks, viewHooks } from './internals.js';

const BUILTIN_NAMESPACES = ['q', 'Q', 'h', 'j', 'o'];
/** The first names of kdb+'s .q, in its order (ref/key.md shows them). */
const Q_ORDER = ['neg', 'not', 'null', 'string', 'reciprocal', 'floor', 'ceiling', 'signum', 'mod', 'xbar', 'xlog', 'and', 'or', 'each'];
const IDENT = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/** Every fully qualified name the process knows (globals, registry, named values). */
function allNames(): string[] {
  return [...globals.keys(), ...PRIMS.keys(), ...NAMED_VALUES.keys()];
}

/** The namespace a symbol names: '' for `` ` `` (the list of namespaces), '.' for the root, '.ns' / '.ns.sub'. */
function namespaceOf(x: K): string | undefined {
  if (x.type !== -11) return undefined;
  const s = V.symsOf(x)[0];
  if (s === '' || s === '.') return s;
  if (!/^\.[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)*$/.test(s)) return undefined;
  if (globals.has(s)) return undefined; // a variable of that name: not a namespace
  // .q is the keywords'; any other is a namespace when some name lives under it
  return BUILTIN_NAMESPACES.includes(s.slice(1)) || allNames().some((n) => n.startsWith(s + '.')) ? s : undefined;
}

/** The names directly under namespace ns (sorted by first appearance). */
function namesIn(ns: string): string[] {
  const out = new Set<string>();
  if (ns === '.') {
    for (const n of globals.keys()) if (IDENT.test(n)) out.add(n);
    for (const n of viewHooks.names?.() ?? []) out.add(n);
  } else if (ns === '') {
    // the built-in namespaces first, in kdb+'s order (basics/namespaces.md), then the program's
    for (const b of BUILTIN_NAMESPACES) out.add(b);
    for (const n of allNames()) { const m = /^\.([a-zA-Z][a-zA-Z0-9_]*)\./.exec(n); if (m && m[1] !== 'z') out.add(m[1]); }
  } else {
    if (ns === '.q') {
      for (const n of Q_ORDER) out.add(n);
      for (const n of PRIMS.keys()) if (IDENT.test(n)) out.add(n);
      for (const n of Object.keys(NATIVES)) if (IDENT.test(n)) out.add(n);
    }
    for (const n of allNames()) if (n.startsWith(ns + '.')) out.add(n.slice(ns.length + 1).split('.')[0]);
  }
  return [...out];
}

function valueIn(ns: string, name: string): K {
  const full = ns === '.' ? name : `${ns}.${name}`;
  if (ns === '.q' && !globals.has(full) && (lookup(name) || name in NATIVES)) return primValue(name);
  // the root holds a view as itself, not its value (learn/views.md: `. `d shows b+a)
  const view = ns === '.' ? viewHooks.object?.(name) : undefined;
  if (view) return view;
  const sub = V.symAtom(full);
  try { if (namespaceOf(sub) !== undefined) return namespaceDict(full); } finally { sub.dispose(); }
  return getVar(full);
}

function namespaceDict(ns: string): K {
  const names = namesIn(ns);
  const head = ns === '.' ? [] : [''];
  const vals: K[] = head.map(() => V.nil());
  for (const n of names) {
    // a name that cannot be read (a dotted name some layer answers only in calls) shows as ::
    try { vals.push(valueIn(ns, n)); } catch { vals.push(V.nil()); }
  }
  return V.dictOf(V.symVec([...head, ...names]), V.generalOf(vals));
}

const coreKey = lookup('key')?.monad;
prim('key', {
  monad: (x) => {
    const ns = namespaceOf(x);
    if (ns === undefined) return coreKey!(x);
    return V.symVec(ns === '.' || ns === '' ? namesIn(ns) : ['', ...namesIn(ns)]);
  },
});
namespaceHooks.value = (x) => {
  const ns = namespaceOf(x);
  return ns === undefined || ns === '' ? undefined : namespaceDict(ns);
};
// the registered value and the unary form `.:` (`. x` in k) read a name's value too
const byName = (x: K): K | undefined => {
  if (x.type !== -11) return undefined;
  const ns = namespaceHooks.value!(x);
  if (ns) return ns;
  const name = V.symsOf(x)[0];
  return name.startsWith(':') ? undefined : getVar(name);
};
const coreValue = lookup('value')?.monad;
if (coreValue) prim('value', { monad: (x) => byName(x) ?? coreValue(x) });
const coreDotMonad = lookup('.')?.monad;
if (coreDotMonad) prim('.', { monad: (x) => byName(x) ?? coreDotMonad(x) });
