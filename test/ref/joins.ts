// Naive reference joins over plain JS columns (null long = NJ), one row at a
// time: what the engine's joins (src/table/join.ts) must equal.

export const NJ = -9223372036854775808n;
export type Col = bigint[];
export interface Tab { [name: string]: Col }

const rows = (t: Tab): number => Object.values(t)[0]?.length ?? 0;

/** aj[`s`t;x;y]: for each x row, the last y row with equal s and y.t <= x.t (null sorts first). */
export function aj(x: Tab, y: Tab, eq: string[], time: string, val: string): Col {
  const out: Col = [];
  for (let i = 0; i < rows(x); i++) {
    let hit = -1;
    for (let j = 0; j < rows(y); j++) {
      if (eq.every((c) => y[c][j] === x[c][i]) && y[time][j] <= x[time][i]) hit = j;
    }
    out.push(hit < 0 ? NJ : y[val][hit]);
  }
  return out;
}

/** First row of keyed table y (key columns ks) matching x's row i, or -1. */
function findRow(x: Tab, i: number, y: Tab, ks: string[]): number {
  for (let j = 0; j < rows(y); j++) if (ks.every((c) => y[c][j] === x[c][i])) return j;
  return -1;
}

/** x lj y: y's value columns at x's keys; a column of both keeps x's where there is no match. */
export function lj(x: Tab, y: Tab, ks: string[]): Tab {
  const out: Tab = {};
  const n = rows(x);
  const names = [...Object.keys(x), ...Object.keys(y).filter((c) => !(c in x))];
  for (const c of names) out[c] = [];
  for (let i = 0; i < n; i++) {
    const j = findRow(x, i, y, ks);
    for (const c of names) {
      const fromY = c in y && !ks.includes(c) && j >= 0;
      out[c].push(fromY ? y[c][j] : c in x ? x[c][i] : NJ);
    }
  }
  return out;
}

/** x ij y: the rows of x lj y whose keys are in y. */
export function ij(x: Tab, y: Tab, ks: string[]): Tab {
  const j = lj(x, y, ks);
  const keep = Array.from({ length: rows(x) }, (_, i) => findRow(x, i, y, ks) >= 0);
  const out: Tab = {};
  for (const c of Object.keys(j)) out[c] = j[c].filter((_, i) => keep[i]);
  return out;
}

/** x uj y for simple tables: rows of x then y, columns the union, nulls where missing. */
export function ujSimple(x: Tab, y: Tab): Tab {
  const names = [...Object.keys(x), ...Object.keys(y).filter((c) => !(c in x))];
  const out: Tab = {};
  for (const c of names) out[c] = [...(x[c] ?? new Array(rows(x)).fill(NJ)), ...(y[c] ?? new Array(rows(y)).fill(NJ))];
  return out;
}

/** x uj y for keyed tables on ks: y's rows update x's at equal keys (its columns only), the rest appended. */
export function ujKeyed(x: Tab, y: Tab, ks: string[]): Tab {
  const names = [...Object.keys(x), ...Object.keys(y).filter((c) => !(c in x))];
  const out: Tab = {};
  for (const c of names) out[c] = x[c] ? [...x[c]] : new Array(rows(x)).fill(NJ);
  for (let j = 0; j < rows(y); j++) {
    let at = -1;
    for (let i = 0; i < out[ks[0]].length; i++) if (ks.every((c) => out[c][i] === y[c][j])) { at = i; break; }
    if (at < 0) { for (const c of names) out[c].push(c in y ? y[c][j] : NJ); continue; }
    for (const c of Object.keys(y)) out[c][at] = y[c][j];
  }
  return out;
}
