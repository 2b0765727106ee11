// Text in memory both ways with 0: (ref/file-text.md) and binary records with
// 1: on bytes (ref/file-binary.md):
//   ","0:t                 prepare text: a table (or list of columns) as delimited lines
//   ("SJF";",")0:lines     load CSV: columns parsed by type letter (enlisted delimiter: header, a table)
//   ("SJ";3 4)0:lines      load fixed-width fields
//   "S=;"0:s               key-value pairs
//   ("ih";4 2)1:bytes      fixed binary records (widths first: big-endian)
// Files (a file symbol on either side) belong to the files layer: 'nyi here.

import { K } from '../k.js';
import { prim, PRIMS, NAMED_VALUES, type Dyad } from '../ops/registry.js';
import { callPrim } from '../lang/eval.js';
import { mem, alloc, intern, child, hdrType, hdrCount, E, onLoad } from '../runtime.js';
import { tokRaw } from '../ops/atomic/tok.js';
import { XD, XT, QTYPES, CHAR_CODE } from '../types.js';
import * as V from '../lang/values.js';
import { qerr, bytesOf, chars, charAtom, call, drop, dictOf, listOf, generalOf, symBytes, bytesSym, symsOf, itemsOf, vec } from './util.js';
import { dropAll } from './util.js';

// made once the engine is loaded (at import in Node; after init() in the browser)
let CSV: K | undefined;
onLoad(() => { CSV = charAtom(','); });
NAMED_VALUES.set('csv', () => CSV!.ref());

const isText = (t: number) => t === 10 || t === -10;

// ---------------------------------------------------------------- prepare text

/** A cell of delimited text: strings as they are, dates ISO (2022-03-14), others as `string` gives. */
function cellText(x: K): string {
  const t = x.type;
  if (t === 10 || t === -10) return bytesOf(x);
  if (t === -11) return symBytes(symsOf(x)[0]);
  if (t >= 0) throw qerr('type');
  const s = call('string', x);
  try {
    const r = bytesOf(s);
    if (t === -14) return r.replace(/\./g, '-');
    if (t === -12 || t === -15) return r.replace(/^(\d+)\.(\d+)\.(\d+)[DT]/, '$1-$2-$3T');
    return r;
  } finally { s.dispose(); }
}

function quoteField(s: string, d: string): string {
  // a quote inside a field stays as it is (qu"ux); one at the start would read back as quoting
  return s.includes(d) || s.includes('\n') || s.includes('\r') || s.startsWith('"') ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function columnCells(col: K): string[] {
  const items = itemsOf(col);
  try { return items.map(cellText); } finally { dropAll(items); }
}

function prepare(d: string, y: K): K {
  let names: string[] | null = null;
  let cols: K[];
  let t = y;
  const owned: K[] = [];
  try {
    if (t.type === XD) { const z = V.longAtom(0); try { t = callPrim('!', [z, t]); } finally { z.dispose(); } owned.push(t); }
    if (t.type === XT) {
      const ks = t.keys, vs = t.values;
      names = symsOf(ks).map(symBytes);
      cols = itemsOf(vs);
      drop(ks, vs);
    } else if (t.type === 0) cols = itemsOf(t);
    else throw qerr('type');
    owned.push(...cols);
    const cells = cols.map(columnCells);
    const n = cells.length ? cells[0].length : 0;
    const lines: string[] = [];
    if (names) lines.push(names.map((s) => quoteField(s, d)).join(d));
    for (let i = 0; i < n; i++) lines.push(cells.map((c) => quoteField(c[i] ?? '', d)).join(d));
    return listOf(lines.map((l) => chars(l)));
  } finally { dropAll(owned); }
}

// ---------------------------------------------------------------- load

/** Fields of one record, honouring "quoted, ""escaped"" fields". */
function splitFields(line: string, d: string): string[] {
  if (!line.includes('"')) return line.split(d);
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let s = '';
      i++;
      for (; i < line.length; i++) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') { s += '"'; i++; continue; }
          i++;
          break;
        }
        s += line[i];
      }
      const next = line.indexOf(d, i);
      out.push(s + (next < 0 ? line.slice(i) : line.slice(i, next)));
      if (next < 0) return out;
      i = next + d.length;
    } else {
      const next = line.indexOf(d, i);
      if (next < 0) { out.push(line.slice(i)); return out; }
      out.push(line.slice(i, next));
      i = next + d.length;
    }
  }
}

/** Records of text that may hold line breaks inside quotes. */
function records(text: string): string[] {
  const out: string[] = [];
  let cur = '', quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === '\n' && !quoted) { out.push(cur.endsWith('\r') ? cur.slice(0, -1) : cur); cur = ''; continue; }
    cur += c;
  }
  if (cur !== '' || text === '') out.push(cur);
  return out;
}

/** Latin-1 text of the char vector (or atom) at block p, read without a K handle. */
function textAt(p: number): string {
  const t = hdrType(p);
  if (t !== 10 && t !== -10) throw qerr(t === -11 ? 'nyi' : 'type');
  const n = t < 0 ? 1 : hdrCount(p), u8 = mem().u8;
  let s = '';
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode.apply(null, u8.subarray(p + 16 + i, p + 16 + Math.min(n, i + 4096)) as unknown as number[]);
  return s;
}

function linesOf(y: K): string[] {
  if (y.type === 10) return [bytesOf(y)];
  if (y.type === 0 || y.type === 11) {
    if (y.type === 11) throw qerr('nyi');
    const p = y.ptr, n = y.count, out: string[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = textAt(child(p, i));
    return out;
  }
  if (y.type === -11) throw qerr('nyi'); // a file: the files layer
  throw qerr('type');
}

/** Column of field texts parsed as type letter c ('*' keeps strings): read straight into the vector. */
function parseColumn(c: string, fields: string[]): K {
  if (c === '*') return strings(fields);
  const t = CHAR_CODE[c.toLowerCase()];
  if (t === undefined) throw qerr('domain');
  const n = fields.length;
  const p = alloc(t, n);
  const d = p + 16;
  if (t === 11) {
    for (let i = 0; i < n; i++) { const id = intern(bytesSym(fields[i].trim())); mem().i32[(d >>> 2) + i] = id; }
    return new K(p);
  }
  const storage = QTYPES[t]!.storage;
  const m = mem();
  const ints = t === 5 || t === 6 || t === 7, floats = t === 8 || t === 9;
  for (let i = 0; i < n; i++) {
    const f = fields[i];
    let v: number | bigint | Uint8Array;
    // plain decimal text (the common case) without the general reader
    if (ints && f.length > 0 && f.length < 16 && SIMPLE_INT.test(f)) {
      const x = parseInt(f, 10);
      v = t === 7 ? BigInt(x) : (t === 6 ? (x >= -2147483647 && x <= 2147483647 ? x : -2147483648) : (x >= -32767 && x <= 32767 ? x : -32768));
    } else if (floats && f.length > 0 && f.length < 24 && SIMPLE_FLOAT.test(f)) v = t === 8 ? Math.fround(Number(f)) : Number(f);
    else v = tokRaw(t, f);
    switch (storage) {
      case 'U': m.u8.set(v as Uint8Array, d + 16 * i); break;
      case 'G': m.u8[d + i] = Number(v); break;
      case 'H': m.i16[(d >>> 1) + i] = Number(v); break;
      case 'I': m.i32[(d >>> 2) + i] = Number(v); break;
      case 'J': m.i64[(d >>> 3) + i] = BigInt(v as bigint); break;
      case 'E': m.f32[(d >>> 2) + i] = Number(v); break;
      case 'F': m.f64[(d >>> 3) + i] = Number(v); break;
    }
  }
  return new K(p);
}

const SIMPLE_INT = /^-?\d+$/;
const SIMPLE_FLOAT = /^-?\d+(\.\d*)?$/;

/** A general list of strings built in place (no K handle per item). */
function strings(fields: string[]): K {
  const n = fields.length;
  const p = alloc(0, n);
  mem().u32.fill(0, (p + 16) >>> 2, ((p + 16) >>> 2) + n);
  try {
    for (let i = 0; i < n; i++) {
      const f = fields[i];
      const c = alloc(10, f.length); // may grow memory: take views after
      const u8 = mem().u8;
      for (let j = 0; j < f.length; j++) u8[c + 16 + j] = f.charCodeAt(j);
      mem().u32[((p + 16) >>> 2) + i] = c;
    }
  } catch (e) { E.r0(p); throw e; }
  return new K(p);
}

/** The same through the `$` primitive (kept for reference in tests). */
export function parseColumnViaTok(c: string, fields: string[]): K {
  if (c === '*') return generalOf(fields.map((f) => chars(f)));
  const strs = generalOf(fields.map((f) => chars(f)));
  const tc = charAtom(c);
  try {
    const r = call('$', tc, strs);
    if (r.type === 0 && fields.length === 0) { r.dispose(); return parseEmpty(c); }
    return r;
  } finally { drop(strs, tc); }
}

function parseEmpty(c: string): K {
  const e = chars('');
  const tc = charAtom(c);
  try {
    const one = call('$', tc, e);
    try { const z = vec(7, []); try { return call('#', z, one); } finally { z.dispose(); } } finally { one.dispose(); }
  } finally { drop(e, tc); }
}

function typesOf(x: K): string {
  if (!isText(x.type)) throw qerr('type');
  const s = bytesOf(x);
  for (const c of s) if (c !== ' ' && c !== '*' && !/[BGXHIJEFCSPMDZNUVT]/.test(c)) throw qerr('domain');
  return s;
}

function loadCsv(types: string, delim: K, flag: boolean, y: K): K {
  const header = delim.type === 10;
  if (!isText(delim.type) || (header && delim.count !== 1)) throw qerr('type');
  const d = bytesOf(delim);
  const single = y.type === 10 && !header;
  let lines = linesOf(y);
  if (flag) lines = records(lines.join('\n'));
  let names: string[] = [];
  if (header) names = lines.length ? splitFields(lines[0], d).map((f) => f.trim()) : [];
  // fields go straight to their column (no array per row: the garbage collector is the cost at 1e6 rows)
  const m = types.length, fields: string[][] = Array.from({ length: m }, () => []);
  for (let i = header ? 1 : 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.includes('"')) {
      const fs = splitFields(l, d);
      for (let j = 0; j < m; j++) fields[j].push(fs[j] ?? '');
      continue;
    }
    let at = 0;
    for (let j = 0; j < m; j++) {
      if (at > l.length) { fields[j].push(''); continue; }
      const next = l.indexOf(d, at);
      const end = next < 0 ? l.length : next;
      fields[j].push(l.slice(at, end));
      at = next < 0 ? l.length + 1 : end + d.length;
    }
  }
  const cols: K[] = [];
  const kept: string[] = [];
  try {
    for (let j = 0; j < m; j++) {
      const c = types[j];
      if (c === ' ') continue;
      cols.push(parseColumn(c, fields[j]));
      kept.push(names[j] ?? '');
    }
  } catch (e) { dropAll(cols); throw e; }
  if (single) {
    // one record: the atom of each column
    const atoms = cols.map((c) => (c.type === 0 ? c.item(0) : c.item(0)));
    dropAll(cols);
    return generalOf(atoms);
  }
  if (header) {
    const dict = dictOf(V.symVec(kept), generalOf(cols));
    try { return call('flip', dict); } finally { dict.dispose(); }
  }
  return generalOf(cols);
}

function loadFixed(types: string, widths: K, y: K): K {
  const ws = itemsOf(widths).map((k) => { try { const v = V.intValue(k); if (v === null || v < 0) throw qerr('type'); return v; } finally { k.dispose(); } });
  if (ws.length !== types.length) throw qerr('length');
  const lines = linesOf(y);
  const cols: K[] = [];
  try {
    let at = 0;
    for (let j = 0; j < types.length; j++) {
      const c = types[j], w = ws[j], from = at;
      at += w;
      if (c === ' ') continue;
      cols.push(parseColumn(c, lines.map((l) => l.slice(from, from + w))));
    }
  } catch (e) { dropAll(cols); throw e; }
  return generalOf(cols);
}

function keyValues(spec: string, y: K): K {
  if (spec.length !== 3 && spec.length !== 4) throw qerr('length');
  const kt = spec[0], fs = spec[1], quoted = spec.length === 4 && spec[2] === '*', rs = spec[spec.length - 1];
  if (!'SIJ'.includes(kt)) throw qerr('domain');
  if (!isText(y.type)) throw qerr('type');
  const s = bytesOf(y);
  const recs: string[] = [];
  if (quoted) {
    let cur = '', q = false;
    for (const c of s) {
      if (c === '"') q = !q;
      if (c === rs && !q) { recs.push(cur); cur = ''; continue; }
      cur += c;
    }
    recs.push(cur);
  } else recs.push(...s.split(rs));
  const keys: string[] = [], vals: string[] = [];
  for (const r of recs) {
    if (r === '') continue;
    const i = r.indexOf(fs);
    keys.push(i < 0 ? r : r.slice(0, i));
    let v = i < 0 ? '' : r.slice(i + 1);
    if (quoted && v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    vals.push(v);
  }
  const k = parseColumn(kt, keys);
  return generalOf([k, generalOf(vals.map((v) => chars(v)))]);
}

function zeroColon(x: K, y: K): K {
  if (x.type === -10) return prepare(bytesOf(x), y);
  if (x.type === 10) return keyValues(bytesOf(x), y);
  if (x.type === -11) throw qerr('nyi'); // save text to a file: the files layer
  if (x.type !== 0 || x.count < 2 || x.count > 3) throw qerr('type');
  const parts = itemsOf(x);
  try {
    const types = typesOf(parts[0]);
    const second = parts[1];
    if (isText(second.type)) {
      const flag = parts.length === 3 && V.intValue(parts[2]) === 1;
      return loadCsv(types, second, flag, y);
    }
    if (second.type >= 5 && second.type <= 7) return loadFixed(types, second, y);
    throw qerr('type');
  } finally { dropAll(parts); }
}

// ---------------------------------------------------------------- 1: on bytes

const WIDTH: Record<string, [number, number]> = {
  b: [1, 1], x: [4, 1], c: [10, 1], h: [5, 2], i: [6, 4], j: [7, 8], e: [8, 4], f: [9, 8],
  s: [11, 0], p: [12, 8], m: [13, 4], d: [14, 4], z: [15, 8], n: [16, 8], u: [17, 4], v: [18, 4], t: [19, 4],
};

function oneColon(x: K, y: K): K {
  if (x.type === -11 || y.type === -11) throw qerr('nyi'); // files
  if (x.type !== 0 || x.count !== 2) throw qerr('type');
  if (y.type !== 4 && y.type !== 10) throw qerr('type');
  const a = x.item(0), b = x.item(1);
  try {
    const bigEndian = !isText(a.type);
    const tk = bigEndian ? b : a, wk = bigEndian ? a : b;
    if (!isText(tk.type)) throw qerr('type');
    const types = bytesOf(tk);
    const ws = itemsOf(wk).map((k) => { try { const v = V.intValue(k); if (v === null || v <= 0) throw qerr('type'); return v; } finally { k.dispose(); } });
    if (ws.length !== types.length) throw qerr('length');
    const rec = ws.reduce((s, w) => s + w, 0);
    const bytes = bytesOf(y);
    const n = Math.floor(bytes.length / rec);
    const cols: K[] = [];
    try {
      let off = 0;
      for (let j = 0; j < types.length; j++) {
        const c = types[j], w = ws[j];
        if (c === ' ') { off += w; continue; }
        const spec = WIDTH[c];
        if (!spec || spec[1] === 0 || spec[1] !== w) throw qerr('type');
        const [t] = spec;
        const p = alloc(t, n);
        const u8 = mem().u8;
        for (let r = 0; r < n; r++) {
          for (let k = 0; k < w; k++) {
            const src = bytes.charCodeAt(r * rec + off + (bigEndian ? w - 1 - k : k));
            u8[p + 16 + r * w + k] = src;
          }
        }
        cols.push(new K(p));
        off += w;
      }
    } catch (e) { dropAll(cols); throw e; }
    return generalOf(cols);
  } finally { drop(a, b); }
}

// a file on either side is the files layer's: hand it to what was registered before, if anything
const isFile = (x: K, y: K) => x.type === -11 || y.type === -11 || (y.type === 0 && y.count > 0 && y.count <= 3 && firstIsSym(y));
function firstIsSym(y: K): boolean { const f = y.item(0); try { return f.type === -11; } finally { f.dispose(); } }
function withFiles(name: string, mine: Dyad): Dyad {
  const before = PRIMS.get(name)?.dyad;
  return (x, y) => (isFile(x, y) && before ? before(x, y) : mine(x, y));
}
prim('0:', { dyad: withFiles('0:', zeroColon) });
prim('1:', { dyad: withFiles('1:', oneColon) });

export { zeroColon, oneColon, splitFields };
