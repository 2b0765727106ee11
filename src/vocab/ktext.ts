// Keywords that kdb+ defines as other kinds of function than a unary primitive.
//
// k lambdas in the .q namespace (type 100h) show their k definition at the
// console (`iasc` shows `k){…}`, basics/funsql.md). Only the texts the q
// reference itself prints are known here: iasc and idesc (basics/funsql.md),
// each and til (ref/parse.md), peach (learn/views.md), fby
// (basics/funsql.md, basics/parsetrees.md) and xbar (basics/parsetrees.md,
// where qfind finds it by its text).
//
// Other types the reference shows (basics/datatypes.md: `<>` is 105h, prev is
// 109h) and the composition differ is (ref/value.md: value differ is $["b"]
// and ~~':). Applying any of them still runs our kernel; the form is what
// `value`, the console and IPC see.

import { KEYWORD_TEXT, KEYWORD_TYPE, KEYWORD_FORM, primValue, derive, project, callPrim } from '../lang/eval.js';
import * as V from '../lang/values.js';

Object.assign(KEYWORD_TEXT, {
  iasc: "k){$[0h>@x;'`rank;<x]}",
  idesc: "k){$[0h>@x;'`rank;>x]}",
  each: "k){x'y}",
  peach: "k){x':y}",
  til: "k){$[0>@x;!x;'`type]}",
  fby: "k){@[(#y)#x[0]0#x 1;g;:;x[0]'x[1]g:.=y]}",
  xbar: 'k){x*y div x:$[16h=abs[@x];"j"$x;x]}',
});
for (const k of Object.keys(KEYWORD_TEXT)) KEYWORD_TYPE[k] = 100;
Object.assign(KEYWORD_TYPE, { '<>': 105, prev: 109, differ: 105 });

/** '[f;g] of two new values (taken). */
function compose(f: ReturnType<typeof primValue>, g: ReturnType<typeof primValue>): ReturnType<typeof primValue> {
  try { return callPrim("'", [f, g]); } finally { f.dispose(); g.dispose(); }
}

KEYWORD_FORM.differ = () => {
  const cast = primValue('$'), b = V.atomOf(10, 98); // "b"
  let castB;
  try { castB = project(cast, [b, null]); } finally { cast.dispose(); b.dispose(); }
  return compose(castB, compose(primValue('~'), derive("':", primValue('~'))));
};
