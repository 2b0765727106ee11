// Placeholder q display: replaced by the full formatter.
import type { K } from './k.js';
export function str(k: K): string { return JSON.stringify(k.toJS(), (_k, v) => typeof v === 'bigint' ? String(v) : v); }
export function show(k: K): string { return str(k); }
export const displaySettings = { precision: 7, rows: 25, cols: 80 };
