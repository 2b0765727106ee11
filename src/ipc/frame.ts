// Splitting a TCP byte stream into kdb+ messages. Each message is gathered
// straight into an engine byte vector as its chunks arrive (the one copy out of
// the socket's buffers), then decoded in place by the engine's codec.

import { E, mem, alloc } from '../runtime.js';
import { QError } from '../errors.js';
import { K } from '../k.js';
import { readMessage } from './codec.js';
import { messageLength } from './header.js';

export interface Incoming { msgType: number; value?: K; error?: QError }

/** Collects messages from chunks; `onMessage` gets each decoded value (owned). */
export class MessageReader {
  #head = new Uint8Array(8);
  #have = 0;          // header bytes, then message bytes, gathered so far
  #block = 0;         // the engine byte vector being filled
  #size = 0;
  #skip = 0;          // bytes left of a message refused for its size
  constructor(private onMessage: (m: Incoming) => void, private maxSize = 0x7fffffff) {}

  push(chunk: Uint8Array): void {
    let o = 0;
    while (o < chunk.length) {
      if (this.#skip > 0) {
        const take = Math.min(this.#skip, chunk.length - o);
        this.#skip -= take; o += take;
        continue;
      }
      if (!this.#block) {
        const take = Math.min(8 - this.#have, chunk.length - o);
        this.#head.set(chunk.subarray(o, o + take), this.#have);
        this.#have += take; o += take;
        if (this.#have < 8) return;
        const size = messageLength(this.#head);
        if (this.#head[0] > 1 || size < 9) throw new QError('badmsg');
        if (size > this.maxSize) {
          // too big to take (the limit, or past what the engine can hold): its bytes are
          // skipped and the message answers 'limit; the connection goes on
          this.#skip = size - 8; this.#have = 0;
          this.onMessage({ msgType: this.#head[1], error: new QError('limit') });
          continue;
        }
        this.#size = size;
        this.#block = alloc(4, size);
        mem().u8.set(this.#head, this.#block + 16);
      }
      const take = Math.min(this.#size - this.#have, chunk.length - o);
      mem().u8.set(chunk.subarray(o, o + take), this.#block + 16 + this.#have);
      this.#have += take; o += take;
      if (this.#have === this.#size) this.#deliver();
    }
  }

  #deliver(): void {
    const b = this.#block;
    const msgType = mem().u8[b + 17];
    this.#block = 0; this.#have = 0;
    let m: Incoming;
    try {
      const r = readMessage(b + 16, this.#size);
      m = { msgType, value: new K(r.value) };
    } catch (e) {
      m = { msgType, error: e instanceof QError ? e : new QError(String(e)) };
    } finally { E.r0(b); }
    this.onMessage(m);
  }

  /** Releases a partly gathered message (the connection closed). */
  dispose(): void { if (this.#block) { E.r0(this.#block); this.#block = 0; } }
}
