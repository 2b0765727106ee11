// A qwasm process as a kdb+ server: `listen({port, host})` from JS, `\p port` in q.
//
// kdb+'s handshake ("user:password" + capability byte + NUL; the answer is one
// byte, the common capability, or the socket closes for 'access), then
// messages: sync (1) evaluated through .z.pg and answered with a response (2),
// async (0) through .z.ps. A string is evaluated as q text, a list (f;args…)
// as a parse tree, as kdb+'s `value` does. .z.pw checks credentials, .z.po and
// .z.pc see connections open and close, .z.w .z.u .z.a describe the caller.
//
// The same port accepts WebSocket upgrades (websocket.ts): frames go to .z.ws
// (.z.wo/.z.wc on open/close), or, without .z.ws, binary frames holding a
// kdb+ message are served as on TCP (what the browser client sends).
//
// Binds 127.0.0.1 unless told otherwise. Evaluation runs on this thread, one
// message at a time, as in kdb+. A sync call to a client (`.z.w "x"`) blocks
// this thread on that client's socket (blocking.ts) until its response comes;
// the client's own messages meanwhile are served, nested. With TLS, a worker
// thread terminates it and hands this thread plain connections (tlsfront.ts),
// so the same blocking call works there.

import type * as Net from 'node:net';
import { K } from '../k.js';
import { QError } from '../errors.js';
import { apply, guarded, errName } from '../lang/eval.js';
import * as V from '../lang/values.js';
import { serialize, serializeK, deserialize, serializeError, type MsgType } from './codec.js';
import { parseUpgrade, upgradeResponse, frame, frameK, FrameReader, type WsMessage } from './websocket.js';
import { alloc, mem } from '../runtime.js';
import { MessageReader, type Incoming } from './frame.js';
import { MessageWriter } from './send.js';
import { net, isLoopback } from './node.js';
import { register, unregister, replace, get } from './handles.js';
import { INTERNALS } from '../lang/internals.js';
import { withClientTimeout } from './timeout.js';
import { httpAnswer, httpAuthorize, keepsAlive, HTTP_START, HTTP_METHODS } from './http.js';
import { commonCapability } from './header.js';
import { blockingFd, writeAll, readSome } from './blocking.js';
import { clientScope } from './sandbox.js';
import { hook, asCaller, handle, type Caller } from './answer.js';
import { startTlsFront, frontTarget, frontLine, frontToken, type TlsFront } from './tlsfront.js';
import type { TlsState } from './tlsstate.js';

export interface ListenOptions {
  port: number;
  /** address to bind; 127.0.0.1 unless told otherwise */
  host?: string;
  /** largest message accepted, in bytes (default 1 GiB) */
  maxMessage?: number;
  /** serve TLS with these options for tls.createServer ({ key, cert, … }), as kdb+'s -E;
   *  they go to the worker thread that terminates TLS (tlsfront.ts), so they must be
   *  data a thread can receive (no functions such as SNICallback) */
  tls?: Record<string, unknown>;
  /** compress large responses even on loopback (kdb+ never does; for tests of peers) */
  compressLoopback?: boolean;
  /** credentials check besides .z.pw (e.g. from a -u file) */
  authenticate?: (user: string, password: string) => boolean;
  /** let clients' messages read and write files (default: refused with 'access; see sandbox.ts) */
  files?: boolean;
}

export interface Server {
  readonly port: number;
  readonly host: string;
  /** stops listening and closes every client */
  close(): Promise<void>;
}

function byteVector(b: Uint8Array): K {
  const p = alloc(4, b.length);
  mem().u8.set(b, p + 16);
  return new K(p);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A string's bytes for a WebSocket text frame, which must be UTF-8: else 'utf8 (basics/errors.md). */
function utf8Text(x: K): Uint8Array {
  const b = mem().u8.slice(x.ptr + 16, x.ptr + 16 + (x.type === -10 ? 1 : x.count));
  try { strictUtf8.decode(b); } catch { throw new QError('utf8'); }
  return b;
}

function ipv4(addr: string | undefined): number {
  const m = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(addr ?? '');
  if (!m) return 0;
  return ((+m[1] << 24) | (+m[2] << 16) | (+m[3] << 8) | +m[4]) | 0;
}

/** A login as kdb+ checks it: the owner's check (a -u/-U file), then .z.pw. */
function loginWith(authenticate: ListenOptions['authenticate']): (user: string, password: string) => boolean {
  return (user, password) => {
    if (authenticate && !authenticate(user, password)) return false;
    const pw = hook('.z.pw');
    if (!pw) return true;
    const u = V.symAtom(user), p = V.charVec(password);
    try {
      const r = guarded(() => apply(pw, [u, p]));
      try { return r.type === -1 && V.intValue(r) === 1; } finally { r.dispose(); }
    } catch { return false; } finally { u.dispose(); p.dispose(); }
  };
}

/** Whether servers started without a `files` option (`\p`, `qwasm -p`) let clients touch files. */
let serveFiles = false;
export function setServeFiles(allow: boolean): void { serveFiles = allow; }

/** How long a kept-alive HTTP connection may sit idle (ms). */
const KEEP_ALIVE_IDLE = 60_000;

const servers = new Set<Server>();

/** Set by -30!(::) while a sync message is handled: its response comes later. */
let deferred = false;

// -30!(::) defers the current sync response; -30!(h;isError;x) sends it.
INTERNALS.set(-30, (x: K): K => {
  if (x.type === 101) { deferred = true; return V.nil(); }
  if (x.type !== 0 || x.count !== 3) throw new QError('type');
  const [h, e, v] = V.itemsOf(x);
  try {
    const n = V.intValue(h);
    if (n === null || e.type !== -1) throw new QError('type');
    let conn;
    try { conn = get(n); } catch { throw new QError('domain'); }
    if (!conn.respond) throw new QError('domain');
    conn.respond(v, V.intValue(e) === 1);
    return V.nil();
  } finally { h.dispose(); e.dispose(); v.dispose(); }
});

export function listen(opts: ListenOptions | number): Promise<Server> {
  const o: ListenOptions = typeof opts === 'number' ? { port: opts } : opts;
  const host = o.host ?? '127.0.0.1';
  const maxMessage = o.maxMessage ?? 1 << 30;
  const sockets = new Set<Net.Socket>();
  const login = loginWith(o.authenticate);
  const files = o.files ?? serveFiles;
  /** A client's message: under \T's limit, and away from files unless allowed. */
  const clientEval = <T>(f: () => T): T => clientScope(files, () => withClientTimeout(f));
  // with TLS, clients reach this listener through the worker's front (loopback, plain)
  const token = o.tls ? frontToken() : '';
  const accepting = (srv: Net.Server) => srv.on('connection', (s: Net.Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });

  function serve(socket: Net.Socket): void {
    socket.setNoDelay(true);
    // the client's address, and TLS state (from the front's first line when TLS)
    let peer = socket.remoteAddress;
    let tlsState: TlsState | null = null;
    let compress = o.compressLoopback === true || !isLoopback(peer);
    let hello: number[] = [];
    let who: Caller | undefined;
    let reader: MessageReader | undefined;
    let isWs = false;
    // messages go out in order; one past STREAM_MIN is written in chunks as the socket drains (send.ts)
    const writer = new MessageWriter(socket);
    let capability = 0;
    const send = (b: Uint8Array) => writer.bytes(b);
    const sendValue = (x: K, msgType: MsgType) => writer.value(x, msgType, { compress, capability });
    socket.on('close', () => writer.dispose());

    let awaiting = 0; // sync requests whose response is deferred (-30!)
    // sync calls this server has made to the client, innermost last (blocking.ts)
    const calls: { answer?: Incoming }[] = [];
    const onMessage = (m: Incoming) => {
      if (!who) return;
      if (m.msgType === 2) {
        // a response: to the innermost call the server is making to this client
        const c = calls[calls.length - 1];
        if (c && !c.answer) c.answer = m; else m.value?.dispose();
        return;
      }
      const sync = m.msgType === 1;
      if (m.error) { if (sync) send(serializeError(m.error.message)); return; }
      const x = m.value!;
      const outer = deferred;
      deferred = false;
      if (sync) awaiting++;
      try {
        const r = asCaller(who, () => clientEval(() => handle(x, sync)));
        try {
          if (sync && !deferred) { awaiting--; sendValue(r, 2); }
        } finally { r.dispose(); }
      } catch (e) {
        if (sync && !deferred) { awaiting--; send(serializeError(e instanceof QError ? e.message : errName(e))); }
      } finally { x.dispose(); deferred = outer; }
    };
    const respond = (x: K, isError: boolean) => {
      if (awaiting === 0) throw new QError(`Handle ${who?.handle} was not expecting a response msg`);
      awaiting--;
      if (isError) send(serializeError(V.textOf(x))); else sendValue(x, 2);
    };

    // `.z.w "x"`: a sync request to the client, answered while this thread blocks on
    // the socket; the client's own messages meanwhile are served as usual (its
    // callbacks nest)
    const callClient = (x: K): K => {
      const fd = blockingFd(socket);
      writeAll(fd, serialize(x, { msgType: 1, compress }));
      const call: { answer?: Incoming } = {};
      calls.push(call);
      try {
        // messages read behind the answer wait in the reader (queued after it)
        const answered = () => call.answer !== undefined;
        while (!call.answer) {
          if (reader!.pending) { reader!.push(new Uint8Array(0), answered); continue; }
          const b = readSome(fd);
          if (!b.length) throw new QError('closed');
          reader!.push(b, answered);
        }
      } finally {
        calls.splice(calls.indexOf(call), 1);
        // made outside this connection's own data handler, nothing else would serve them
        if (reader!.pending) setImmediate(() => {
          try { if (!socket.destroyed) reader!.push(new Uint8Array(0)); } catch { socket.destroy(); }
        });
      }
      if (call.answer.error) throw call.answer.error;
      return call.answer.value!;
    };

    const accept = (user: string, password: string, cap: number): boolean => {
      if (!login(user, password)) return false;
      const conn = {
        sync: callClient,
        async: (x: K) => sendValue(x, 0),
        close: () => socket.end(),
        respond,
        tls: tlsState,
      };
      who = { handle: register(conn), user, addr: ipv4(peer) };
      capability = commonCapability(cap);
      reader = new MessageReader(onMessage, maxMessage);
      if (capability < 1) compress = false; // capability 0: a client without compression (basics/ipc.md)
      send(Uint8Array.of(capability));
      const po = hook('.z.po');
      if (po) runHook(po, who);
      return true;
    };

    // WebSocket: an HTTP upgrade on the same port (kdb+ does the same)
    let mode: 'front' | 'new' | 'http' | 'ws' | 'kdb' = o.tls ? 'front' : 'new';
    let httpHead = new Uint8Array(0);
    let ws: FrameReader | undefined;
    const wsSend = (b: Uint8Array) => send(b);
    const openWs = () => {
      const conn = {
        sync: () => { throw new QError('nyi'); },
        async: (x: K) => {
          if (x.type === 10 || x.type === -10) wsSend(frame(1, utf8Text(x)));
          else if (x.type === 4) wsSend(frameK(x));
          else throw new QError('type');
        },
        close: () => { wsSend(frame(8, new Uint8Array(0))); socket.end(); },
        protocol: 'w' as const,
        tls: tlsState,
      };
      // the upgraded HTTP connection keeps its handle (kdb+: the same socket)
      if (httpHandle) { replace(httpHandle, conn); who = { handle: httpHandle, user: httpUser, addr: ipv4(peer) }; httpHandle = 0; }
      else who = { handle: register(conn), user: httpUser, addr: ipv4(peer) };
      isWs = true;
      const wo = hook('.z.wo');
      if (wo) runHook(wo, who);
      ws = new FrameReader((m) => onWsMessage(m), (op, data) => {
        if (op === 8) { wsSend(frame(8, data.subarray(0, 2))); socket.end(); }
        else if (op === 9) wsSend(frame(10, data));
      }, maxMessage);
    };
    const onWsMessage = (m: WsMessage) => {
      if (!who) return;
      const zws = hook('.z.ws');
      if (zws) {
        const x = m.text ? V.charVec(new TextDecoder().decode(m.data)) : byteVector(m.data);
        try { asCaller(who, () => clientEval(() => guarded(() => apply(zws, [x])))).dispose(); } catch { /* async: nobody to answer */ } finally { x.dispose(); }
        return;
      }
      // without .z.ws, a binary frame holding a kdb+ message is served as on TCP
      if (m.text || m.data.length < 9) return;
      let value: K;
      try { value = deserialize(m.data); } catch (e) {
        if (m.data[1] === 1) wsSend(frame(2, serializeError(e instanceof QError ? e.message : 'badmsg')));
        return;
      }
      const sync = m.data[1] === 1;
      try {
        const r = asCaller(who, () => clientEval(() => handle(value, sync)));
        try {
          if (sync) { const m = serializeK(r, { msgType: 2 }); try { wsSend(frameK(m)); } finally { m.dispose(); } }
        } finally { r.dispose(); }
      } catch (e) {
        if (sync) wsSend(frame(2, serializeError(e instanceof QError ? e.message : errName(e))));
      } finally { value.dispose(); }
    };

    // HTTP: requests one after another on the connection while the responses say
    // keep-alive (.h.ka), each authorized first (.z.ac, or basic authentication)
    let httpUser = '';
    let first = new Uint8Array(0);
    // an HTTP connection has a handle while it is open, .z.w in .z.ac .z.ph .z.pp .z.pm
    // (ref/dotz.md: a callback for a client's request sees that client's handle)
    let httpHandle = 0;
    const httpConn = () => httpHandle || (httpHandle = register({
      sync: () => { throw new QError('nyi'); },
      async: () => { throw new QError('nyi'); },
      close: () => { socket.end(); },
      tls: tlsState,
    }));
    const serveHttp = (): void => {
      while (mode === 'http') {
        const req = parseUpgrade(httpHead);
        if (!req) { if (httpHead.length > 16384) socket.destroy(); return; }
        const [method, target = ''] = req.line.split(' ');
        const want = Number(req.headers.get('content-length') ?? 0);
        if (!(want >= 0 && want <= maxMessage) || req.headers.has('transfer-encoding')) { socket.destroy(); return; }
        if (httpHead.length - req.end < want) return;
        const body = httpHead.slice(req.end, req.end + want);
        httpHead = httpHead.slice(req.end + want);
        const r = { method, target, headers: [...req.rawHeaders], body };
        const auth = asCaller({ handle: httpConn(), user: '', addr: ipv4(peer) }, () => httpAuthorize(r, login));
        if ('response' in auth) { socket.end(auth.response); return; }
        httpUser = auth.user;
        const upgrade = upgradeResponse(req.headers);
        if (upgrade) {
          socket.write(upgrade);
          mode = 'ws';
          openWs();
          const rest = httpHead;
          httpHead = new Uint8Array(0);
          if (rest.length) ws!.push(rest);
          return;
        }
        const caller: Caller = { handle: httpConn(), user: auth.user, addr: ipv4(peer) };
        let answer: string | Uint8Array;
        try { answer = asCaller(caller, () => clientEval(() => httpAnswer(r))); } catch (e) {
          const m = `'${e instanceof QError ? e.message : errName(e)}`;
          answer = `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: ${m.length}\r\n\r\n${m}`;
        }
        if (!keepsAlive(answer) || /^close$/i.test(req.headers.get('connection') ?? '')) { socket.end(answer); return; }
        socket.write(answer);
        socket.setTimeout(KEEP_ALIVE_IDLE, () => socket.destroy());
      }
    };

    socket.on('data', (chunk: Uint8Array) => {
      try {
        if (mode === 'ws') { ws!.push(chunk); return; }
        if (mode === 'front') {
          const b = new Uint8Array(first.length + chunk.length);
          b.set(first); b.set(chunk, first.length);
          const f = frontLine(b, token);
          if (!f) { first = b; return; }
          first = new Uint8Array(0);
          peer = f.line.addr; tlsState = f.line.tls;
          compress = o.compressLoopback === true || !isLoopback(peer);
          mode = 'new';
          chunk = f.rest;
          if (!chunk.length) return;
        }
        if (mode === 'new') {
          // the first bytes decide: an HTTP method, or a kdb+ handshake (a first packet may
          // hold only part of the method: wait for more)
          const b = new Uint8Array(first.length + chunk.length);
          b.set(first); b.set(chunk, first.length);
          const start = String.fromCharCode(...b.subarray(0, 8));
          if (!HTTP_START.test(start) && b.length < 8 && !b.includes(0) && HTTP_METHODS.some((m) => m.startsWith(start))) { first = b; return; }
          first = new Uint8Array(0);
          chunk = b;
          mode = HTTP_START.test(start) ? 'http' : 'kdb';
        }
        if (mode === 'http') {
          const b = new Uint8Array(httpHead.length + chunk.length);
          b.set(httpHead); b.set(chunk, httpHead.length);
          httpHead = b;
          serveHttp();
          return;
        }
        if (reader) { reader.push(chunk); return; }
        // handshake: bytes up to the NUL
        const z = chunk.indexOf(0);
        hello.push(...chunk.subarray(0, z < 0 ? chunk.length : z));
        if (hello.length > 1024) { socket.destroy(); return; }
        if (z < 0) return;
        const last = hello.length ? hello[hello.length - 1] : 0;
        const cap = last < 32 ? last : 0;
        const text = new TextDecoder().decode(Uint8Array.from(last < 32 ? hello.slice(0, -1) : hello));
        hello = [];
        const colon = text.indexOf(':');
        const user = colon < 0 ? text : text.slice(0, colon), password = colon < 0 ? '' : text.slice(colon + 1);
        if (!accept(user, password, cap)) { socket.destroy(); return; }
        const rest = chunk.subarray(z + 1);
        if (rest.length) reader!.push(rest);
      } catch {
        socket.destroy(); // a malformed stream ends its connection only
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      reader?.dispose();
      if (httpHandle) { unregister(httpHandle); httpHandle = 0; }
      if (!who) return;
      const pc = hook(isWs ? '.z.wc' : '.z.pc');
      if (pc) runHook(pc, who);
      unregister(who.handle);
    });
  }

  const started = (port: number, srv: Net.Server, front?: TlsFront): Server => {
    const server: Server = {
      port,
      host,
      close: async () => {
        servers.delete(server);
        await front?.close();
        for (const s of sockets) s.destroy();
        await new Promise<void>((res) => srv.close(() => res()));
      },
    };
    servers.add(server);
    return server;
  };
  if (o.tls) {
    const tlsOptions = o.tls;
    return frontTarget(serve).then(async (inner) => {
      accepting(inner);
      try {
        const front = await startTlsFront({ host, port: o.port, tls: tlsOptions, target: (inner.address() as Net.AddressInfo).port, token });
        return started(front.port, inner, front);
      } catch (e) { inner.close(); throw e; }
    });
  }
  const srv = net().createServer((socket) => serve(socket));
  accepting(srv);
  return new Promise<Server>((resolve, reject) => {
    srv.once('error', (e: Error) => reject(new QError(e.message)));
    srv.listen(o.port, host, () => resolve(started((srv.address() as Net.AddressInfo).port, srv)));
  });
}

/** .z.po / .z.pc with the handle; their errors are the program's, not the client's. */
function runHook(f: K, who: Caller): void {
  const h = V.intAtom(who.handle);
  try { asCaller(who, () => guarded(() => apply(f, [h]))).dispose(); } catch { /* as kdb+: ignored */ } finally { h.dispose(); }
}

/** The servers this process runs (\p reports the first one's port). */
export function listening(): Server[] { return [...servers]; }
