// Leak check for every test: handles a test creates are tracked and disposed
// after it, then the engine's live blocks must be back where they started.
import { beforeEach, afterEach, expect } from 'vitest';
import fc from 'fast-check';
import { trackHandles, disposeTracked } from '../src/k.js';
import { q } from '../src/index.js';

// A watchdog, not a speed check: shrinking a failed property can run for tens of
// minutes (it did once, in CI). Any property still running after five minutes
// fails with the counterexample found so far; the slowest run at load 14 takes ~45 s.
fc.configureGlobal({ interruptAfterTimeLimit: 300_000, markInterruptAsFailure: true });

let before = 0;
beforeEach(() => {
  trackHandles(true);
  before = q.memory().blocks;
});
afterEach(() => {
  disposeTracked();
  // a suite that keeps state across tests (the conformance transcripts) checks per file instead
  if ((globalThis as { QWASM_LEAK_CHECK?: boolean }).QWASM_LEAK_CHECK === false) return;
  const after = q.memory().blocks;
  expect(after, 'engine blocks leaked by this test').toBe(before);
});
