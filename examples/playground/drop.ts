// Drag and drop a CSV or Arrow file onto the page: it becomes a q table in the
// worker, named after the file. Arrow (IPC stream or file) goes through the
// bridge (qwasm/arrow); CSV through a small reader that types each column as
// q would load it with 0: — long, float, date, timestamp, else symbol.
import { K, q } from '../../src/index.js';
import { fromArrowIPC } from '../../src/arrow/index.js';
import type { QWorker } from '../../src/worker/client.js';

/** A q name from a file name: letters, digits and _ , starting with a letter. */
export function tableName(file: string): string {
  const base = file.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z]/.test(base) ? base : 't' + base;
}

/** RFC 4180 rows: quoted fields may hold commas, newlines and "" for a quote. */
function rows(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') out.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.length > 1 || row[0] !== '') out.push(row);
  return out;
}

const INT = /^-?\d+$/, FLOAT = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, DATE = /^\d{4}-\d{2}-\d{2}$/;
const STAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/;

/** One CSV column as a q vector: the narrowest type every non-empty field fits. */
function column(fields: string[]): K {
  const present = fields.filter((f) => f !== '');
  const all = (re: RegExp) => present.length > 0 && present.every((f) => re.test(f));
  const orNull = <T>(f: (s: string) => T) => fields.map((s) => (s === '' ? null : f(s)));
  if (all(INT) && present.every((f) => Number.isSafeInteger(Number(f)))) return K.long(orNull(Number));
  if (all(FLOAT)) return K.float(orNull(Number));
  if (all(DATE)) return K.date(orNull((s) => new Date(s + 'T00:00:00Z')));
  if (all(STAMP)) return K.timestamp(orNull((s) => new Date(s.replace(' ', 'T').replace(/Z?$/, 'Z'))));
  return K.symbol(fields);
}

export function fromCSV(text: string): K {
  const [header, ...body] = rows(text);
  if (!header) throw new Error('empty CSV');
  const cols: Record<string, K> = {};
  header.forEach((name, j) => { cols[name.trim() || `x${j}`] = column(body.map((r) => r[j] ?? '')); });
  try { return q.table(cols); } finally { Object.values(cols).forEach((k) => k.dispose()); }
}

/** Loads a dropped file into the worker as a table; resolves to its q name. */
export async function load(db: QWorker, file: File): Promise<string> {
  const name = tableName(file.name);
  const k = /\.csv$/i.test(file.name) ? fromCSV(await file.text()) : fromArrowIPC(new Uint8Array(await file.arrayBuffer()));
  try { await db.set(name, k); } finally { k.dispose(); }
  return name;
}
