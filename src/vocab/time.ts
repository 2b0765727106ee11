// gtime and ltime (ref/gtime.md): timestamps and datetimes between UTC and the
// host's local time. The offset comes from the JS Date of the instant, which
// honours TZ in Node and the browser's time zone (Intl) on the web, including
// daylight saving.

import { K } from '../k.js';
import { prim, lookup } from '../ops/registry.js';
import { alloc, mem } from '../runtime.js';
import { XD } from '../types.js';
import { qerr, eachItem } from './util.js';

const MS2000 = 946684800000;
const NULL_J = -9223372036854775808n, INF_J = 9223372036854775807n;

/** Minutes east of UTC at the UTC instant ms (1970 epoch). */
const offsetAt = (ms: number): number => -new Date(ms).getTimezoneOffset();

/** Minutes to add to a UTC instant (ltime) or to subtract from a local one (gtime). */
function shiftMinutes(ms: number, toLocal: boolean): number {
  if (toLocal) return offsetAt(ms);
  // the local wall time ms: the offset of the UTC instant that shows it
  const guess = offsetAt(ms - offsetAt(ms) * 60000);
  return -offsetAt(ms - guess * 60000);
}

function convert(x: K, toLocal: boolean): K {
  const t = x.type;
  if (t === 0 || t === XD) return eachItem(x, (v) => convert(v, toLocal));
  const a = Math.abs(t);
  if (a !== 12 && a !== 15) throw qerr('type');
  const n = t < 0 ? 1 : x.count;
  const p = alloc(t, n);
  const m = mem(), src = x.ptr + 16, dst = p + 16;
  for (let i = 0; i < n; i++) {
    if (a === 12) {
      const v = m.i64[(src >>> 3) + i];
      if (v === NULL_J || v === INF_J || v === -INF_J) { m.i64[(dst >>> 3) + i] = v; continue; }
      const ms = Number(v / 1000000n) + MS2000;
      m.i64[(dst >>> 3) + i] = v + BigInt(shiftMinutes(ms, toLocal)) * 60000000000n;
    } else {
      const v = m.f64[(src >>> 3) + i];
      if (!Number.isFinite(v)) { m.f64[(dst >>> 3) + i] = v; continue; }
      const ms = v * 86400000 + MS2000;
      m.f64[(dst >>> 3) + i] = v + shiftMinutes(ms, toLocal) / 1440;
    }
  }
  return new K(p);
}

prim('ltime', { monad: (x) => convert(x, true) });
// ltime is %: in kdb+, as reciprocal is (basics/funsql.md: .q`ltime and .q`reciprocal both show %:):
// reciprocal of a timestamp or datetime is its local time
const temporal = (x: K): boolean => { const a = Math.abs(x.type); return a === 12 || a === 15; };
for (const name of ['reciprocal', '%']) {
  const base = lookup(name)?.monad;
  if (base) prim(name, { monad: (x) => (temporal(x) ? convert(x, true) : base(x)) });
}
prim('gtime', { monad: (x) => convert(x, false) });
