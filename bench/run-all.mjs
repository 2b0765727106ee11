#!/usr/bin/env node
// npm run bench: the kernel benchmarks (scripts/bench.mjs, every argument
// passed on), then the q-sql groupby benchmark (bench/qsql/groupby.mjs, which
// understands --quick as 1,000,000 rows and --no-write), with the attribute
// benchmark (bench/attr.mjs) before it, then the browser
// benchmark (bench/browser.mjs: in Debian's chromium when installed, else its
// browser rows are skipped with a message; --no-browser leaves it out).
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const run = (script, a) => spawnSync(process.execPath, [join(ROOT, script), ...a], { stdio: 'inherit' }).status ?? 1;
const kernels = run('scripts/bench.mjs', args.filter((a) => a !== '--no-browser')); // run-all's own flag
if (args.includes('-h') || args.includes('--help')) process.exit(kernels);
const qsql = [];
if (args.includes('--quick')) qsql.push('--n', '1000000');
if (args.includes('--no-write')) qsql.push('--no-write');
const attr = run('bench/attr.mjs', args.includes('--quick') ? ['--n', '100000', '--m', '10000'] : []);
const groupby = run('bench/qsql/groupby.mjs', qsql);
const browser = args.includes('--no-browser') ? 0 : run('bench/browser.mjs', []);
process.exit(groupby || kernels || attr || browser);
