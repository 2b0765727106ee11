// \T n (and -T n): the longest a client's message may run, in seconds (0: no
// limit). Past it the evaluation stops with 'stop, which goes back to a sync
// caller as its error (basics/syscmds.md, basics/cmdline.md). The interpreter's
// interrupt check (every lambda call and loop iteration) reads the clock.

import { K } from '../k.js';
import { QError } from '../errors.js';
import { systemHooks } from '../lang/internals.js';
import { getInterruptCheck, setInterruptCheck } from '../interrupt.js';
import * as V from '../lang/values.js';
import { refuseToClients } from './sandbox.js';

let seconds = 0;

systemHooks.T = (arg: string): K | null => {
  if (!arg.trim()) return V.intAtom(seconds);
  refuseToClients();
  const n = Number(arg.trim());
  if (!Number.isInteger(n) || n < 0) throw new QError('type');
  seconds = n;
  return null;
};

/** Runs one client message's evaluation under the \T limit. */
export function withClientTimeout<T>(f: () => T): T {
  if (seconds <= 0) return f();
  const prev = getInterruptCheck();
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  setInterruptCheck(() => {
    prev?.();
    // the clock every 16 checks: a check is a lambda call or a loop iteration
    if ((++n & 15) === 0 && performance.now() > deadline) throw new QError('stop');
  });
  try { return f(); } finally { setInterruptCheck(prev); }
}
