// What a client sends for a query (the TCP and the WebSocket client alike).

import { K } from '../k.js';
import { from } from '../construct.js';
import { charVec, generalOf } from '../lang/values.js';

/** The K to send for a query: text alone as a string, else (f;args…). */
export function requestOf(expr: string | K, args: unknown[]): K {
  const f = typeof expr === 'string' ? charVec(expr) : expr.ref();
  if (args.length === 0) return f;
  return generalOf([f, ...args.map((a) => (a instanceof K ? a.ref() : from(a)))]);
}
