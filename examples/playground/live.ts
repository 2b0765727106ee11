// The live demo: a simulated feed appends quotes and trades to q tables in the
// worker several times a second; after each tick the panel re-queries
// per-symbol statistics (a grid), the latest trades with the quote prevailing
// at each (aj), one-second bars (xbar), and the latest prices of one symbol (a
// chart, read with db.view: no copy on a cross-origin isolated page).
//
// Each panel query is listed in its q-sql form first and a form that needs only
// vector primitives second: the q-sql form is used as soon as the engine runs
// it (until then it raises 'nyi and the second form runs).
import type { QWorker } from '../../src/worker/client.js';
import { grid } from './grid.js';
import { chartOf } from './chart.js';

const SETUP = [
  'syms:`IBM`MSFT`AAPL`GOOG',
  'last0:syms!100 200 150 120f',
  'trades:([] time:0#0Np; sym:0#`; px:0#0n; size:0#0)',
  'quotes:([] time:0#0Np; sym:0#`; bid:0#0n; ask:0#0n)',
  // each tick: every symbol's price takes a random step and is quoted around it, then n trades at random symbols near it
  'feed:{[n] last0+:0.05*-10+(count syms)?21; t:.z.p; quotes,:([] time:(count syms)#t; sym:syms; bid:0.01*floor 100*(value last0)-0.02; ask:0.01*ceiling 100*(value last0)+0.02); s:n?syms; p:0.01*floor 0.5+100*last0[s]+0.01*-5+n?11; trades,:([] time:n#t; sym:s; px:p; size:100*1+n?10);}',
  'stats:{g:group x`sym; ([] sym:key g; trades:count each value g; last:x[`px] last each value g; vwap:{[t;i] (t[`size] i) wavg t[`px] i}[x] each value g)}',
].join('\n');

const STATS = ['select trades:count i, last:last px, vwap:size wavg px by sym from trades', 'stats trades'];
const PRICES = ['exec -300 sublist px from trades where sym=`IBM', '-300 sublist (trades`px) where (trades`sym)=`IBM'];
const JOINED = '-6 sublist aj[`sym`time; trades; quotes]';
const BARS = '-8 sublist select open:first px, high:max px, low:min px, close:last px, volume:sum size by 0D00:00:01 xbar time, sym from trades';

export class LiveDemo {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #ticks = 0;
  #use = { stats: 0, prices: 0 };

  constructor(private readonly db: QWorker, private readonly panel: HTMLElement) {}

  get running(): boolean { return this.#timer !== undefined; }

  async start(): Promise<void> {
    if (this.running) return;
    for (const line of SETUP.split('\n')) await this.db.console(line);
    this.panel.hidden = false;
    this.#timer = setTimeout(() => void this.#tick(), 0);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Run the first form of a query that works; remember which one did. (Any
   *  error of a q-sql form falls through to the next: the vector form is the
   *  reference, and its error is the one shown.) */
  async #first<T>(key: 'stats' | 'prices', forms: string[], run: (text: string) => Promise<T>): Promise<T> {
    for (let i = this.#use[key]; ; i++) {
      try { const r = await run(forms[i]); this.#use[key] = i; return r; } catch (e) {
        if (i === forms.length - 1 || (e as Error).message === 'stop') throw e;
      }
    }
  }

  async #tick(): Promise<void> {
    if (!this.running) return;
    try {
      await this.db.console('feed 25', { replay: false });
      this.#ticks++;
      const stats = await this.#first('stats', STATS, (t) => this.db.evaluate(t, { replay: false }));
      const view = await this.#first('prices', PRICES, (t) => this.db.view(t, { replay: false }));
      const px = Float64Array.from(view.columns[0].data as Float64Array);
      await view.release();
      const head = document.createElement('div');
      head.className = 'livehead';
      head.textContent = `live: tick ${this.#ticks}, ${this.#ticks * 25} trades; IBM, last ${px.length} prices` + (view.shared ? ' (read from shared memory)' : '');
      const body = document.createElement('div');
      body.className = 'livebody';
      if (stats.value) { body.append(grid(stats.value)); stats.value.dispose(); }
      body.append(chartOf(px, 520, 160));
      const tables = document.createElement('div');
      tables.className = 'livebody';
      for (const [id, title, text] of [['live-aj', 'latest trades with the prevailing quote: ' + JOINED, JOINED], ['live-bars', 'one-second bars: ' + BARS, BARS]]) {
        const r = await this.db.evaluate(text, { replay: false });
        const box = Object.assign(document.createElement('div'), { id });
        box.append(Object.assign(document.createElement('div'), { className: 'livehead', textContent: title }));
        if (r.value) { box.append(grid(r.value)); r.value.dispose(); }
        tables.append(box);
      }
      this.panel.replaceChildren(head, body, tables);
      this.panel.dataset.ticks = String(this.#ticks);
    } catch (e) {
      this.panel.replaceChildren(Object.assign(document.createElement('pre'), { className: 'err', textContent: "'" + (e as Error).message }));
      this.stop();
      return;
    }
    if (this.running) this.#timer = setTimeout(() => void this.#tick(), 250);
  }
}
