// Splitting a TCP byte stream into kdb+ messages. A message is gathered
// straight into an engine byte vector as its chunks arrive (the one copy out of
// the socket's buffers), then decoded in place by the engine's codec. A message
// of STREAM_MIN bytes or more is not gathered: BodyStream decodes it as it
// arrives, its large vectors filled straight from the chunks, so a message may
// be larger than any engine block (up to 1 TB with capability 5 and up).

import { E, mem, alloc } from '../runtime.js';
import { QError } from '../errors.js';
import { K } from '../k.js';
import { readMessage } from './codec.js';
import { messageLength } from './header.js';
import { STREAM_MIN } from './send.js';
import { BodyStream } from './bodystream.js';

/** The longest message one engine block holds (a 2 GiB block less its header). */
const MAX_GATHER = 2 ** 31 - 16;

export interface Incoming { msgType: number; value?: K; error?: QError }

/** Collects messages from chunks; `onMessage` gets each decoded value (owned). */
export class MessageReader {
  #head = new Uint8Array(8);
  #have = 0;          // header bytes, then message bytes, gathered so far
  #block = 0;         // the engine byte vector being filled
  #size = 0;
  #skip = 0;          // bytes left of a message refused for its size
  #stream?: BodyStream; // the body of a large message, decoded as it arrives
  #streamError?: QError; // the error that ended it (its remaining bytes are skipped)
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
        if (!this.#block && !this.#stream) {
          const take = Math.min(8 - this.#have, chunk.length);
          this.#head.set(chunk.subarray(0, take), this.#have);
          this.#have += take; o = take;
          if (this.#have === 8) {
            const size = messageLength(this.#head);
            if (this.#head[0] > 1 || size < 9) { this.#queue = []; throw new QError('badmsg'); }
            const streamed = size >= STREAM_MIN && this.#head[0] === 1 && this.#head[2] === 0;
            if (size > this.maxSize || (!streamed && size > MAX_GATHER)) {
              // too big to take (the limit, or past what the engine can hold): its bytes are
              // skipped and the message answers 'limit; the connection goes on
              this.#skip = size - 8; this.#have = 0;
              this.#consumed(o);
              this.onMessage({ msgType: this.#head[1], error: new QError('limit') });
              if (until?.()) return;
              continue;
            }
            this.#size = size;
            if (streamed) {
              this.#stream = new BodyStream(size - 8);
              this.#consumed(o); o = 0;
              continue;
            }
            this.#block = alloc(4, size);
            mem().u8.set(this.#head, this.#block + 16);
          }
        }
        if (this.#stream) {
          const take = Math.min(this.#size - this.#have, chunk.length - o);
          if (!this.#streamError) {
            try { this.#stream.push(chunk.subarray(o, o + take)); } catch (e) {
              this.#streamError = e instanceof QError ? e : new QError(String(e));
              this.#stream.dispose();
            }
          }
          this.#have += take; o += take;
          complete = this.#have === this.#size;
        } else if (this.#block) {
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
    if (this.#stream) {
      const st = this.#stream, msgType = this.#head[1];
      let m: Incoming;
      if (this.#streamError) m = { msgType, error: this.#streamError };
      else {
        try { m = { msgType, value: new K(st.finish()) }; } catch (e) {
          m = { msgType, error: e instanceof QError ? e : new QError(String(e)) };
        }
      }
      st.dispose();
      this.#stream = undefined; this.#streamError = undefined; this.#have = 0;
      this.onMessage(m);
      return;
    }
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
  dispose(): void {
    this.#queue = [];
    if (this.#block) { E.r0(this.#block); this.#block = 0; }
    this.#stream?.dispose(); this.#stream = undefined;
  }
}
