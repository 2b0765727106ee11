// Interrupting a running evaluation from another thread. A host (the worker,
// when the page is cross-origin isolated) installs a check that reads a flag in
// shared memory; the interpreter calls checkInterrupt() at every lambda call
// and every while/do iteration, and the check throws QError('stop') when the
// flag is set. With no check installed this is one null test.

let check: (() => void) | null = null;

export function setInterruptCheck(f: (() => void) | null): void { check = f; }
export function getInterruptCheck(): (() => void) | null { return check; }

export function checkInterrupt(): void { if (check !== null) check(); }
