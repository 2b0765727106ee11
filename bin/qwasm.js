#!/usr/bin/env node
// qwasm — the q console.
//   qwasm                 a q) prompt on a TTY; on a pipe, evaluate each line and
//                         print what the kdb+ console prints (no prompt, no banner)
//   qwasm script.q        run a script, then read the console as above
//   qwasm -p [host:]port  also serve kdb+ clients on that port (-u file: user:password lines)
// Runs the bundled package (npm run build makes ../dist/index.js).

import { createInterface } from 'node:readline';
import { readFileSync, openSync, readSync, constants } from 'node:fs';
import { pathToFileURL } from 'node:url';

const entry = process.env.QWASM_ENTRY
  ? pathToFileURL(process.env.QWASM_ENTRY).href
  : new URL('../dist/index.js', import.meta.url).href;

let pkg;
try {
  pkg = await import(entry);
} catch (e) {
  process.stderr.write(`qwasm: cannot load ${entry} (run npm run build): ${e.message}\n`);
  process.exit(2);
}
const lang = pkg.lang;
if (!lang) {
  process.stderr.write('qwasm: this build has no q language (export lang from src/index.ts)\n');
  process.exit(2);
}

const write = (s) => { if (s) process.stdout.write(s); };
lang.setOutput(write);

async function main() {
  const args = process.argv.slice(2);
  // -p [host:]port: serve kdb+ clients (127.0.0.1 unless a host is given)
  // -u file / -U file: user:password lines (password plain, or its MD5 or SHA-1 hex), as kdb+;
  // -u 1 names no file (clients' file access is refused unless --files anyway)
  let authenticate;
  const ui = args.findIndex((a) => a === '-u' || a === '-U');
  if (ui >= 0 && /^\d+$/.test(args[ui + 1] ?? '') && args[ui] === '-u') args.splice(ui, 2);
  else if (ui >= 0) {
    const file = args[ui + 1];
    args.splice(ui, 2);
    let users;
    try {
      users = new Map(readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean).map((l) => { const c = l.indexOf(':'); return [l.slice(0, c), l.slice(c + 1)]; }));
    } catch { write(`'${file}\n`); return 1; }
    const { createHash } = await import('node:crypto');
    authenticate = (u, p) => {
      const want = users.get(u);
      if (want === undefined) return false;
      const hex = want.toLowerCase();
      return want === p || (/^[0-9a-f]{32}$/.test(hex) && hex === createHash('md5').update(p).digest('hex'))
        || (/^[0-9a-f]{40}$/.test(hex) && hex === createHash('sha1').update(p).digest('hex'));
    };
  }
  // -T n: a client's message may run n seconds, then 'stop (as \T n)
  const ti = args.indexOf('-T');
  if (ti >= 0) {
    const n = args[ti + 1] ?? '';
    args.splice(ti, 2);
    if (!/^\d+$/.test(n)) { write("'-T\n"); return 1; }
    pkg.q(`system "T ${n}"`);
  }
  // --files: clients' messages may read and write files (refused with 'access otherwise)
  const fi = args.indexOf('--files');
  if (fi >= 0) args.splice(fi, 1);
  const pi = args.indexOf('-p');
  if (pi >= 0) {
    const [, host, port] = /^(?:(.*):)?(\d+)$/.exec(args[pi + 1] ?? '') ?? [];
    args.splice(pi, 2);
    if (!port) { write("'-p\n"); return 1; }
    try { await pkg.listen({ port: Number(port), host: host || undefined, authenticate, files: fi >= 0 }); } catch (e) { write(`'${e.message}\n`); return 1; }
  }
  const script = args.find((a) => !a.startsWith('-'));
  if (script) {
    let text;
    try {
      text = readFileSync(script, 'utf8');
    } catch {
      write(`'${script}\n`);
      return 1;
    }
    try {
      lang.runScriptText(text, script);
    } catch (e) {
      if (e instanceof lang.ExitRequest || e?.name === 'ExitRequest') return e.code ?? 0;
      if (e?.message === 'exit' && typeof e.code === 'number') return e.code;
      write(lang.errorText(e) + '\n');
    }
  }
  const con = lang.qconsole;
  if (process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true, historySize: 1000 });
    const typed = ctrlCStops();
    const done = lang.runRepl(con, rl, write);
    // keys typed while a query ran go back to the line editor (after runRepl's own handler)
    if (typed) rl.on('line', () => { if (typed.length) rl.write(Buffer.concat(typed.splice(0)).toString()); });
    return done;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  return lang.runPipe(con, rl, write);
}

/**
 * Ctrl-C stops the running query with 'stop and keeps the session. The line
 * editor holds the terminal in raw mode, so Ctrl-C is a byte that nothing
 * reads while a query runs. The interrupt check (the interpreter calls it at
 * every lambda call and loop iteration, long kernels every 64K items) reads the
 * terminal at most every 20 ms through a non-blocking descriptor of its own.
 * Returns the buffers of other keys typed meanwhile (null without a terminal).
 */
function ctrlCStops() {
  let fd;
  try { fd = openSync('/dev/tty', constants.O_RDONLY | constants.O_NONBLOCK); } catch { return null; }
  const typed = [], buf = Buffer.alloc(256);
  let calls = 0, last = 0;
  const prev = lang.getInterruptCheck();
  lang.setInterruptCheck(() => {
    prev?.();
    if ((++calls & 15) !== 0) return;
    const now = performance.now();
    if (now - last < 20) return;
    last = now;
    let n = 0;
    try { n = readSync(fd, buf, 0, buf.length, null); } catch { return; } // EAGAIN: nothing typed
    const i = buf.subarray(0, n).indexOf(3);
    if (i < 0) { typed.push(Buffer.from(buf.subarray(0, n))); return; }
    typed.push(Buffer.from(buf.subarray(0, i)));
    throw new pkg.QError('stop');
  });
  return typed;
}

const code = await main();
process.exitCode = code ?? 0;
