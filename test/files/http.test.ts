// `:http://… paths read-only: get, read0, read1 and hcount fetch the file from
// a server (here a child process serving the kdb+ fixtures); writes are the OS
// error kdb+ gives for a read-only file system.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { q } from '../../src/index.js';
import { FIX, q1, qerr, withGlobals } from './helpers.js';

let server: ChildProcess;
let base = '';

beforeAll(async () => {
  const code = `const http=require('http'),fs=require('fs'),path=require('path');const root=process.argv[1];
    http.createServer((q,r)=>{const p=path.join(root,decodeURIComponent(q.url));
      if(q.url.includes('..')||!fs.existsSync(p)||fs.statSync(p).isDirectory()){r.statusCode=404;return r.end();}
      if(q.url.endsWith('/fail')){r.statusCode=500;return r.end();} r.end(fs.readFileSync(p));})
    .listen(0,'127.0.0.1',function(){console.log(this.address().port)});`;
  server = spawn(process.execPath, ['-e', code, FIX], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((ok) => server.stdout!.once('data', (d) => ok(String(d).trim())));
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => { server.kill(); });

describe('`:http://… files, read-only', () => {
  it('get reads a vector, a symbol file and an enumerated column over HTTP', () => withGlobals(() => {
    expect(q1(`get\`:${base}/egor7-q/db/tref/c1`)).toBe('1 2 3');
    expect(q1(`get\`:${base}/egor7-q/db/tref/.d`)).toBe('`c1`c2');
    q(`sym:get\`:${base}/egor7-q/db/sym`).dispose();
    expect(q1(`get\`:${base}/egor7-q/db/cust/name`)).toBe('`sym$`oracle`microsoft`google');
    expect(q1(`hcount\`:${base}/egor7-q/db/tref/c1`)).toBe('40');
    expect(q1(`read1(\`:${base}/egor7-q/db/tref/c1;0;4)`)).toBe('0xfe200700');
    expect(q1(`count read0\`:${base}/dolphindb-DolphinDBPlugin/csv_sample/test.csv`)).not.toBe('0');
    // a compressed file expands as from disk
    expect(q1(`(get\`:${base}/dolphindb-DolphinDBPlugin/kdb_sample/compressCharArrayVector/id)~get\`:${FIX}/dolphindb-DolphinDBPlugin/kdb_sample/charArrayVector/id`)).toBe('1b');
  }), 120_000); // each fetch is a child process
  it('missing files and server errors are OS errors; writes are refused', () => {
    expect(qerr(`get\`:${base}/nothing/here`)).toBe(`:${base}/nothing/here. OS reports: No such file or directory`);
    expect(qerr(`\`:${base}/x set 1 2 3`)).toBe(`:${base}/x. OS reports: Read-only file system`);
    expect(qerr(`hdel\`:${base}/egor7-q/db/tref/c1`)).toBe(`${base}/egor7-q/db/tref/c1: Read-only file system`); // hdel's form of an OS error
    expect(qerr('get`:http://127.0.0.1:1/x')).toBe(':http://127.0.0.1:1/x. OS reports: EIO');
  }, 60_000);
});
