// q-sql: registers the 'qsql' extension node kind with the evaluator (text
// templates), the functional forms ?[t;c;b;a…] and ![t;c;b;a] as primitives,
// and fby. Importing this module is what makes q-sql available (src/q.ts does).

import type { K } from '../k.js';
import { XD, XT } from '../types.js';
import { prim } from '../ops/registry.js';
import { extensions, toTree, state } from '../lang/eval.js';
import { qerr } from '../lang/error.js';
import './parse.js'; // registers the q-sql templates with the parser
import type { Template } from './parse.js';
import { templateArgs, templateTree, disposeArgs, quoteSplices } from './tree.js';
import { select, update, simpleExec } from './exec.js';
import './fby.js';
import './amend.js';

/** Is x something a functional query reads: a table, keyed table, dictionary or a name? */
function queryable(x: K): boolean { return x.type === XT || x.type === XD || x.type === -11; }

/** Tables a later layer reads on demand (the files layer's partitioned
 *  tables): `from name` hands it the query's phrases, and it gives the table
 *  (the partitions and columns the query needs; every column when whole) to run them on. */
export const qsqlSources: { has?: (name: string) => boolean; table?: (name: string, c: K, b: K, a: K, whole: boolean, outer?: (name: string) => K | undefined) => K;
  /** checks a table value before a query (an unresolved +x!`t fails as kdb+'s does) */
  check?: (t: K) => void } = {};

function lazySource(from: Template['from'], outer: ((name: string) => K | undefined) | undefined): string | undefined {
  if (from?.k !== 'name' || !qsqlSources.has?.(from.name)) return undefined;
  const local = outer?.(from.name);
  if (local) { local.dispose(); return undefined; }
  return from.name;
}

extensions.qsql = {
  ev(n, cx) {
    const t = n.data as Template;
    const splices = state.splices[state.splices.length - 1];
    const tt = (m: Parameters<typeof toTree>[0]) => toTree(m && quoteSplices(m, splices));
    const lazy = lazySource(t.from, cx.outer);
    const from = lazy === undefined ? cx.ev(t.from) : undefined;
    try {
      if (from) qsqlSources.check?.(from);
      const x = templateArgs(t, tt, (m) => cx.ev(m));
      try {
        const src = from ?? qsqlSources.table!(lazy!, x.c, x.b, x.a, t.op === 'update' || t.op === 'delete', cx.outer);
        try {
          if (t.op === 'select' || t.op === 'exec') return select(src, x.c, x.b, x.a, x.n ?? undefined, x.order ?? undefined, cx.outer);
          return update(src, x.c, x.b, x.a, cx.outer);
        } finally { if (!from) src.dispose(); }
      } finally { disposeArgs(x); }
    } finally { from?.dispose(); }
  },
  tree(n, tt) { return templateTree(n.data as Template, tt); },
};

prim('?', {
  triad: (t, i, p) => simpleExec(t, i, p),
  tetrad: (t, c, b, a) => { if (!queryable(t)) throw qerr('type'); return select(t, c, b, a); },
  nary: (...args: K[]) => {
    if (args.length > 6 || !queryable(args[0])) throw qerr('rank');
    const [t, c, b, a, n, order] = args;
    return select(t, c, b, a, n, order);
  },
});
prim('!', { tetrad: (t, c, b, a) => { if (!queryable(t)) throw qerr('type'); return update(t, c, b, a); } });
