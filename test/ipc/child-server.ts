// Child processes for the IPC tests: a qwasm server (`qwasm -p port`, on
// loopback) for tests whose q sync calls block this thread (src/ipc/syncbridge.ts),
// a TLS server, and a Node script running the built package as a client.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
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

/** A qwasm TLS server (listen with key and cert files) in a child process, ready
 *  once a TLS connection trusting cert succeeds. */
export async function childTlsServer(port: number, keyFile: string, certFile: string): Promise<ChildProcess> {
  const script = `const { listen } = await import('./dist/index.js'); const fs = await import('node:fs');
    await listen({ port: ${port}, tls: { key: fs.readFileSync(${JSON.stringify(keyFile)}), cert: fs.readFileSync(${JSON.stringify(certFile)}) } });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const ca = readFileSync(certFile);
  for (let i = 0; i < 100; i++) {
    try { const h = await connect({ port, tls: { ca }, timeout: 1000 }); await h.close(); return child; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  child.kill();
  throw new Error('TLS server did not start');
}

/** Node flags that give a child the WebSocket global (undici, behind a flag in Node 20). */
export const WEBSOCKET_FLAGS = ['--experimental-websocket', '--no-warnings'];

/** Runs an ES-module script in a child Node in the project folder (so it can
 *  import ./dist/index.js), with extra flags; resolves with its stdout lines,
 *  rejects with its stderr when it fails or runs past 20 s. */
export function nodeScript(script: string, flags: string[] = []): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...flags, '--input-type=module', '-e', script], { cwd: root });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => { p.kill(); reject(new Error('child timed out: ' + err)); }, 20000);
    p.on('close', (code) => { clearTimeout(timer); if (code) reject(new Error(err || `exit ${code}`)); else resolve(out.trim().split('\n')); });
  });
}
