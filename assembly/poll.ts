// Stopping a long kernel. A kernel whose run time grows with its input asks
// the host, once per chunk of work, whether to stop (an interrupt from another
// thread, \T's deadline, Ctrl-C at the console: src/interrupt.ts answers). A
// kernel told to stop frees what it made and fails with ESTOP ('stop), so a
// stop leaves no half-built value and no leaked block behind. The host only
// answers: it never throws through a kernel, which would skip that clean-up.

import { fail } from "./mem";
import { ESTOP } from "./shared/types";

@external("env", "poll")
declare function hostPoll(): i32;

/** Items between two polls (a power of two): tens to hundreds of µs of work. */
export const POLL_ITEMS: u32 = 1 << 16;

/** Whether the host asks the running kernel to stop (one call to the host). */
export function stopNow(): bool { return hostPoll() != 0; }

/** At every POLL_ITEMS-th item i (never at 0, so short inputs never call the
 *  host): whether to stop. One well-predicted branch per item otherwise. */
@inline export function stopAt(i: usize): bool {
  return (<u32>i & (POLL_ITEMS - 1)) == 0 && i != 0 && hostPoll() != 0;
}

/** Sets 'stop as the engine's error; returns 0 for the kernel to return. */
export function stopped(): usize { return fail(ESTOP); }
