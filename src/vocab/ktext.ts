// Keywords that kdb+ defines as k lambdas in the .q namespace show their k
// definition at the console (`iasc` shows `k){…}`, basics/funsql.md). Only the
// texts the q reference itself prints are known here: iasc and idesc
// (basics/funsql.md), each and til (ref/parse.md), peach (learn/views.md) and
// fby (basics/funsql.md, basics/parsetrees.md). Every other keyword keeps
// showing its name or its k unary form.

import { KEYWORD_TEXT } from '../lang/eval.js';

Object.assign(KEYWORD_TEXT, {
  iasc: "k){$[0h>@x;'`rank;<x]}",
  idesc: "k){$[0h>@x;'`rank;>x]}",
  each: "k){x'y}",
  peach: "k){x':y}",
  til: "k){$[0>@x;!x;'`type]}",
  fby: "k){@[(#y)#x[0]0#x 1;g;:;x[0]'x[1]g:.=y]}",
});
