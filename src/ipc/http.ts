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

import { K } from '../k.js';
import { QError } from '../errors.js';
import { globals, apply, guarded, evaluate, callPrim, errName } from '../lang/eval.js';
import * as V from '../lang/values.js';
import { show } from '../display.js';

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

function defaultGet(target: string): string {
  const qm = target.indexOf('?');
  const path = qm < 0 ? target : target.slice(0, qm);
  if (qm < 0 && path !== '') {
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

/** The HTTP response for one request (evaluated on this thread, as any message). */
export function httpAnswer(req: HttpRequest): string {
  const target = req.target.replace(/^\//, '');
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

function badRequest(msg: string): string {
  const body = `'${msg}`;
  return `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: ${new TextEncoder().encode(body).length}\r\n\r\n${body}`;
}
