// The playground: a q console whose engine runs in a worker (qwasm/worker).
// Each input prints the console's exact text; tables also show as a grid and
// numeric vectors (and a table's numeric columns) as a chart. History lives in
// localStorage; "share link" puts this session's inputs in the URL hash.
// "connect" sends the inputs to a kdb+ (or qwasm) server over WebSocket
// instead; the results come back as kdb+ messages, decoded on this thread.
import { worker, type QWorker } from '../../src/worker/client.js';
import type { K } from '../../src/index.js';
import { grid, isGridable } from './grid.js';
import { chart, isChartable, barsOf, numbers } from './chart.js';
import { q, connectWebSocket } from '../../src/index.js';
import type { WebSocketConnection } from '../../src/ipc/wsclient.js';
import { LiveDemo } from './live.js';
import { load } from './drop.js';

const EXAMPLES: [string, string][] = [
  ['a table', 't:([] time:09:30:00+60*til 12; sym:12#`IBM`MSFT`AAPL; px:100+sums 12?1.0; size:100*1+12?10)'],
  ['show it', 't'],
  ['a random walk', 'sums 200?-1 1'],
  ['moving average', '5 mavg sums 100?1.0'],
  ['timing', '\\t sum til 1000000'],
  ['a lambda', 'f:{x*x}; f til 10'],
  ['dictionary', '`a`b`c!1 2 3'],
  ['an error', '1+`a'],
];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const log = $('log'), editor = $<HTMLTextAreaElement>('editor'), status = $('status');
const stopButton = $<HTMLButtonElement>('stop');

const HISTORY_KEY = 'qwasm.playground.history';
const history: string[] = (() => { try { return JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]'); } catch { return []; } })();
let hpos = history.length;
const session: string[] = [];
let db: QWorker;
let running = 0;

function pre(text: string, cls: string): HTMLPreElement {
  const p = document.createElement('pre');
  p.className = cls;
  p.textContent = text;
  return p;
}

/** Views of one result: the console text always; a grid and/or chart when they apply. */
function render(text: string, value: K | null): HTMLElement {
  const box = document.createElement('div');
  box.className = 'result';
  // the first view shows: a table's grid; a long vector's chart; otherwise q's text
  const textView = pre(text, 'out');
  const grids = value && isGridable(value) ? grid(value) : null;
  const bars = value && !grids ? barChart(value) : null;
  const lines = value && !bars ? chartables(value) : [];
  const chartEl = bars ?? (lines.length ? chartView(lines) : null);
  const chartFirst = chartEl !== null && (grids !== null || value!.count >= 50);
  const views: [string, HTMLElement][] = [];
  if (grids) views.push(['grid', grids]);
  if (chartEl && chartFirst) views.push(['chart', chartEl]);
  views.push(['text', textView]);
  if (chartEl && !chartFirst) views.push(['chart', chartEl]);
  if (views.length > 1) {
    const bar = document.createElement('div');
    bar.className = 'views';
    views.forEach(([name, el], i) => {
      const b = document.createElement('button');
      b.textContent = name;
      b.dataset.view = name;
      b.onclick = () => {
        views.forEach(([, e]) => { e.hidden = e !== el; });
        bar.querySelectorAll('button').forEach((x) => x.classList.toggle('on', x === b));
      };
      if (i === 0) b.classList.add('on');
      bar.append(b);
    });
    box.append(bar);
  }
  views.forEach(([name, el], i) => { el.hidden = i !== 0; el.dataset.view = name; box.append(el); });
  return box;
}

/** A dictionary of simple keys to numbers (count each group x, sums by key) as bars. */
function barChart(k: K): HTMLElement | null {
  if (k.type !== 99) return null;
  const keys = k.keys, vals = k.values;
  try {
    if (!(keys.type > 0 && keys.type < 20) || !isChartable(vals) || vals.count > 200) return null;
    const labels = keys.type === 11 ? (keys.toJS() as string[]) : (() => {
      const s = q('string', keys);
      try { return (s.toJS() as unknown[]).map(String); } finally { s.dispose(); }
    })();
    const box = document.createElement('div');
    box.append(barsOf(labels, numbers(vals)));
    return box;
  } finally { keys.dispose(); vals.dispose(); }
}

/** Numeric vectors to chart: the value itself, or a table's numeric columns by name. */
function chartables(k: K): [string, K][] {
  if (isChartable(k)) return [['', k.ref()]];
  if (k.type !== 98) return [];
  const vals = k.values, out: [string, K][] = [];
  try {
    k.columns.forEach((name, i) => {
      const c = vals.item(i);
      if (isChartable(c) && c.type !== 11) out.push([name, c]); else c.dispose();
    });
  } finally { vals.dispose(); }
  return out;
}

function chartView(cols: [string, K][]): HTMLElement {
  const box = document.createElement('div');
  const draw = (i: number) => {
    box.querySelector('canvas')?.remove();
    box.append(chart(cols[i][1]));
  };
  if (cols.length > 1 || cols[0][0]) {
    const bar = document.createElement('div');
    bar.className = 'chartbar';
    const sel = document.createElement('select');
    cols.forEach(([name], i) => sel.append(new Option(name, String(i))));
    sel.value = String(cols.length - 1);
    sel.onchange = () => draw(Number(sel.value));
    bar.append('column ', sel);
    box.append(bar);
  }
  draw(cols.length - 1);
  // the canvases are drawn; the handles are no longer needed
  cols.forEach(([, k]) => k.dispose());
  return box;
}

/** A connected kdb+ server: inputs go there while it is set. */
let remote: { url: string; h: WebSocketConnection } | undefined;

/** The server's answer to text, as the console would show it (nothing for ::). */
async function remoteEval(h: WebSocketConnection, text: string): Promise<{ text: string | null; value: K }> {
  const value = await h.sync(text);
  const nothing = value.type === 101 && String(value) === '::';
  return { text: nothing ? null : value.show(), value };
}

async function run(text: string): Promise<void> {
  const entry = document.createElement('section');
  entry.className = remote ? 'entry remote' : 'entry';
  entry.append(pre(text.split('\n').map((l, i) => (i ? '  ' : 'q)') + l).join('\n'), 'in'));
  if (remote) entry.dataset.server = remote.url;
  log.append(entry);
  running++;
  stopButton.disabled = remote !== undefined;
  status.textContent = 'running…';
  let value: K | null = null;
  try {
    const r = remote ? await remoteEval(remote.h, text) : await db.evaluate(text);
    value = r.value;
    if (r.text !== null && r.text !== '') entry.append(render(r.text, value));
  } catch (e) {
    entry.append(pre("'" + (e as Error).message, 'err'));
  } finally {
    value?.dispose();
    if (--running === 0) { stopButton.disabled = true; status.textContent = remote ? 'remote ' + remote.url : 'ready'; }
    log.scrollTop = log.scrollHeight;
  }
}

function submit(): void {
  const text = editor.value.replace(/\s+$/, '');
  if (!text.trim()) return;
  editor.value = '';
  if (history[history.length - 1] !== text) history.push(text);
  localStorage.setItem(HISTORY_KEY, JSON.stringify(history.slice(-200)));
  hpos = history.length;
  session.push(text);
  void run(text);
}

editor.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); submit(); return; }
  const before = editor.value.slice(0, editor.selectionStart);
  const after = editor.value.slice(editor.selectionEnd);
  if (e.key === 'ArrowUp' && !before.includes('\n') && hpos > 0) {
    e.preventDefault(); editor.value = history[--hpos];
  } else if (e.key === 'ArrowDown' && !after.includes('\n') && hpos < history.length) {
    e.preventDefault(); editor.value = ++hpos < history.length ? history[hpos] : '';
  }
});

stopButton.onclick = () => { status.textContent = 'stopping…'; void db.interrupt(); };

$('share').onclick = () => {
  location.hash = 'code=' + encodeURIComponent(session.join('\n\n'));
  void navigator.clipboard?.writeText(location.href).catch(() => {});
  status.textContent = 'link in the address bar';
};

const examples = $<HTMLSelectElement>('examples');
EXAMPLES.forEach(([name, code]) => examples.append(new Option(name, code)));
examples.onchange = () => {
  if (!examples.value) return;
  editor.value = examples.value;
  examples.value = '';
  editor.focus();
};

// a CSV or Arrow file dropped anywhere on the page becomes a table in the worker
document.addEventListener('dragover', (e) => { e.preventDefault(); document.body.classList.add('dropping'); });
document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
document.addEventListener('drop', (e) => {
  e.preventDefault();
  document.body.classList.remove('dropping');
  for (const file of Array.from(e.dataTransfer?.files ?? [])) {
    load(db, file).then((name) => run(name), (err: Error) => {
      const entry = document.createElement('section');
      entry.className = 'entry';
      entry.append(pre(file.name, 'in'), pre("'" + err.message, 'err'));
      log.append(entry);
    });
  }
});

// connect / disconnect a kdb+ server (binary WebSocket frames carry kdb+ messages;
// the next message answers each query, as kdb+'s .z.ws sends it back)
const remoteInput = $<HTMLInputElement>('remote'), connectButton = $<HTMLButtonElement>('connect');
connectButton.onclick = async () => {
  if (remote) {
    const old = remote;
    remote = undefined;
    await old.h.close();
    connectButton.textContent = 'connect';
    remoteInput.disabled = false;
    delete document.body.dataset.remote;
    status.textContent = 'ready';
    return;
  }
  const url = remoteInput.value.trim();
  if (!/^wss?:\/\//.test(url)) { status.textContent = 'a ws:// or wss:// address'; return; }
  status.textContent = 'connecting…';
  try {
    const h = await connectWebSocket(url, { responses: 'any', timeout: 5000 });
    remote = { url, h };
    connectButton.textContent = 'disconnect';
    remoteInput.disabled = true;
    document.body.dataset.remote = url;
    status.textContent = 'remote ' + url;
  } catch (e) {
    status.textContent = `'${(e as Error).message}: ${url}`;
  }
};

// the workspace in the browser's own storage (OPFS, through the worker's sync
// access handles): every global variable, kept across page loads
async function workspace(action: 'save' | 'restore'): Promise<void> {
  status.textContent = action === 'save' ? 'saving…' : 'restoring…';
  try {
    const names = action === 'save' ? await db.saveWorkspace() : await db.restoreWorkspace();
    status.textContent = `${action === 'save' ? 'saved' : 'restored'} ${names.length} name${names.length === 1 ? '' : 's'}`;
  } catch (e) {
    status.textContent = `'${(e as Error).message}`;
  }
}
$('save-ws').onclick = () => void workspace('save');
$('restore-ws').onclick = () => void workspace('restore');

let live: LiveDemo | undefined;
const liveButton = $<HTMLButtonElement>('live-toggle');
liveButton.onclick = () => {
  if (!live) return;
  if (live.running) { live.stop(); liveButton.textContent = 'live demo'; } else { void live.start(); liveButton.textContent = 'stop live'; }
};

async function main(): Promise<void> {
  db = await worker();
  live = new LiveDemo(db, $('live'));
  status.textContent = 'ready';
  editor.focus();
  const shared = /^#code=(.*)$/s.exec(location.hash);
  if (shared) {
    for (const input of decodeURIComponent(shared[1]).split('\n\n')) {
      if (input.trim()) { session.push(input); await run(input); }
    }
  }
  document.body.dataset.ready = 'true';
}

main().catch((e) => { status.textContent = 'failed: ' + (e as Error).message; });
