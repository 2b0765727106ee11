// A qwasm server in a child process (`qwasm -p port`, on loopback), for tests
// whose q sync calls block this thread (src/ipc/syncbridge.ts): the server must
// live in another process. Resolves once a connection succeeds.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect } from '../../src/ipc/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function childServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/qwasm.js', '-p', String(port)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 100; i++) {
    try { const h = await connect({ port, timeout: 1000 }); await h.close(); return child; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  child.kill();
  throw new Error('server did not start');
}
