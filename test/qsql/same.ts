// Two q results that must match (~), shown side by side when they do not; both disposed.
import { expect } from 'vitest';
import { q, type K } from '../../src/index.js';

export function same(fast: K, slow: K, what: string): void {
  const ok = q.match(fast, slow).toJS();
  if (!ok) expect(`${fast}`, what).toBe(`${slow}`);
  expect(ok, what).toBe(true);
  fast.dispose(); slow.dispose();
}
