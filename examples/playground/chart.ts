// A line chart of one numeric q vector on a canvas: no chart library. Values
// are q's stored numbers (temporals in their own units), nulls leave gaps,
// infinities are left out of the scale.
import type { K } from '../../src/index.js';

const NUMERIC = new Set([4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19]);
export const isChartable = (k: K): boolean => NUMERIC.has(k.type) && k.count > 1;

function values(k: K): Float64Array {
  const d = k.data, n = k.count, out = new Float64Array(n);
  // integer nulls and infinities by width; floats use NaN and ±Infinity themselves
  const width = d instanceof BigInt64Array ? 64 : d instanceof Int32Array ? 32 : d instanceof Int16Array ? 16 : 0;
  const inf = width === 64 ? 2 ** 63 : width ? 2 ** (width - 1) - 1 : Infinity;
  for (let i = 0; i < n; i++) {
    const x = Number(d[i]);
    out[i] = width === 64 ? (Math.abs(x) >= 2 ** 63 - 1024 ? NaN : x) : Math.abs(x) >= inf ? NaN : x;
  }
  return out;
}

const fmt = (x: number): string => (Math.abs(x) >= 1e6 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : String(+x.toPrecision(6)));

export function chart(k: K, width = 640, height = 220): HTMLCanvasElement {
  return chartOf(values(k), width, height);
}

/** A canvas of width × height CSS pixels drawn at the screen's pixel density. */
function canvasOf(className: string, width: number, height: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const canvas = document.createElement('canvas');
  canvas.className = className;
  const dpr = globalThis.devicePixelRatio || 1;
  canvas.width = width * dpr; canvas.height = height * dpr;
  canvas.style.width = width + 'px'; canvas.style.height = height + 'px';
  const g = canvas.getContext('2d')!;
  g.scale(dpr, dpr);
  return [canvas, g];
}

/** A line chart of numbers (NaN leaves a gap). */
export function chartOf(ys: Float64Array, width = 640, height = 220): HTMLCanvasElement {
  const [canvas, g] = canvasOf('chart', width, height);
  let lo = Infinity, hi = -Infinity;
  for (const y of ys) if (Number.isFinite(y)) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
  if (lo === Infinity) { lo = 0; hi = 1; }
  if (lo === hi) { lo -= 1; hi += 1; }
  const L = 64, R = 12, T = 10, B = 22, w = width - L - R, h = height - T - B;
  const X = (i: number) => L + (ys.length === 1 ? w / 2 : (i / (ys.length - 1)) * w);
  const Y = (y: number) => T + h - ((y - lo) / (hi - lo)) * h;
  g.font = '11px ui-monospace, monospace';
  g.fillStyle = '#6b6b70'; g.strokeStyle = '#e6e3da'; g.lineWidth = 1;
  for (let j = 0; j <= 4; j++) {
    const y = lo + ((hi - lo) * j) / 4, py = Y(y);
    g.beginPath(); g.moveTo(L, py); g.lineTo(L + w, py); g.stroke();
    g.textAlign = 'right'; g.textBaseline = 'middle'; g.fillText(fmt(y), L - 6, py);
  }
  g.textAlign = 'center'; g.textBaseline = 'top';
  g.fillText('0', X(0), T + h + 6); g.fillText(String(ys.length - 1), X(ys.length - 1), T + h + 6);
  g.strokeStyle = '#0b6e4f'; g.lineWidth = 1.5;
  g.beginPath();
  let pen = false;
  ys.forEach((y, i) => {
    if (!Number.isFinite(y)) { pen = false; return; }
    if (pen) g.lineTo(X(i), Y(y)); else g.moveTo(X(i), Y(y));
    pen = true;
  });
  g.stroke();
  return canvas;
}

/** A bar chart of labelled numbers (a dictionary such as count each group x). */
export function barsOf(labels: string[], ys: Float64Array, width = 640, height = 220): HTMLCanvasElement {
  const [canvas, g] = canvasOf('chart bars', width, height);
  let lo = 0, hi = 0;
  for (const y of ys) if (Number.isFinite(y)) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
  if (lo === hi) hi = lo + 1;
  const L = 64, R = 12, T = 10, B = 22, w = width - L - R, h = height - T - B;
  const Y = (y: number) => T + h - ((y - lo) / (hi - lo)) * h;
  g.font = '11px ui-monospace, monospace';
  g.fillStyle = '#6b6b70'; g.strokeStyle = '#e6e3da';
  for (let j = 0; j <= 4; j++) {
    const y = lo + ((hi - lo) * j) / 4, py = Y(y);
    g.beginPath(); g.moveTo(L, py); g.lineTo(L + w, py); g.stroke();
    g.textAlign = 'right'; g.textBaseline = 'middle'; g.fillText(fmt(y), L - 6, py);
  }
  const slot = w / Math.max(1, ys.length), bw = Math.max(1, slot * 0.7);
  ys.forEach((y, i) => {
    const x = L + i * slot + (slot - bw) / 2;
    if (Number.isFinite(y)) {
      g.fillStyle = '#0b6e4f';
      g.fillRect(x, Math.min(Y(y), Y(0)), bw, Math.abs(Y(y) - Y(0)));
    }
    if (slot >= 14) {
      g.fillStyle = '#6b6b70'; g.textAlign = 'center'; g.textBaseline = 'top';
      g.fillText(labels[i].slice(0, Math.max(1, Math.floor(slot / 7))), x + bw / 2, T + h + 6);
    }
  });
  return canvas;
}

/** q's stored numbers of a numeric vector, nulls and infinities as NaN. */
export { values as numbers };
