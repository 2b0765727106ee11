// key on a name (ref/key.md, basics/namespaces.md): `key `` lists the namespaces,
// `key `.` the root's variables, `key `.ns` a namespace's names (after the
// empty name a namespace dictionary holds), `key `v` the key of a dictionary or
// keyed table held in v, else `v itself when v is defined, else ().

import type { K } from '../k.js';
import { QError } from '../errors.js';
import { lookup, prim, PRIMS, NAMED_VALUES } from '../ops/registry.js';
import { globals, state } from '../lang/eval.js';
import * as V from '../lang/values.js';
import { XD, XT } from '../types.js';

/** The built-in namespaces, in kdb+'s order, that this engine defines. */
const BUILT_IN = ['q', 'Q', 'h', 'j'];

/** Names directly inside namespace ns ('' for the root): variables, then child namespaces. */
function namesIn(ns: string): { vars: string[]; spaces: string[] } {
  const vars: string[] = [], spaces: string[] = [];
  const prefix = ns ? ns + '.' : '';
  for (const full of globals.keys()) {
    if (ns ? !full.startsWith(prefix) : full.startsWith('.')) {
      if (!ns && full.startsWith('.')) {
        const space = full.slice(1).split('.')[0];
        if (space && !spaces.includes(space)) spaces.push(space);
      }
      continue;
    }
    const rest = full.slice(prefix.length);
    const dot = rest.indexOf('.');
    if (dot < 0) { if (!vars.includes(rest)) vars.push(rest); }
    else if (!spaces.includes(rest.slice(0, dot))) spaces.push(rest.slice(0, dot));
  }
  return { vars, spaces };
}

function isNamespace(name: string): boolean {
  if (BUILT_IN.some((b) => name === '.' + b)) return true;
  for (const full of globals.keys()) if (full.startsWith(name + '.')) return true;
  return false;
}

/** The global of an absolute name (`a` in the root, `.ns.a`), borrowed. */
const definedValue = (full: string): K | undefined => globals.get(full);

function keyOfName(name: string): K {
  if (name === '') {
    const registered = [...PRIMS.keys(), ...NAMED_VALUES.keys()];
    const builtIn = BUILT_IN.filter((b) => b === 'q' || registered.some((n) => n.startsWith('.' + b + '.')));
    const user = namesIn('').spaces.filter((s) => !BUILT_IN.includes(s) && s !== 'z');
    return V.symVec([...builtIn, ...user]);
  }
  if (name === '.') { const { vars } = namesIn(''); return V.symVec(vars); }
  // `..a is the root's a, named as written
  const full = name.startsWith('..') ? name.slice(2) : name.startsWith('.') || !state.ns ? name : state.ns + '.' + name;
  if (name.startsWith('.') && !name.startsWith('..') && isNamespace(name)) {
    const { vars, spaces } = namesIn(name);
    return V.symVec(['', ...vars, ...spaces.filter((s) => !vars.includes(s))]);
  }
  const v = definedValue(full);
  if (!v) return V.generalOf([]);
  return v.type === XD || v.type === XT ? keyOf(v) : V.symAtom(name);
}

const keyOf = (x: K): K => {
  const f = previous;
  if (!f) throw new QError('nyi');
  return f(x);
};
const previous = lookup('key')?.monad;

prim('key', {
  monad: (x) => {
    if (x.type === -11) {
      const name = V.symsOf(x)[0];
      if (!name.startsWith(':')) return keyOfName(name);
    }
    return keyOf(x);
  },
});

/** A table or a keyed table (a dictionary from a table to a table). */
function isTableValue(v: K): boolean {
  if (v.type === XT) return true;
  if (v.type !== XD) return false;
  const k = v.keys, w = v.values;
  try { return k.type === XT && w.type === XT; } finally { k.dispose(); w.dispose(); }
}

// tables x: the sorted names of the tables and keyed tables in namespace x;
// tables[] and tables`. are the root's (ref/tables.md)
prim('tables', {
  monad: (x) => {
    let ns = '';
    if (x.type === -11) { const s = V.symsOf(x)[0]; ns = s === '.' || s === '' ? '' : s; }
    else if (!V.isNil(x)) throw new QError('type');
    if (ns && !ns.startsWith('.')) ns = '.' + ns;
    const prefix = ns ? ns + '.' : '';
    const names = namesIn(ns).vars.filter((n) => { const v = definedValue(prefix + n); return v !== undefined && isTableValue(v); });
    return V.symVec(names.sort());
  },
});
