// q 4.1 pattern matching (basics/pattern.md): `(a;b):v`, `(1 2!(x;y)):d`,
// `([]c:e):t`, `(flip([a;b])):t`, `(a!b):d`, type checks `p:`f`, filters
// `p:f`, pattern parameters `{[(a;b);c]…}` and the pattern conditional
// `:[v;p1;r1;…;rd]`. The parser marks these as ext nodes 'match' and 'pcond';
// this module evaluates them. A match first collects every binding, and only
// when the whole pattern matched are the names assigned (a failed match
// changes no variable).

import { K } from '../k.js';
import { XD, XT } from '../types.js';
import type { Node } from '../lang/parser.js';
import { extensions, apply, type ExtContext } from '../lang/eval.js';
import * as V from '../lang/values.js';
import { QError } from '../errors.js';
import { call, drop, qerr } from './util.js';

type Binding = { name: string; index?: (Node | null)[]; v: K };

const LETTERS = ' bg xhijefcspmdznuvts';

function evalIn(cx: ExtContext, n: Node): K { return cx.ev(n); }

/** Apply a check `p:e`: a one-letter type symbol checks the type, anything else is a filter function. */
function check(e: Node, v: K, cx: ExtContext): K {
  if (e.k === 'const' && e.lit.type === -11) {
    const letter = String(e.lit.data[0]);
    const i = LETTERS.indexOf(letter.toLowerCase());
    if (letter.length !== 1 || i <= 0) throw qerr('type');
    const want = letter === letter.toLowerCase() ? -i : i;
    if (v.type !== want) throw qerr('type');
    return v.ref();
  }
  const f = evalIn(cx, e);
  try { return apply(f, [v]); } finally { f.dispose(); }
}

/** Match v against pattern p, pushing bindings; returns the (possibly filtered) value. */
function bind(p: Node | null, v: K, out: Binding[], cx: ExtContext): K {
  if (p === null || (p.k === 'prim' && p.op === '::')) return v.ref();
  switch (p.k) {
    case 'name': out.push({ name: p.name, v: v.ref() }); return v.ref();
    case 'assign': {
      if (p.index || p.op || p.global) break;
      const w = check(p.value, v, cx);
      out.push({ name: p.name, v: w.ref() });
      return w;
    }
    case 'ret': return check(p.value, v, cx);
    case 'ext': {
      if (p.kind !== 'match') break;
      const d = p.data as { pat: Node; value: Node };
      const w = check(d.value, v, cx);
      try { return bind(d.pat, w, out, cx); } finally { w.dispose(); }
    }
    case 'list': return bindList(p.items, v, out, cx);
    case 'table': return bindTable(p, v, out, cx);
    case 'app': {
      if (p.how === 'bracket' && p.f.k === 'name') { out.push({ name: p.f.name, index: p.args, v: v.ref() }); return v.ref(); }
      if (p.how === 'infix' && p.f.k === 'prim' && p.f.op === '!') return bindDict(p.args[0], p.args[1], v, out, cx);
      if (p.how === 'prefix' && p.f.k === 'name' && p.f.name === 'flip') {
        if (v.type !== XT) throw qerr('type');
        const d = call('flip', v);
        try { const r = bind(p.args[0], d, out, cx); r.dispose(); return v.ref(); } finally { d.dispose(); }
      }
      break;
    }
    default: break;
  }
  // anything else is a constant: the value must match it
  const c = evalIn(cx, p);
  try { if (!V.match(c, v)) throw qerr('match'); } finally { c.dispose(); }
  return v.ref();
}

function bindList(ps: Node[], v: K, out: Binding[], cx: ExtContext): K {
  const t = v.type;
  if (t < 0 || t >= 99) throw qerr('type');
  if (v.count !== ps.length) throw qerr('length');
  const items = V.itemsOf(v);
  const got: K[] = [];
  try {
    ps.forEach((q, i) => got.push(bind(q, items[i], out, cx)));
    if (got.every((g, i) => g.ptr === items[i].ptr)) return v.ref();
    return V.listOf(got.splice(0));
  } finally { drop(...items, ...got); }
}

/** (keys!(p;q…)) with constant keys, (a!b) binding keys and values, or (a!) binding keys. */
function bindDict(kp: Node | null, vp: Node | null, v: K, out: Binding[], cx: ExtContext): K {
  if (v.type !== XD) throw qerr('type');
  if (kp !== null && kp.k !== 'name' && vp !== null && vp.k === 'list') {
    const keys = evalIn(cx, kp);
    const ks = V.itemsOf(keys);
    try {
      if (ks.length !== vp.items.length) throw qerr('length');
      const have = v.keys;
      try {
        ks.forEach((k, i) => {
          const at = call('?', have, k);
          try { if (V.intValue(at) === have.count) throw qerr('match'); } finally { at.dispose(); }
          const item = V.index1(v, k);
          try { bind(vp.items[i], item, out, cx).dispose(); } finally { item.dispose(); }
        });
      } finally { have.dispose(); }
    } finally { drop(keys, ...ks); }
    return v.ref();
  }
  const keys = v.keys, vals = v.values;
  try {
    bind(kp, keys, out, cx).dispose();
    bind(vp, vals, out, cx).dispose();
  } finally { drop(keys, vals); }
  return v.ref();
}

/** ([k:p]c:q): dictionary entries by name, or table columns (keyed: key columns from the key table). */
function bindTable(p: Extract<Node, { k: 'table' }>, v: K, out: Binding[], cx: ExtContext): K {
  const byName = (cols: { name: string; value: Node }[], d: K) => {
    for (const c of cols) {
      const key = V.symAtom(c.name);
      try {
        const have = d.type === XT ? d.keys : d.keys;
        try {
          const at = call('?', have, key);
          try { if (V.intValue(at) === have.count) throw qerr('match'); } finally { at.dispose(); }
        } finally { have.dispose(); }
        const item = V.index1(d, key);
        try { bind(c.value, item, out, cx).dispose(); } finally { item.dispose(); }
      } finally { key.dispose(); }
    }
  };
  if (p.cols.length === 0 && v.type === XD) { byName(p.keys, v); return v.ref(); }
  if (p.keys.length === 0) {
    if (v.type !== XT) throw qerr('type');
    const d = call('flip', v);
    try { byName(p.cols, d); } finally { d.dispose(); }
    return v.ref();
  }
  if (v.type !== XD) throw qerr('type');
  const kt = v.keys, vt = v.values;
  try {
    if (kt.type !== XT || vt.type !== XT) throw qerr('type');
    const kd = call('flip', kt), vd = call('flip', vt);
    try { byName(p.keys, kd); byName(p.cols, vd); } finally { drop(kd, vd); }
  } finally { drop(kt, vt); }
  return v.ref();
}

function assignAll(bs: Binding[], cx: ExtContext): void {
  for (const b of bs) {
    cx.ev({ k: 'assign', name: b.name, global: false, index: b.index, value: { k: 'value', v: b.v } }).dispose();
  }
}

function matchAssign(pat: Node, value: K, cx: ExtContext): K {
  const bs: Binding[] = [];
  try {
    const r = bind(pat, value, bs, cx);
    try { assignAll(bs, cx); } catch (e) { r.dispose(); throw e; }
    return r;
  } finally { drop(...bs.map((b) => b.v)); }
}

extensions.match = {
  ev(n, cx) {
    const d = n.data as { pat: Node; value: Node };
    const v = cx.ev(d.value);
    try { return matchAssign(d.pat, v, cx); } finally { v.dispose(); }
  },
};

const MISMATCH = new Set(['match', 'type', 'length']);

extensions.pcond = {
  ev(n, cx) {
    const args = (n.data as { args: (Node | null)[] }).args;
    const v = args[0] ? cx.ev(args[0]) : V.nil();
    try {
      let i = 1;
      for (; i + 1 < args.length; i += 2) {
        const bs: Binding[] = [];
        let r: K;
        try {
          try { r = bind(args[i], v, bs, cx); } catch (e) {
            if (e instanceof QError && MISMATCH.has(e.message)) continue;
            throw e;
          }
          r.dispose();
          assignAll(bs, cx);
        } finally { drop(...bs.map((b) => b.v)); }
        return args[i + 1] ? cx.ev(args[i + 1]!) : V.nil();
      }
      return i < args.length && args[i] ? cx.ev(args[i]!) : V.nil();
    } finally { v.dispose(); }
  },
};

export { K };
