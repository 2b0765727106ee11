// JSON (ref/dotj.md): .j.j serializes any value, .j.jd with options
// (`null0w` maps infinities to null), .j.k parses. q's mapping: numbers are
// floats, true/false booleans, strings char vectors, objects dictionaries with
// symbol keys, arrays of same-keyed objects tables, arrays of numbers (with
// null) float vectors, of booleans boolean vectors.

import { K } from '../k.js';
import { prim } from '../ops/registry.js';
import { XD, XT } from '../types.js';
import * as V from '../lang/values.js';
import { qerr, bytesOf, chars, vec, call, drop, dictOf, listOf, generalOf, symBytes, bytesSym, symsOf } from './util.js';
import { dropAll } from './util.js';

// ---------------------------------------------------------------- serialize

function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) out += '\\"';
    else if (c === 92) out += '\\\\';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c < 32) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += s[i];
  }
  return out + '"';
}

/** q's text of an atom (the same as `string`). */
function atomText(x: K): string {
  const s = call('string', x);
  try { return bytesOf(s); } finally { s.dispose(); }
}

function iso(t: number, s: string): string {
  switch (t) {
    case 14: case 13: return s.replace(/\./g, '-');
    case 12: case 15: return s.replace(/^(\d+)\.(\d+)\.(\d+)[DT]/, '$1-$2-$3T');
    default: return s;
  }
}

function atomJson(x: K, null0w: boolean): string {
  const t = -x.type;
  if (t === 1) return x.data[0] ? 'true' : 'false';
  if (t === 10) return quote(bytesOf(x));
  if (t === 11) return quote(symBytes(symsOf(x)[0]));
  const nul = call('null', x);
  let isNull: boolean;
  try { isNull = V.intValue(nul) === 1; } finally { nul.dispose(); }
  if (t >= 4 && t <= 9 && t !== 4) {
    if (isNull) return 'null';
    const v = Number(x.data[0]);
    if (t >= 8 && !Number.isFinite(v)) return null0w ? 'null' : v > 0 ? 'inf' : '-inf';
    return atomText(x);
  }
  if (t === 4) return atomText(x).replace(/^0x/, '') === '' ? '""' : quote(atomText(x));
  if (isNull && t >= 12) return '""';
  return quote(iso(t, atomText(x)));
}

function toJson(x: K, null0w: boolean): string {
  const t = x.type;
  if (t < 0) return atomJson(x, null0w);
  if (t === 10) return quote(bytesOf(x));
  if (t === XD) {
    const keys = x.keys, vals = x.values;
    try {
      const ks = keys.type === 11 ? symsOf(keys).map(symBytes) : V.itemsOf(keys).map((k) => { try { return k.type === 10 ? bytesOf(k) : atomText(k); } finally { k.dispose(); } });
      const vs = V.itemsOf(vals);
      try { return '{' + ks.map((k, i) => quote(k) + ':' + toJson(vs[i], null0w)).join(',') + '}'; } finally { dropAll(vs); }
    } finally { drop(keys, vals); }
  }
  if (t === XT || (t >= 0 && t < 20)) {
    const items = V.itemsOf(x);
    try { return '[' + items.map((k) => toJson(k, null0w)).join(',') + ']'; } finally { dropAll(items); }
  }
  if (t >= 100) return quote(atomText(x));
  throw qerr('type');
}

function jd(x: K): K {
  if (x.type !== 0 || x.count !== 2) throw qerr('length');
  const v = x.item(0), d = x.item(1);
  try {
    let null0w = false;
    if (d.type === XD && d.count > 0) {
      const key = V.symAtom('null0w');
      try {
        const f = V.index1(d, key);
        try { null0w = f.type === -1 && f.data[0] === 1; } finally { f.dispose(); }
      } finally { key.dispose(); }
    } else if (d.type !== XD) throw qerr('type');
    return chars(toJson(v, null0w));
  } finally { drop(v, d); }
}

// ---------------------------------------------------------------- parse

type J = number | null | boolean | string | J[] | { keys: string[]; vals: J[] };

class Reader {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void { while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i])) this.i++; }
  fail(): never { throw qerr('domain'); }
  value(): J {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (this.s.startsWith('true', this.i)) { this.i += 4; return true; }
    if (this.s.startsWith('false', this.i)) { this.i += 5; return false; }
    if (this.s.startsWith('null', this.i)) { this.i += 4; return null; }
    if (this.s.startsWith('-inf', this.i)) { this.i += 4; return -Infinity; }
    if (this.s.startsWith('inf', this.i)) { this.i += 3; return Infinity; }
    const m = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.s.slice(this.i, this.i + 64));
    if (!m) this.fail();
    this.i += m[0].length;
    return Number(m[0]);
  }
  string(): string {
    let out = '';
    this.i++;
    for (;;) {
      if (this.i >= this.s.length) this.fail();
      const c = this.s[this.i++];
      if (c === '"') return out;
      if (c !== '\\') { out += c; continue; }
      const e = this.s[this.i++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          const h = this.s.slice(this.i, this.i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail();
          this.i += 4;
          out += utf8(parseInt(h, 16));
          break;
        }
        case undefined: this.fail();
        default: out += e;
      }
    }
  }
  array(): J[] {
    const out: J[] = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') { this.i++; return out; }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') this.fail();
    }
  }
  object(): J {
    const keys: string[] = [], vals: J[] = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') { this.i++; return { keys, vals }; }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail();
      keys.push(this.string());
      this.ws();
      if (this.s[this.i++] !== ':') this.fail();
      vals.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return { keys, vals };
      if (c !== ',') this.fail();
    }
  }
}

/** A code point as UTF-8 bytes in a latin-1 string. */
function utf8(cp: number): string {
  const b = new TextEncoder().encode(String.fromCharCode(cp));
  return String.fromCharCode(...b);
}

const isObj = (j: J): j is { keys: string[]; vals: J[] } => typeof j === 'object' && j !== null && !Array.isArray(j);

function toK(j: J): K {
  if (j === null) return V.atomOf(9, NaN);
  if (typeof j === 'number') return V.atomOf(9, j);
  if (typeof j === 'boolean') return V.boolAtom(j);
  if (typeof j === 'string') return chars(j);
  if (Array.isArray(j)) {
    if (j.length > 0 && j.every((x) => typeof x === 'number' || x === null)) return vec(9, j.map((x) => (x === null ? NaN : x as number)));
    if (j.length > 0 && j.every((x) => typeof x === 'boolean')) return vec(1, j.map((x) => (x ? 1 : 0)));
    if (j.length > 0 && j.every(isObj)) {
      const k0 = (j[0] as { keys: string[] }).keys.join('\u0000');
      if (j.every((o) => (o as { keys: string[] }).keys.join('\u0000') === k0)) return listOf(j.map(toK));
    }
    return generalOf(j.map(toK));
  }
  const vals = j.vals.map(toK);
  const all = vals.length > 0 && vals.every((v) => v.type === vals[0].type && v.type < 0 && v.type !== -10);
  return dictOf(V.symVec(j.keys.map(bytesSym)), all ? listOf(vals) : generalOf(vals));
}

function k(x: K): K {
  if (x.type !== 10 && x.type !== -10) throw qerr('type');
  const r = new Reader(bytesOf(x));
  const j = r.value();
  r.ws();
  if (r.i !== r.s.length) throw qerr('domain');
  return toK(j);
}

prim('.j.j', { monad: (x) => chars(toJson(x, false)) });
prim('.j.jd', { monad: jd });
prim('.j.k', { monad: k });

export { toJson, k as parseJson };
