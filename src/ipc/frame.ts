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

  #queue: Uint8Array[] = []; // chunks not yet taken, oldest first

  /** Takes a chunk. Re-entrant: a message's handler may push more (a blocking read
   *  of the same connection, server.ts); bytes are consumed in arrival order.
   *  `until`, checked after each message, stops delivery early: a blocking call
   *  that has its answer must return before the messages read behind it are
   *  served, and an outer push delivers them later, in order. */
  push(chunk: Uint8Array, until?: () => boolean): void {
    if (chunk.length) this.#queue.push(chunk);
    while (this.#queue.length) {
      const chunk = this.#queue[0];
      let o = 0;
      let complete = false;
      if (this.#skip > 0) {
        o = Math.min(this.#skip, chunk.length);
        this.#skip -= o;
      } else {
        if (!this.#block) {
          const take = Math.min(8 - this.#have, chunk.length);
          this.#head.set(chunk.subarray(0, take), this.#have);
          this.#have += take; o = take;
          if (this.#have === 8) {
            const size = messageLength(this.#head);
            if (this.#head[0] > 1 || size < 9) { this.#queue = []; throw new QError('badmsg'); }
            if (size > this.maxSize) {
              // too big to take (the limit, or past what the engine can hold): its bytes are
              // skipped and the message answers 'limit; the connection goes on
              this.#skip = size - 8; this.#have = 0;
              this.#consumed(o);
              this.onMessage({ msgType: this.#head[1], error: new QError('limit') });
              if (until?.()) return;
              continue;
            }
            this.#size = size;
            this.#block = alloc(4, size);
            mem().u8.set(this.#head, this.#block + 16);
          }
        }
        if (this.#block) {
          const take = Math.min(this.#size - this.#have, chunk.length - o);
          mem().u8.set(chunk.subarray(o, o + take), this.#block + 16 + this.#have);
          this.#have += take; o += take;
          complete = this.#have === this.#size;
        }
      }
      this.#consumed(o);
      if (complete) { this.#deliver(); if (until?.()) return; }
    }
  }

  /** Whether bytes are waiting to be taken (a handler that pushes re-enters). */
  get pending(): boolean { return this.#queue.length > 0; }

  #consumed(o: number): void {
    if (o >= this.#queue[0].length) this.#queue.shift(); else this.#queue[0] = this.#queue[0].subarray(o);
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
  dispose(): void { this.#queue = []; if (this.#block) { E.r0(this.#block); this.#block = 0; } }
}
