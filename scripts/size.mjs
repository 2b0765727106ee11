// Where the page bundle's bytes are: `npm run size` (after `npm run build`).
// Prints dist/browser/qwasm.js raw and gzipped (level 9, as test/package.test.ts
// measures) against README's budget, then the largest source modules: their
// bytes in the shipped file (found through its source map), what gzip would save
// without them (the bundle gzipped again with those bytes left out), and which
// module imports them (from the esbuild metafile scripts/build.mjs writes to
// build/qwasm.meta.json): the way to spot Node-only code reaching the page.
// `node scripts/size.mjs 40` lists 40 rows.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const top = Number(process.argv[2] ?? 20);
const gz = (s) => gzipSync(s, { level: 9 }).length;
const code = readFileSync('dist/browser/qwasm.js', 'utf8');
const map = JSON.parse(readFileSync('dist/browser/qwasm.js.map', 'utf8'));
const name = (src) => src.replace(/^(\.\.\/)+/, '');

// Each generated segment belongs to the source its mapping names; the bytes up
// to the next segment go with it (esbuild emits one module's code contiguously).
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const owner = new Int32Array(code.length).fill(-1);
{
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  let src = 0, last = -1, lastSrc = -1;
  map.mappings.split(';').forEach((line, ln) => {
    let col = 0;
    for (const seg of line ? line.split(',') : []) {
      const f = []; let v = 0, shift = 0;
      for (const ch of seg) {
        const d = B64.indexOf(ch);
        v += (d & 31) << shift; shift += 5;
        if (!(d & 32)) { f.push(v & 1 ? -(v >>> 1) : v >>> 1); v = 0; shift = 0; }
      }
      col += f[0];
      if (f.length > 1) src += f[1];
      const at = lineStarts[ln] + col;
      if (last >= 0) owner.fill(lastSrc, last, at);
      last = at; lastSrc = f.length > 1 ? src : -1;
    }
  });
  if (last >= 0) owner.fill(lastSrc, last, code.length);
}

const raw = new Map();
for (let i = 0; i < code.length; i++) if (owner[i] >= 0) { const f = name(map.sources[owner[i]]); raw.set(f, (raw.get(f) ?? 0) + 1); }
const importers = new Map();
if (existsSync('build/qwasm.meta.json')) {
  const { inputs } = JSON.parse(readFileSync('build/qwasm.meta.json', 'utf8'));
  for (const [f, v] of Object.entries(inputs)) for (const i of v.imports) if (!importers.has(i.path)) importers.set(i.path, f);
}
const budget = readFileSync('README.md', 'utf8').match(/^\| `dist\/browser\/qwasm\.js` \| ([\d.]+) KB \| ([\d.]+) KB \|/m);
const total = gz(code);
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log(`dist/browser/qwasm.js: ${kb(code.length)} raw, ${kb(total)} gzipped` +
  (budget ? ` (budget ${budget[1]} KB / ${budget[2]} KB: ${kb(budget[2] * 1024 - total)} gzipped headroom)` : ''));
console.log(`${raw.size} modules; the ${top} largest:\n   bytes gz-saved  module  (one importer)`);
const rows = [...raw].sort((a, b) => b[1] - a[1]).slice(0, top);
for (const [f, n] of rows) {
  const i = map.sources.findIndex((s) => name(s) === f);
  let rest = '';
  for (let a = 0; a < code.length;) {
    let b = a; while (b < code.length && (owner[b] === i) === (owner[a] === i)) b++;
    if (owner[a] !== i) rest += code.slice(a, b);
    a = b;
  }
  console.log(`${String(n).padStart(8)} ${String(total - gz(rest)).padStart(8)}  ${f}` + (importers.has(f) ? `  (${importers.get(f)})` : ''));
}
