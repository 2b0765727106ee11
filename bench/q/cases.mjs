// q-level benchmark cases: the interpreter between the kernels (lambda calls,
// iterators, loops, formatting, parsing), each beside the plain JavaScript a JS
// user would write for the same work over the same data (the floor).
//
// A case: { id, label, n (calls/items, for ns per item), setup (q text run once),
// q (the timed q text), js: (data) => fn (the floor, given the case's data) }.
// The q text runs through q(text); its result is disposed after each repetition.

const N = 1_000_000;

function jsFib(x) { return x < 2 ? x : jsFib(x - 1) + jsFib(x - 2); }
const fibCalls = (n) => { let c = 0; const go = (x) => { c++; if (x >= 2) { go(x - 1); go(x - 2); } }; go(n); return c; };

/** Lines of q that a script might hold: definitions, tables, lambdas, control. */
function script(bytes) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const l = [
      `f${i}:{[x;y] a:x+y*${i}; b:a-til 10; $[a>${i};sum b;max b]}`,
      `v${i}:${i} ${i + 1} ${i + 2} ${i + 3}.5 0N 0w`,
      `s${i}:\`abc\`def${i}\`g; t${i}:"text ${i} with ; and \\" quote"`,
      `r${i}:{x*y}/[1+til ${i % 50 + 1}] / a comment`,
      `if[${i}>0; w${i}:(1 2;\`a;"b";3.5)]`,
    ][i % 5];
    lines.push(l);
    size += l.length + 1;
  }
  return lines.join('\n');
}

export function cases(lang) {
  const til = (n) => Float64Array.from({ length: n }, (_, i) => i);
  const text = script(1 << 20);
  return [
    {
      id: 'each.atomic', label: '{x+1} each til 1000000', n: N, q: '{x+1} each til 1000000',
      js: () => { const a = til(N); const f = (x) => x + 1; return () => { const o = new Float64Array(N); for (let i = 0; i < N; i++) o[i] = f(a[i]); return o; }; },
    },
    {
      id: 'each.lambda', label: '{a:x+1; a} each til 1000000 (one call per item)', n: N, q: '{a:x+1; a} each til 1000000',
      js: () => { const a = til(N); const f = (x) => { const y = x + 1; return y; }; return () => { const o = new Float64Array(N); for (let i = 0; i < N; i++) o[i] = f(a[i]); return o; }; },
    },
    {
      id: 'over.long', label: '{x+y}/[til 1000000]', n: N, q: '{x+y}/[til 1000000]',
      js: () => { const a = til(N); const f = (x, y) => x + y; return () => { let s = a[0]; for (let i = 1; i < N; i++) s = f(s, a[i]); return s; }; },
    },
    {
      id: 'over.float', label: '{x+y} over 1e-10*til 10000000', n: 10 * N, setup: 'bf:1e-10*til 10000000', q: '{x+y} over bf',
      js: () => { const a = til(10 * N).map((v) => 1e-10 * v); const f = (x, y) => x + y; return () => { let s = a[0]; for (let i = 1; i < a.length; i++) s = f(s, a[i]); return s; }; },
    },
    {
      id: 'do', label: 'do[1000000;a+:1]', n: N, setup: 'a:0', q: 'do[1000000;a+:1]',
      js: () => { const g = { a: 0 }; return () => { for (let i = 0; i < N; i++) g.a += 1; return g.a; }; },
    },
    {
      id: 'eachboth', label: "f'[a;b], f:{c:x+y; c*2}", n: N, setup: 'ea:til 1000000; eb:til 1000000; ef:{c:x+y; c*2}', q: "ef'[ea;eb]",
      js: () => { const a = til(N), b = til(N); const f = (x, y) => { const c = x + y; return c * 2; }; return () => { const o = new Float64Array(N); for (let i = 0; i < N; i++) o[i] = f(a[i], b[i]); return o; }; },
    },
    {
      id: 'fib', label: '{$[x<2;x;.z.s[x-1]+.z.s[x-2]]} 20', n: fibCalls(20), q: '{$[x<2;x;.z.s[x-1]+.z.s[x-2]]} 20',
      js: () => () => jsFib(20),
    },
    {
      id: 'while', label: 'i:0; while[i<100000; i+:1]', n: 100_000, q: 'i:0; while[i<100000; i+:1]',
      js: () => { const g = { i: 0 }; return () => { g.i = 0; while (g.i < 100000) g.i += 1; return g.i; }; },
    },
    {
      id: 'value', label: 'do[10000; value "1+2"]', n: 10_000, q: 'do[10000; value "1+2"]',
      js: () => () => { let s = 0; for (let i = 0; i < 10000; i++) s += (0, eval)('1+2'); return s; },
    },
    {
      id: 'value.distinct', label: 'value each of 10000 distinct 60-char lines (no parse cache)', n: 10_000,
      setup: 'vt:{"a:",string[x]," 2 3.5 0N 0w; b:`abc`def`g; c:\\"text\\"; d:2000.01.01+til 3"} each til 10000', q: 'value each vt',
      js: () => { const ts = Array.from({ length: 10000 }, (_, i) => `var a=[${i},2,3.5,null,Infinity]; var b=["abc","def","g"]; var c="text"; var d=[0,1,2]`); return () => ts.map((t) => (0, eval)(t)); },
    },
    {
      id: 'string.float', label: 'string of 1e6 floats', n: N, setup: 'sf:1000000?100.0', q: 'string sf',
      data: (q) => q('sf').data, js: (d) => () => Array.from(d, (v) => v.toPrecision(7)),
    },
    {
      id: 'string.float.P0', label: 'string of 1e6 floats, \\P 0 (17 digits)', n: N, setup: 'sf:1000000?100.0', q: 'system"P 0"; r:string sf; system"P 7"; r',
      data: (q) => q('sf').data, js: (d) => () => Array.from(d, (v) => v.toPrecision(17)),
    },
    {
      id: 'str.float', label: '-3! of 1e6 floats (one line)', n: N, setup: 'sf:1000000?100.0', q: '-3!sf',
      data: (q) => q('sf').data, js: (d) => () => Array.from(d, (v) => v.toPrecision(7)).join(' '),
    },
    {
      id: 'tok.float', label: '"F"$ of 1e6 strings', n: N, setup: 'tf:string 1000000?100.0', q: '"F"$tf',
      data: (q) => q('tf').toJS(), js: (d) => () => Float64Array.from(d, (s) => Number(s)),
    },
    {
      id: 'string.long', label: 'string of 1e6 longs', n: N, setup: 'sj:1000000?1000000000', q: 'string sj',
      data: (q) => q('sj').data, js: (d) => () => Array.from(d, (v) => String(v)),
    },
    {
      // q's string of a symbol is its text as chars: the floor splits each JS string into its characters
      id: 'string.sym', label: 'string of 1e6 symbols', n: N, setup: 'ssy:1000000?`4', q: 'string ssy',
      data: (q) => q('ssy').toJS(), js: (d) => () => d.map((s) => s.split('')),
    },
    {
      id: 'tok.date', label: '"D"$ of 1e6 strings', n: N, setup: 'td:string 2000.01.01+1000000?10000', q: '"D"$td',
      data: (q) => q('td').toJS(),
      js: (d) => () => Int32Array.from(d, (s) => (Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) - 946684800000) / 864e5),
    },
    {
      id: 'tok.timestamp', label: '"P"$ of 1e6 strings', n: N, setup: 'tp:string 2000.01.01D00:00+1000000?1000000000000000', q: '"P"$tp',
      data: (q) => q('tp').toJS(),
      js: (d) => () => BigInt64Array.from(d, (s) => BigInt(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) - 946684800000) * 1000000n
        + BigInt(((+s.slice(11, 13) * 60 + +s.slice(14, 16)) * 60 + +s.slice(17, 19))) * 1000000000n + BigInt(s.slice(20))),
    },
    {
      id: 'string.date', label: 'string of 1e6 dates', n: N, setup: 'sd:2000.01.01+1000000?10000', q: 'string sd',
      data: (q) => q('sd').data,
      js: (d) => () => Array.from(d, (v) => new Date((v + 10957) * 864e5).toISOString().slice(0, 10).replace(/-/g, '.')),
    },
    {
      id: 'show.table', label: 'console display of a 1e5-row table', n: 100_000,
      setup: 'st:([] a:til 100000; b:100000?1.0; c:100000?`aa`bb`cc)', q: '.Q.s st',
      // the console shows the rows that fit its height (\c 25 80), as q's does
      js: () => { const a = til(1e5), b = a.map(() => Math.random()); return () => { const out = []; for (let i = 0; i < 22; i++) out.push(String(a[i]).padEnd(6) + b[i].toPrecision(7).padEnd(10) + 'aa'); return out.join('\n') + '\n..'; }; },
    },
    {
      id: 'parse', label: 'parsing a 1 MB q script', n: text.length, run: () => { for (const s of lang.splitScript(text)) lang.parse(s); },
      js: () => { const src = text.replace(/[^\n]/g, (c) => (c === '`' ? "'" : c)).split('\n').map((l, i) => `var l${i} = ${JSON.stringify(l)};`).join('\n'); return () => new Function(src); },
    },
    {
      id: 'lex', label: 'lexing the same 1 MB script (tokens only)', n: text.length, run: () => { for (const l of text.split('\n')) lang.lex(l); },
      js: () => { const lines = text.split('\n'); return () => { let n = 0; for (const l of lines) n += l.split(/([^A-Za-z0-9.]+)/).length; return n; }; },
    },
    {
      id: 'roll.float', label: '1000000?1.0', n: N, q: '1000000?1.0',
      js: () => () => { const o = new Float64Array(N); for (let i = 0; i < N; i++) o[i] = Math.random(); return o; },
    },
    {
      id: 'roll.long', label: '1000000?100', n: N, q: '1000000?100',
      js: () => () => { const o = new Float64Array(N); for (let i = 0; i < N; i++) o[i] = Math.floor(Math.random() * 100); return o; },
    },
    {
      // symbols inside a lambda: a comparison with a literal, and symbol results into a symbol vector
      id: 'sym.cond', label: '{$[x=`a;1;2]} each sy, sy:1000000?`a`b`c', n: N, setup: 'sy:1000000?`a`b`c', q: '{$[x=`a;1;2]} each sy',
      data: (q) => q('sy').toJS(), js: (d) => () => { const o = new Float64Array(N); for (let i = 0; i < N; i++) o[i] = d[i] === 'a' ? 1 : 2; return o; },
    },
    {
      id: 'sym.eachboth', label: "f'[sy;sz], f:{$[x<y;x;y]} (symbols by text)", n: N, setup: 'sy:1000000?`a`b`c; sz:1000000?`a`b`c; sf2:{$[x<y;x;y]}', q: "sf2'[sy;sz]",
      data: (q) => [q('sy').toJS(), q('sz').toJS()], js: ([a, b]) => () => { const o = new Array(N); for (let i = 0; i < N; i++) o[i] = a[i] < b[i] ? a[i] : b[i]; return o; },
    },
    {
      id: 'sym.dict', label: '{sd x} each sy, sd:`a`b`c!1 2 3 (dictionary lookup by symbol)', n: N, setup: 'sy:1000000?`a`b`c; sd:`a`b`c!1 2 3', q: '{sd x} each sy',
      data: (q) => q('sy').toJS(), js: (d) => { const m = new Map([['a', 1], ['b', 2], ['c', 3]]); return () => { const o = new Float64Array(N); for (let i = 0; i < N; i++) o[i] = m.get(d[i]); return o; }; },
    },
    {
      // a variable's list amended in place: the cost must not grow with the list
      id: 'amend.index', label: 'do[100000; av[7]+:1], av:til 1000000', n: 100_000, setup: 'av:til 1000000', q: 'do[100000; av[7]+:1]',
      js: () => { const a = til(N); return () => { for (let i = 0; i < 100_000; i++) a[7] += 1; return a; }; },
    },
    {
      // x,:y on a list only the variable holds grows it in place (it copied the whole list per call before)
      id: 'amend.append', label: 'al:0#0; do[100000; al,:1]', n: 100_000, q: 'al:0#0; do[100000; al,:1]',
      js: () => () => { const a = []; for (let i = 0; i < 100_000; i++) a.push(1); return a; },
    },
    {
      id: 'amend.dictlist', label: 'do[100000; ad[`b],:1], ad:`a`b!(();())', n: 100_000, setup: 'ad:`a`b!(();())', q: 'ad:`a`b!(();()); do[100000; ad[`b],:1]',
      js: () => () => { const d = { a: [], b: [] }; for (let i = 0; i < 100_000; i++) d.b.push(1); return d; },
    },
  ];
}
