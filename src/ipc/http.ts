// HTTP on the listening port (kb/http.md, ref/dotz.md): a GET goes to .z.ph, a
// POST to .z.pp, each with (requestText; headers) where requestText is the
// target without its leading "/" and headers a dictionary of symbols to
// strings. The handler's string is the whole HTTP response.
//
// Without .z.ph, the default (as kdb+'s, in outline): `?expr` evaluates expr
// (URL-decoded by .h.uh) with .h.val, `value` unless the program set its own,
// and shows the result as q's console text in an HTML page (.h.hp);
// `name.csv?expr` (any type .h.tx knows: csv txt json xml raw) gives the result
// in that format (.h.hy); an empty target lists the variables (\v); errors are
// `'name` with status 400 (.h.he). Without .z.pp a POST is refused ('nyi, 400).
// A path without `?` is a file under .h.HOME when the program set it (never
// outside it: `..`, absolute paths and symbolic links out of the root are 404),
// else 404: nothing is served from disk unless the owner says where.
//
// OPTIONS, PATCH, PUT and DELETE go to .z.pm as (`METHOD; requestText; headers),
// requestText being the target, then a space and the body when there is one.
//
// Before any handler, .z.ac (requestText; headers) decides: (0;"") 401,
// (1;"user") go on as that user (.z.u), (2;"response") send that instead,
// (4;"") basic authentication. Without .z.ac it is basic authentication: the
// Authorization header's user:password checked as a kdb+ login is (-u/-U file,
// .z.pw); with neither configured every request goes on.

import { K } from '../k.js';
import { QError } from '../errors.js';
import { globals, apply, guarded, evaluate, callPrim, errName } from '../lang/eval.js';
import * as V from '../lang/values.js';
import { show } from '../display.js';
import { fs } from './node.js';

export interface HttpRequest { method: string; target: string; headers: [string, string][]; body: Uint8Array }

/** The request as .z.ph/.z.pp see it: (requestText; headers). */
function requestValue(text: string, headers: [string, string][]): K {
  const ks = V.symVec(headers.map(([k]) => k));
  const vs = V.generalOf(headers.map(([, v]) => V.charVec(v)));
  const d = callPrim('!', [ks, vs]);
  ks.dispose(); vs.dispose();
  return V.generalOf([V.charVec(text), d]);
}

function qcall(fn: string, ...args: K[]): K {
  const f = evaluate(fn);
  try { return guarded(() => apply(f, args)); } finally { f.dispose(); }
}
const text = (k: K): string => (k.type === 10 || k.type === -10 ? V.textOf(k) : k.type === 4 ? new TextDecoder().decode(k.data as Uint8Array) : '');

function defaultGet(target: string): string | Uint8Array {
  const qm = target.indexOf('?');
  const path = qm < 0 ? target : target.slice(0, qm);
  if (qm < 0 && path !== '') {
    const file = homeFile(path);
    if (file) return file;
    const r = qcall('{.h.hn["404 Not Found";`txt;"Not found: ",x]}', V.charVec(path));
    try { return text(r); } finally { r.dispose(); }
  }
  const src = qm < 0 ? 'system "v"' : target.slice(qm + 1);
  const fmt = /\.(\w+)$/.exec(path)?.[1] ?? '';
  const arg = V.charVec(src);
  try {
    let value: K;
    try {
      const decoded = qcall('.h.uh', arg);
      const val = globals.get('.h.val'); // the program's own evaluation, else value
      try { value = qm < 0 ? evaluate(src) : val && val.type >= 100 ? guarded(() => apply(val, [decoded])) : callPrim('value', [decoded]); } finally { decoded.dispose(); }
    } catch (e) {
      const msg = e instanceof QError ? e.message : errName(e);
      const r = qcall('.h.he', V.charVec(msg));
      try { return text(r); } finally { r.dispose(); }
    }
    try {
      if (fmt && fmt !== 'htm' && fmt !== 'html') {
        const f = V.symAtom(fmt);
        try {
          const r = qcall('{$[x in key .h.tx;.h.hy[x] "\\n" sv (),.h.tx[x] y;.h.hn["400 Bad Request";`txt;"\'",string x]]}', f, value);
          try { return text(r); } finally { r.dispose(); }
        } finally { f.dispose(); }
      }
      const lines = show(value).split('\n').map((l) => V.charVec(l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')));
      const list = V.generalOf(lines);
      try {
        const r = qcall('.h.hp', list);
        try { return text(r); } finally { r.dispose(); }
      } finally { list.dispose(); }
    } finally { value.dispose(); }
  } finally { arg.dispose(); }
}

/** The bytes of the file at URL path `path` under .h.HOME, as a 200 response; undefined when
 *  .h.HOME is not set or the path names no regular file inside it. */
function homeFile(path: string): Uint8Array | undefined {
  const home = globals.get('.h.HOME');
  if (!home || (home.type !== 10 && home.type !== -10)) return undefined;
  let rel: string;
  try { rel = decodeURIComponent(path); } catch { return undefined; }
  if (rel.includes('\0') || rel.includes('\\')) return undefined;
  const parts = rel.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return undefined;
  const f = fs();
  let root: string, real: string;
  try {
    root = f.realpathSync(V.textOf(home));
    real = f.realpathSync(root + '/' + parts.join('/'));
  } catch { return undefined; }
  // a symbolic link inside may still point out of the root
  if (real !== root && !real.startsWith(root.endsWith('/') ? root : root + '/')) return undefined;
  let body: Uint8Array;
  try {
    if (!f.statSync(real).isFile()) return undefined;
    body = f.readFileSync(real);
  } catch { return undefined; }
  const ext = /\.([^./]+)$/.exec(real)?.[1]?.toLowerCase() ?? '';
  const e = V.charVec(ext);
  let type: string;
  try {
    const t = qcall('{$[(`$x) in key .h.ty;.h.ty`$x;"application/octet-stream"]}', e);
    try { type = text(t); } finally { t.dispose(); }
  } finally { e.dispose(); }
  const head = new TextEncoder().encode(`HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head); out.set(body, head.length);
  return out;
}

/** The methods .z.pm takes (ref/dotz.md). */
const OTHER_METHODS = new Set(['OPTIONS', 'PATCH', 'PUT', 'DELETE']);
/** The methods served; a connection whose first bytes are one (and a space) speaks HTTP, else kdb+. */
export const HTTP_METHODS = ['GET ', 'POST ', 'OPTIONS ', 'PATCH ', 'PUT ', 'DELETE '];
export const HTTP_START = /^(GET|POST|OPTIONS|PATCH|PUT|DELETE) /;

/** The HTTP response for one request (evaluated on this thread, as any message). */
export function httpAnswer(req: HttpRequest): string | Uint8Array {
  const target = req.target.replace(/^\//, '');
  if (OTHER_METHODS.has(req.method)) {
    const h = globals.get('.z.pm');
    if (!h || h.type < 100) return badRequest('nyi');
    const body = new TextDecoder().decode(req.body);
    const x = requestValue(body ? `${target} ${body}` : target, req.headers);
    const m = V.symAtom(req.method);
    const args = V.generalOf([m, x.item(0), x.item(1)]);
    try {
      const r = guarded(() => apply(h, [args]));
      try { return text(r); } finally { r.dispose(); }
    } catch (e) {
      return badRequest(e instanceof QError ? e.message : errName(e));
    } finally { x.dispose(); m.dispose(); args.dispose(); }
  }
  const hookName = req.method === 'POST' ? '.z.pp' : '.z.ph';
  const h = globals.get(hookName);
  if (h && h.type >= 100) {
    const body = req.method === 'POST' ? new TextDecoder().decode(req.body) : target;
    const x = requestValue(body, req.headers);
    try {
      const r = guarded(() => apply(h, [x]));
      try { return text(r); } finally { r.dispose(); }
    } catch (e) {
      return badRequest(e instanceof QError ? e.message : errName(e));
    } finally { x.dispose(); }
  }
  if (req.method !== 'GET') return badRequest('nyi');
  try { return defaultGet(target); } catch (e) { return badRequest(e instanceof QError ? e.message : errName(e)); }
}

/** Who may make this request: .z.ac's verdict, else basic authentication through
 *  `login` (the -u/-U file and .z.pw, or anyone when neither is set). Either the
 *  user to run the request as, or the response to send instead. */
export function httpAuthorize(req: HttpRequest, login: (user: string, password: string) => boolean): { user: string } | { response: string } {
  const ac = globals.get('.z.ac');
  if (ac && ac.type >= 100) {
    const x = requestValue(req.target.replace(/^\//, ''), req.headers);
    let code: number | null = null, said = '';
    try {
      const r = guarded(() => apply(ac, [x]));
      try {
        if (r.type !== 0 || r.count !== 2) return { response: badRequest('type') };
        const [c, t] = V.itemsOf(r);
        try { code = V.intValue(c); said = t.type === 10 || t.type === -10 ? V.textOf(t) : ''; } finally { c.dispose(); t.dispose(); }
      } finally { r.dispose(); }
    } catch (e) {
      return { response: badRequest(e instanceof QError ? e.message : errName(e)) };
    } finally { x.dispose(); }
    if (code === 1) return { user: said };
    if (code === 2) return { response: said };
    if (code !== 4) return { response: unauthorized() };
  }
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '');
  let user = '', password = '';
  if (m) {
    const plain = new TextDecoder().decode(Uint8Array.from(atob(m[1]), (c) => c.charCodeAt(0)));
    const colon = plain.indexOf(':');
    user = colon < 0 ? plain : plain.slice(0, colon); password = colon < 0 ? '' : plain.slice(colon + 1);
  }
  return login(user, password) ? { user } : { response: unauthorized() };
}

function unauthorized(): string {
  return 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="q"\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';
}

/** Does the response (its head) keep the connection open (Connection: keep-alive, as .h.ka gives)? */
export function keepsAlive(response: string | Uint8Array): boolean {
  const head = typeof response === 'string' ? response.slice(0, response.indexOf('\r\n\r\n') >>> 0)
    : new TextDecoder().decode(response.subarray(0, Math.min(response.length, 4096))).split('\r\n\r\n')[0];
  return /\r\nConnection\s*:\s*keep-alive\s*(\r\n|$)/i.test(head);
}

function badRequest(msg: string): string {
  const body = `'${msg}`;
  return `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: ${new TextEncoder().encode(body).length}\r\n\r\n${body}`;
}
