// Interrupting a running evaluation. A host installs a check that throws
// QError('stop') when a stop was asked for: the worker (a flag in shared
// memory set by the client thread), \T (a deadline), the console (Ctrl-C).
// The interpreter calls checkInterrupt() at every lambda call and every
// while/do iteration; long wasm kernels call kernelPoll() (the engine's
// `poll` import, assembly/poll.ts) once per chunk of work. With no check
// installed each is one null test.

let check: (() => void) | null = null;

export function setInterruptCheck(f: (() => void) | null): void { check = f; }
export function getInterruptCheck(): (() => void) | null { return check; }

export function checkInterrupt(): void { if (check !== null) check(); }

/**
 * The kernels' poll: 1 when the check asks to stop, else 0. Whatever the
 * check throws becomes 1: an exception thrown into the engine would unwind a
 * kernel without freeing its blocks, so the kernel is told instead, cleans
 * up, and fails with 'stop itself.
 */
export function kernelPoll(): number {
  if (check === null) return 0;
  try { check(); return 0; } catch { return 1; }
}
