// Bundles the TypeScript facade with esbuild:
//   dist/index.js                ESM for Node (loads ../build/release.wasm on import)
//   dist/arrow.js                the Arrow bridge for Node (imports ./index.js)
//   dist/browser/qwasm.js        ESM for browsers (init() compiles ./qwasm.wasm beside it)
//   dist/browser/qwasm-shared.wasm  the engine on shared memory (for a worker on an isolated page)
//   dist/browser/worker.js       the worker client (imports ./qwasm.js)
//   dist/browser/qwasm-worker.js the script the worker runs (imports ./qwasm.js)
//   dist/browser/arrow.js        the Arrow bridge for browsers (imports ./qwasm.js)
//   dist/demo/                   the playground page, static
//   dist/types/                  declarations (tsc)
// The subpath bundles import the core bundle instead of carrying a copy of it:
// two copies would be two engines, and a K from one is meaningless to the other.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'rolldown/utils';
import { execFileSync } from 'node:child_process';

// ignoreAnnotations: package.json says sideEffects:false for consumers of the
// bundles, but inside src/ modules register primitives on import, so this
// build must keep every import.
const common = { bundle: true, format: 'esm', target: 'es2022', sourcemap: true, logLevel: 'warning', ignoreAnnotations: true };
// A module `x.ts` with a sibling `x.browser.ts` is replaced by it in the browser
// bundles: the Node-only parts (the IPC server, the blocking sync bridge) stay
// out of the page, whose bundle has a size budget (README, test/package.test.ts).
const browserSiblings = { name: 'browser-siblings', setup(b) {
  b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
    const alt = new URL(args.path.replace(/\.js$/, '.browser.ts'), 'file://' + args.resolveDir + '/').pathname;
    return existsSync(alt) && alt !== args.importer ? { path: alt } : undefined;
  });
} };
// The result-type grids (src/ops/atomic/grids.ts) are tables spaced for reading;
// the page gets them without the spaces (3.5 KB raw, 0.25 KB gzipped).
const squeezeGrids = { name: 'squeeze-grids', setup(b) {
  b.onLoad({ filter: /\/src\/ops\/atomic\/grids\.ts$/ }, (args) => ({ loader: 'ts',
    contents: readFileSync(args.path, 'utf8')
      .replace(/^([a-z]) \| ([a-z. ]+)$/gm, (_, row, cells) => row + '|' + cells.replace(/ /g, ''))
      .replace(/range\('([a-z. ]+)'\)/g, (_, cells) => `range('${cells.replace(/ /g, '')}')`) }));
} };
const browser = { ...common, platform: 'browser', minify: true, define: { 'import.meta.QWASM_BROWSER': 'true' }, plugins: [browserSiblings] };

/** Minifies an esbuild bundle again with oxc (rolldown's minifier), whose
 *  identifier mangling gzips about 5% smaller than esbuild's on the page bundle
 *  (it reuses the same short names in every scope). The source map is composed,
 *  so it still points into src/. */
async function remangle(file) {
  const code = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  const inputMap = JSON.parse(readFileSync(file + '.map', 'utf8'));
  const out = await minify(file, code, { module: true, compress: { target: common.target }, mangle: { toplevel: true }, sourcemap: true, inputMap });
  if (out.errors.length) throw new Error(`${file}: ${out.errors.map((e) => e.message).join('; ')}`);
  writeFileSync(file, out.code + `\n//# sourceMappingURL=${file.split('/').pop()}.map\n`);
  writeFileSync(file + '.map', JSON.stringify(out.map));
}

/** Resolves imports of the core facade (src/index.ts) to the core bundle `target`. */
const coreExternal = (target) => ({ name: 'core-external', setup(b) {
  b.onResolve({ filter: /(^|\/)index\.js$/ }, (args) => {
    const abs = new URL(args.path, 'file://' + args.resolveDir + '/').pathname;
    return abs.endsWith('/src/index.js') ? { path: target, external: true } : undefined;
  });
} });

await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', platform: 'node' });
if (existsSync('src/arrow/index.ts')) {
  await build({ ...common, entryPoints: ['src/arrow/index.ts'], outfile: 'dist/arrow.js', platform: 'node',
    plugins: [coreExternal('./index.js')] });
}

mkdirSync('dist/browser', { recursive: true });
copyFileSync('build/release.wasm', 'dist/browser/qwasm.wasm');
// the shared-memory build a worker runs when the page is cross-origin isolated
if (existsSync('build/shared.wasm')) copyFileSync('build/shared.wasm', 'dist/browser/qwasm-shared.wasm');
// The metafile says how many bytes each module puts in the page bundle: `npm run size`.
const page = await build({ ...browser, entryPoints: ['src/index.ts'], outfile: 'dist/browser/qwasm.js', external: ['node:fs/promises'], metafile: true,
  plugins: [browserSiblings, squeezeGrids] });
writeFileSync('build/qwasm.meta.json', JSON.stringify(page.metafile));
await remangle('dist/browser/qwasm.js');
for (const [entry, out] of [
  ['src/worker/client.ts', 'worker.js'], ['src/worker/host.ts', 'qwasm-worker.js'], ['src/arrow/index.ts', 'arrow.js'],
]) {
  if (!existsSync(entry)) continue;
  await build({ ...browser, entryPoints: [entry], outfile: 'dist/browser/' + out, plugins: [browserSiblings, coreExternal('./qwasm.js')] });
}

// The playground: its script imports the package's browser bundles from one folder.
if (existsSync('examples/playground')) {
  mkdirSync('dist/demo', { recursive: true });
  for (const f of readdirSync('dist/browser').filter((f) => !f.endsWith('.map'))) copyFileSync('dist/browser/' + f, 'dist/demo/' + f);
  for (const f of readdirSync('examples/playground').filter((f) => /\.(html|css)$/.test(f))) {
    copyFileSync('examples/playground/' + f, 'dist/demo/' + f);
  }
  await build({ ...browser, entryPoints: ['examples/playground/app.ts'], outfile: 'dist/demo/app.js',
    plugins: [{ name: 'pkg', setup(b) {
      b.onResolve({ filter: /\/src\/worker\/client\.js$/ }, () => ({ path: './worker.js', external: true }));
      b.onResolve({ filter: /\/src\/arrow\/index\.js$/ }, () => ({ path: './arrow.js', external: true }));
    } }, browserSiblings, coreExternal('./qwasm.js')] });
}

if (existsSync('examples/tour.ts')) {
  await build({ ...common, entryPoints: ['examples/tour.ts'], outfile: 'dist/tour.js', platform: 'node',
    external: ['../src/index.js'], plugins: [{ name: 'pkg', setup(b) {
      b.onResolve({ filter: /^\.\.\/src\/index\.js$/ }, () => ({ path: './index.js', external: true }));
    } }] });
}

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
