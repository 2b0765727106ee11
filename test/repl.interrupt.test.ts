// Ctrl-C at the q) prompt of `qwasm` (bin/qwasm.js) while a query is one long
// kernel call: the query stops with 'stop, the session and its variables stay,
// keys typed meanwhile reach the line editor. The REPL runs on a real
// terminal: util-linux `script` gives it a pseudo-terminal, whose raw mode
// passes Ctrl-C as a byte. Needs `npm run build` (dist/index.js).
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ready = existsSync(root + 'dist/index.js') && spawnSync('script', ['--version']).status === 0;

describe.skipIf(!ready)('Ctrl-C in the qwasm REPL', () => {
  it("stops one long kernel with 'stop and keeps the session", async () => {
    // its own process group: a failed run kills script and the qwasm under it
    const p = spawn('script', ['-qfec', `${process.execPath} bin/qwasm.js`, '/dev/null'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'], detached: true });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    const until = async (s: string, from = 0) => {
      while (!out.includes(s, from)) {
        if (p.exitCode !== null) throw new Error('qwasm exited: ' + JSON.stringify(out));
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await until('q)');
      p.stdin.write('a:42; g:8000000?0Ng; `ready\r');
      await until('`ready');
      // guids grade by a comparison sort: one kernel call of about 4 s on an idle
      // 2-core machine (1e6 took 0.6 s, too close to the 500 ms wait below)
      const mark = out.length;
      // the lambda says when it reaches the kernel: Ctrl-C goes only after that (a
      // fixed wait missed the query on a loaded machine, and Ctrl-C hit the prompt)
      p.stdin.write('a:{-1"sorting";iasc x} g\r');
      await until('sorting\r\n', mark);
      p.stdin.write('b:7');  // typed while it runs
      p.stdin.write('\x03');
      await until("'stop", mark);
      p.stdin.write('\r');   // enters the b:7 typed during the query
      p.stdin.write('(a; b; 1+1)\r');
      await until('42 7 2', mark);
      p.stdin.write('\\\\\r');
      await new Promise((r) => p.on('exit', r));
    } finally { if (p.exitCode === null) try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* gone */ } }
    expect(out.slice(out.indexOf('sorting\r\n'))).toContain("'stop");
  }, 120_000);
});
