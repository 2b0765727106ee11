// Leak check for every test: handles a test creates are tracked and disposed
// after it, then the engine's live blocks must be back where they started.
import { beforeEach, afterEach, expect } from 'vitest';
import { trackHandles, disposeTracked } from '../src/k.js';
import { q } from '../src/index.js';

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
