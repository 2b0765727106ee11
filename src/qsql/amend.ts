// @[t;`c;f], @[t;`c`d;:;v], .[t;(`c;i);f]: a table amended at column names is
// its column dictionary amended (a new name adds a column), flipped back; a
// result whose columns differ in length is 'length, as flip says.

import type { K } from '../k.js';
import { tableHooks, amend1 } from '../lang/values.js';
import { callPrim } from '../lang/eval.js';

tableHooks.tableAmend = (t: K, names: K, g: (old: K) => K): K => {
  const d = callPrim('flip', [t]);
  try {
    const r = amend1(d, names, g);
    try { return callPrim('flip', [r]); } finally { r.dispose(); }
  } finally { d.dispose(); }
};
