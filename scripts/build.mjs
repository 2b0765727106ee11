// Bundles the TypeScript facade with esbuild:
//   dist/index.js            ESM for Node (loads ../build/release.wasm)
//   dist/browser/qwasm.js    ESM for browsers (fetches ./qwasm.wasm beside it)
//   dist/types/              declarations (tsc)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const common = { bundle: true, format: 'esm', target: 'es2022', sourcemap: true, logLevel: 'warning' };

await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', platform: 'node' });

// The browser bundle fetches the wasm next to itself instead of ../build/.
mkdirSync('dist/browser', { recursive: true });
copyFileSync('build/release.wasm', 'dist/browser/qwasm.wasm');
await build({
  ...common,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/browser/qwasm.js',
  platform: 'browser',
  external: ['node:fs/promises'],
  define: { 'import.meta.QWASM_BROWSER': 'true' },
});

if (existsSync('examples/tour.ts')) {
  await build({ ...common, entryPoints: ['examples/tour.ts'], outfile: 'dist/tour.js', platform: 'node',
    external: ['../src/index.js'], plugins: [{ name: 'pkg', setup(b) {
      b.onResolve({ filter: /^\.\.\/src\/index\.js$/ }, () => ({ path: './index.js', external: true }));
    } }] });
}

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
