// A q table (or keyed table) as an HTML grid. Cell text is q's own: `string`
// of each simple column (nulls print empty, as the console shows them in
// tables), the one-line form (-3!) of each item of a general column.
import { q, type K } from '../../src/index.js';

export const MAX_ROWS = 500;

const isTable = (k: K): boolean => k.type === 98;
/** A table, or a dictionary of two tables (a keyed table). */
export const isGridable = (k: K): boolean => isTable(k) || (k.type === 99 && withParts(k, (a, b) => isTable(a) && isTable(b)));

function withParts<T>(k: K, f: (keys: K, vals: K) => T): T {
  const a = k.keys, b = k.values;
  try { return f(a, b); } finally { a.dispose(); b.dispose(); }
}

/** Cell texts of a column, at most n of them. */
function cells(col: K, n: number): string[] {
  const head = q('#', Math.min(n, col.count), col);
  try {
    if (head.type === 0) return Array.from({ length: head.count }, (_, i) => { const x = head.item(i); try { return x.toString(); } finally { x.dispose(); } });
    const s = q('string', head);
    try { return (s.toJS() as unknown[]).map((x) => (typeof x === 'string' ? x : String(x))); } finally { s.dispose(); }
  } finally { head.dispose(); }
}

interface Column { name: string; key: boolean; type: number; text: string[] }

function columnsOf(t: K, key: boolean, n: number): Column[] {
  const vals = t.values;
  try {
    return t.columns.map((name, i) => {
      const c = vals.item(i);
      try { return { name, key, type: c.type, text: cells(c, n) }; } finally { c.dispose(); }
    });
  } finally { vals.dispose(); }
}

export function grid(k: K): HTMLElement {
  const cols = isTable(k) ? columnsOf(k, false, MAX_ROWS)
    : withParts(k, (a, b) => [...columnsOf(a, true, MAX_ROWS), ...columnsOf(b, false, MAX_ROWS)]);
  const rows = k.count;
  const table = document.createElement('table');
  table.className = 'grid';
  const head = table.createTHead().insertRow();
  for (const c of cols) {
    const th = document.createElement('th');
    th.textContent = c.name;
    if (c.key) th.className = 'key';
    head.append(th);
  }
  const body = table.createTBody();
  const shown = Math.min(rows, MAX_ROWS);
  for (let r = 0; r < shown; r++) {
    const tr = body.insertRow();
    for (const c of cols) {
      const td = tr.insertCell();
      td.textContent = c.text[r] ?? '';
      if (c.type === 11) td.className = 'sym';
      else if (c.type === 0 || c.type === 10) td.className = 'str';
    }
  }
  const box = document.createElement('div');
  box.className = 'scroll';
  box.append(table);
  if (rows > shown) {
    const more = document.createElement('div');
    more.className = 'more';
    more.textContent = `… ${rows - shown} more rows`;
    box.append(more);
  }
  return box;
}
