// Evaluating what a peer sends: kdb+'s default (text as q, a list (f;args…) as
// `value` applies it), the .z.pg/.z.ps hooks, and .z.w .z.u .z.a set to the
// caller while it runs. Used by the server (server.ts) for its clients and by
// the clients (client.ts, qhandles.ts) for requests a server sends back; kept
// apart from the sockets so the browser bundle, which cannot listen, has it too.

import { K } from '../k.js';
import { QError } from '../errors.js';
import { globals, callPrim, apply, guarded, errName, evaluate } from '../lang/eval.js';
import * as V from '../lang/values.js';
import { serialize, deserialize, serializeError } from './codec.js';

/** A global function hook such as .z.pg, if the q program set one. */
export function hook(name: string): K | undefined {
  const f = globals.get(name);
  return f && f.type >= 100 ? f : undefined;
}

/** Runs f with .z.w .z.u .z.a set to the caller, restoring them after. */
export function asCaller<T>(who: Caller, f: () => T): T {
  const saved = ['.z.w', '.z.u', '.z.a'].map((n) => [n, globals.get(n)] as const);
  globals.set('.z.w', V.intAtom(who.handle));
  globals.set('.z.u', V.symAtom(who.user));
  globals.set('.z.a', V.intAtom(who.addr));
  try { return f(); } finally {
    for (const [n, old] of saved) {
      globals.get(n)?.dispose();
      if (old) globals.set(n, old); else globals.delete(n);
    }
  }
}

export interface Caller { handle: number; user: string; addr: number }

/** kdb+'s default evaluation of a message: text as q, anything else by `value`. */
export function evalMessage(x: K): K {
  return guarded(() => {
    if (x.type === 10 || x.type === -10) {
      const t = x.type === -10 ? V.charVec(V.textOf(x)) : x.ref();
      try { return callPrim('value', [t]); } finally { t.dispose(); }
    }
    if (x.type === 0 && x.count > 0) {
      // (f;args…): f (evaluated first when a string or a symbol) called with, or
      // indexed by, the rest — value's rule for lists (ref/value.md), not eval's
      const items = V.itemsOf(x);
      try {
        const head = items[0];
        const f = head.type === 10 || head.type === -10 ? evaluate(V.textOf(head))
          : head.type === -11 ? callPrim('value', [head]) : head.ref();
        try { return apply(f, items.slice(1)); } finally { f.dispose(); }
      } finally { items.forEach((k) => k.dispose()); }
    }
    return callPrim('value', [x]);
  });
}

/** Evaluates an async message pushed on handle h (as a client), through .z.ps. */
export function evalPushed(x: K, h: number): void {
  try { asCaller({ handle: h, user: '', addr: 0 }, () => handle(x, false)).dispose(); } catch { /* async: nobody to answer */ }
}

/** Answers a sync request a server sent to this process as a client on handle h
 *  (through .z.pg, .z.w being h): the response message bytes, or an error message. */
export function answerRequest(bytes: Uint8Array, h: number, compress = false): Uint8Array {
  let x: K;
  try { x = deserialize(bytes); } catch (e) { return serializeError(e instanceof QError ? e.message : 'badmsg'); }
  try { return answerRequestK(x, h, compress); } finally { x.dispose(); }
}

/** answerRequest for a decoded request (borrowed). */
export function answerRequestK(x: K, h: number, compress = false): Uint8Array {
  try {
    const r = asCaller({ handle: h, user: '', addr: 0 }, () => handle(x, true));
    try { return serialize(r, { msgType: 2, compress }); } finally { r.dispose(); }
  } catch (e) {
    return serializeError(e instanceof QError ? e.message : errName(e));
  }
}

/** Evaluates one incoming message through the .z hook for its type. */
export function handle(x: K, sync: boolean): K {
  const h = hook(sync ? '.z.pg' : '.z.ps');
  return h ? guarded(() => apply(h, [x])) : evalMessage(x);
}
