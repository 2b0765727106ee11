// Messages in chunks: the writer's chunked encoding (send.ts) must give the
// bytes -8! gives, and the streaming decoder (bodystream.ts) must rebuild the
// value -9! gives, however the bytes are cut and whichever parts it takes apart
// (a small tryAt makes it take small values apart, as it does large ones).
import { describe, it, expect } from 'vitest';
import { q, K } from '../../src/index.js';
import { serialize, serializeK } from '../../src/ipc/codec.js';
import { messageChunks, MessageWriter, type Sink } from '../../src/ipc/send.js';
import { BodyStream } from '../../src/ipc/bodystream.js';
import { MessageReader, type Incoming } from '../../src/ipc/frame.js';

const VALUES = [
  '(1 2 3;`a`bb`ccc;"text";(1.5 0n 0w;0N 5i);`s#1 2 3;())',
  '([] a:til 50; b:50#`x`yy`zzz; c:50?1.0; d:50#2001.01.01D12:00 0Np)',
  '([k:`a`b`c] v:1 2 3; w:("x";"yy";"zzz"))',
  '`a`b`c!(1;2.5;`d)',
  '`s#`a`b`c!1 2 3',
  '(`u#til 100;`p#1 1 2 2;`g#3 1 3)',
  '(0x0102;0b;1h;2i;3j;4e;5f;"c";`s;2001.01m;2001.01.01;12:00:00.000;12:00;12:00:00;0D12;2001.01.01T12:00;"G"$"12345678-1234-1234-1234-123456789abc")',
  '{x+y}',
  '(+;{x*2};enlist 1)',
  '((((1;2);3);4);5)',
  '(();`$();"";0#0n)',
  '(1000#`a`b`c;1000?1000;til 1000)',
];

function bodyPieces(body: Uint8Array, cut: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let o = 0; o < body.length; o += cut) out.push(body.subarray(o, o + cut));
  return out;
}

describe('chunked encoding', () => {
  it.each(VALUES)('%s: the chunks are the bytes of -8!', (src) => {
    const x = q(src);
    const whole = serialize(x, { msgType: 1 });
    for (const chunk of [1, 8, 33, 1 << 20]) {
      const parts = [...messageChunks(x, 1, undefined, chunk)];
      expect(Buffer.concat(parts).equals(Buffer.from(whole)), `chunk ${chunk}`).toBe(true);
    }
    x.dispose();
  });
  it('an abandoned message releases its reference', () => {
    const x = q('til 1000');
    const it = messageChunks(x, 0, undefined, 64);
    it.next(); it.next();
    it.return!(undefined);
    const never = messageChunks(x, 0, undefined, 64); // never started
    x.dispose();
    expect(q.memory().blocks).toBeGreaterThan(0);
    never.return!(undefined);
  });
});

describe('streaming decoder', () => {
  it.each(VALUES)('%s: decodes as -9! for every cut', (src) => {
    const x = q(src);
    const body = serialize(x).subarray(8);
    for (const tryAt of [1, 16, 100, 1 << 22]) {
      for (const cut of [1, 5, 64, body.length]) {
        const st = new BodyStream(body.length, tryAt);
        for (const p of bodyPieces(body, cut)) st.push(p);
        const y = new K(st.finish());
        st.dispose();
        expect(q.match(x, y).toJS(), `tryAt ${tryAt} cut ${cut}`).toBe(true);
        expect(Buffer.from(serialize(y)).equals(Buffer.from(serialize(x)))).toBe(true);
        y.dispose();
      }
    }
    x.dispose();
  });

  it("malformed or cut bodies are 'badmsg and leave nothing behind", () => {
    const before = q.memory().blocks;
    const x = q('(1 2 3;`a`b;([] a:1 2; b:3 4);`a`b!1 2)');
    const body = serialize(x).subarray(8);
    x.dispose();
    const tries: Uint8Array[] = [];
    tries.push(body.subarray(0, body.length - 1));                // cut short
    tries.push(Uint8Array.from([...body, 0]));                    // a byte too many
    for (let i = 0; i < body.length; i++) { const b = body.slice(); b[i] ^= 0xff; tries.push(b); }
    let failed = 0;
    for (const b of tries) {
      for (const tryAt of [1, 1 << 22]) {
        const st = new BodyStream(b === tries[0] ? body.length : b.length, tryAt);
        try {
          for (const p of bodyPieces(b, 3)) st.push(p);
          const y = st.finish();
          new K(y).dispose();
        } catch (e) {
          expect((e as Error).name).toBe('QError');
          failed++;
        } finally { st.dispose(); }
      }
    }
    expect(failed).toBeGreaterThan(4);
    expect(q.memory().blocks).toBe(before);
  });

  it('a reader decodes a streamed message between small ones, in order', () => {
    const got: K[] = [];
    const reader = new MessageReader((m: Incoming) => { got.push(m.value!); });
    const big = q('(til 9000000;`a`b;"xyz")'); // 72 MB: past STREAM_MIN
    const small = q('42');
    const all = Buffer.concat([serialize(small), ...messageChunks(big, 0), serialize(small)]);
    for (let o = 0; o < all.length; o += 1 << 16) reader.push(all.subarray(o, o + (1 << 16)));
    expect(got.map((k) => k.count)).toEqual([1, 3, 1]);
    expect(q.match(got[1]!, big).toJS()).toBe(true);
    expect(String(got[2])).toBe('42');
    got.forEach((k) => k.dispose()); reader.dispose();
    big.dispose(); small.dispose();
  });

  it('a streamed message decodes to the value sent', () => {
    let value: K | undefined;
    const reader = new MessageReader((m: Incoming) => { value = m.value; });
    const big = q('(til 9000000;`a`b;([] a:til 3))');
    for (const c of messageChunks(big, 0)) reader.push(c);
    expect(value).toBeDefined();
    expect(q.match(big, value!).toJS()).toBe(true);
    value!.dispose(); big.dispose(); reader.dispose();
  });

  it('a writer keeps messages in order behind a streamed one, and waits for drain', async () => {
    const written: Uint8Array[] = [];
    let drain: (() => void) | undefined;
    const sink: Sink = {
      write(b) { written.push(b.slice()); return written.length % 3 !== 0; },
      once(_e, f) { drain = f; },
      destroy() {},
      destroyed: false,
    };
    const w = new MessageWriter(sink);
    const big = q('til 9000000'), small = q('1 2 3');
    w.value(small, 0);
    w.value(big, 0);
    w.value(small, 0);
    while (drain) { const f = drain; drain = undefined; f(); }
    const got: K[] = [];
    const reader = new MessageReader((m) => got.push(m.value!));
    for (const b of written) reader.push(b);
    expect(got.map((k) => k.count)).toEqual([3, 9000000, 3]);
    expect(q.match(got[1]!, big).toJS()).toBe(true);
    got.forEach((k) => k.dispose()); big.dispose(); small.dispose(); reader.dispose();
  });

  it("-8! past the largest block is 'limit; smaller is unchanged", () => {
    const x = q('til 10');
    expect(serializeK(x).count).toBe(8 + 6 + 80);
    x.dispose();
  });
});
