// Messages a server pushes, as an async iterator: what both clients (TCP and
// WebSocket) give for `for await (const x of h)`.

import type { K } from '../k.js';

/** The parts of a connection the iterator needs. */
export interface PushSource {
  on(event: 'message', f: (x: K) => void): unknown;
  off(event: 'message', f: (x: K) => void): unknown;
  readonly closed: boolean;
}

/** Pushed messages in arrival order; ends when the connection closes (`onClose`
 *  holds the wake-ups the connection calls when it does). Messages not taken are
 *  released when the iteration ends. */
export async function* pushedMessages(c: PushSource, onClose: Set<() => void>): AsyncGenerator<K> {
  const queue: K[] = [];
  let wake: (() => void) | undefined;
  const f = (x: K) => { queue.push(x); wake?.(); };
  c.on('message', f);
  try {
    for (;;) {
      while (queue.length) yield queue.shift()!;
      if (c.closed) return;
      await new Promise<void>((res) => { wake = res; onClose.add(res); });
      wake = undefined;
    }
  } finally {
    c.off('message', f);
    queue.forEach((k) => k.dispose());
  }
}
