#!/usr/bin/env node
// IPC codec and loopback benchmarks (npm run build first): qwasm vs node-q vs a
// straightforward JS decoder vs a plain JS copy of the same bytes.
//   node --experimental-websocket bench/ipc.bench.mjs [--n 10000000] [--rows 1000000]
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
const require = createRequire(import.meta.url);
const { q, K, serialize, deserialize, listen, connect } = await import('../dist/index.js');
let nodeqCodec;
try { nodeqCodec = require('node-q/lib/c.js'); } catch { /* optional */ }

const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const N = arg('--n', 10_000_000), ROWS = arg('--rows', 1_000_000);

function time(label, f, reps = 5) {
  f(); // warm-up
  const ts = [];
  for (let i = 0; i < reps; i++) { const t0 = performance.now(); f(); ts.push(performance.now() - t0); }
  ts.sort((a, b) => a - b);
  return { label, ms: ts[Math.floor(ts.length / 2)] };
}
async function timeAsync(label, f, reps = 5) {
  await f();
  const ts = [];
  for (let i = 0; i < reps; i++) { const t0 = performance.now(); await f(); ts.push(performance.now() - t0); }
  ts.sort((a, b) => a - b);
  return { label, ms: ts[Math.floor(ts.length / 2)] };
}
const rows = [];
const report = (r, bytes) => { rows.push({ ...r, mbps: bytes ? (bytes / 1e6) / (r.ms / 1e3) : undefined }); };

/** A WebSocket client in a few lines over a raw socket: binary frames, a zero mask key. */
async function rawWebSocket(port) {
  const net = await import('node:net');
  const s = net.connect(port, '127.0.0.1');
  await new Promise((res) => s.once('connect', res));
  s.write('GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
  let buf = Buffer.alloc(0), waiting;
  await new Promise((res) => s.once('data', (d) => { buf = d.subarray(d.indexOf('\r\n\r\n') + 4); res(); }));
  const parts = [];
  let have = buf.length, need = -1;
  if (buf.length) parts.push(buf);
  const check = () => {
    if (need < 0 && have >= 10) {
      const head = Buffer.concat(parts); parts.length = 0; parts.push(head);
      const n7 = head[1] & 127;
      const off = n7 < 126 ? 2 : n7 === 126 ? 4 : 10;
      need = off + (n7 < 126 ? n7 : n7 === 126 ? head.readUInt16BE(2) : Number(head.readBigUInt64BE(2)));
      waiting.off = off;
    }
    if (need >= 0 && have >= need) {
      const all = Buffer.concat(parts, have);
      const w = waiting; waiting = undefined; need = -1; parts.length = 0; have = 0;
      w.resolve(new Uint8Array(all.buffer, all.byteOffset + w.off, all.length - w.off));
    }
  };
  s.on('data', (d) => { parts.push(d); have += d.length; if (waiting) check(); });
  return {
    call(m) {
      return new Promise((resolve) => {
        waiting = { resolve, off: 0 };
        const n = m.length;
        const head = n < 126 ? Buffer.from([0x82, 0x80 | n]) : n < 65536 ? Buffer.from([0x82, 0xfe, n >> 8, n & 255]) : Buffer.alloc(10);
        if (n >= 65536) { head[0] = 0x82; head[1] = 0xff; head.writeBigUInt64BE(BigInt(n), 2); }
        s.write(head); s.write(Buffer.alloc(4)); s.write(m);
        check();
      });
    },
    close() { s.destroy(); },
  };
}

/** A straightforward JS decoder of a float vector message: a DataView loop. */
function jsDecodeFloats(b) {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = dv.getInt32(10, true), out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = dv.getFloat64(14 + i * 8, true);
  return out;
}

// 1. a 10M-float vector
const x = q(`${N}?100f`);
const msg = serialize(x);
report(time(`encode ${N / 1e6}M floats (qwasm -8!, bytes out to JS)`, () => serialize(x)), msg.length);
report(time(`encode ${N / 1e6}M floats (qwasm, message kept in engine memory)`, () => q('-8!', x).dispose()), msg.length);
report(time(`decode ${N / 1e6}M floats (qwasm -9!, from JS bytes)`, () => deserialize(msg).dispose()), msg.length);
report(time(`plain JS copy of the same ${(msg.length / 1e6).toFixed(0)} MB (Uint8Array.slice)`, () => msg.slice()), msg.length);
report(time(`straightforward JS decoder (DataView loop)`, () => jsDecodeFloats(msg)), msg.length);
if (nodeqCodec) report(time(`node-q decode ${N / 1e6}M floats`, () => nodeqCodec.deserialize(Buffer.from(msg.buffer, msg.byteOffset, msg.length)), 3), msg.length);
report(time(`compress (-18!) ${N / 1e6}M floats`, () => q('-18!', x).dispose(), 3), msg.length);
x.dispose();

// 2. a 1M-row, 5-column table
const t = q(`([]a:${ROWS}?100;b:${ROWS}?100f;c:${ROWS}?\`a\`b\`c;d:${ROWS}?2000.01.01D00:00:00;e:${ROWS}?100i)`);
const tm = serialize(t);
report(time(`encode ${ROWS / 1e6}M-row 5-column table (qwasm)`, () => serialize(t)), tm.length);
report(time(`decode ${ROWS / 1e6}M-row 5-column table (qwasm)`, () => deserialize(tm).dispose()), tm.length);
if (nodeqCodec) report(time(`node-q decode ${ROWS / 1e6}M-row table`, () => nodeqCodec.deserialize(Buffer.from(tm.buffer, tm.byteOffset, tm.length)), 3), tm.length);
t.dispose();

// 3. a round trip of the float vector over loopback (qwasm client -> qwasm server -> back)
const server = await listen({ port: 0 });
const h = await connect({ port: server.port });
const y = q(`${N}?100f`);
report(await timeAsync(`loopback round trip of ${N / 1e6}M floats ({x} echo)`, async () => (await h.sync('{x}', y)).dispose(), 3), msg.length * 2);
await h.close();

// 4. the same round trip over WebSocket on the same port (Node 20 has a WebSocket
// client behind --experimental-websocket; skipped without one)
if (globalThis.WebSocket) {
  const { connectWebSocket } = await import('../dist/index.js');
  const w = await connectWebSocket(`ws://127.0.0.1:${server.port}`);
  report(await timeAsync(`WebSocket round trip of ${N / 1e6}M floats ({x} echo)`, async () => (await w.sync('{x}', y)).dispose(), 3), msg.length * 2);
  const small = q('til 1000');
  const h2 = await connect({ port: server.port });
  report(await timeAsync('1000 round trips of til 1000 over TCP', async () => { for (let i = 0; i < 1000; i++) (await h2.sync('{x}', small)).dispose(); }, 3));
  report(await timeAsync('1000 round trips of til 1000 over WebSocket', async () => { for (let i = 0; i < 1000; i++) (await w.sync('{x}', small)).dispose(); }, 3));
  small.dispose();
  await w.close(); await h2.close();
  // the server's share: a minimal WebSocket client on a raw socket (a zero mask key,
  // so its masking is free), to tell the server's cost from the WebSocket client's
  const raw = await rawWebSocket(server.port);
  const call = q(`({x};${N}#0.5)`);
  const ymsg = serialize(call, { msgType: 1 });
  call.dispose();
  report(await timeAsync(`WebSocket round trip of ${N / 1e6}M floats (minimal raw client)`, async () => deserialize(await raw.call(ymsg)).dispose(), 3), msg.length * 2);
  raw.close();
} else console.log('(no WebSocket client: run node --experimental-websocket for the WebSocket rows)');
y.dispose();
await server.close();

for (const r of rows) console.log(`${r.label.padEnd(64)} ${r.ms.toFixed(1).padStart(9)} ms ${r.mbps ? (r.mbps.toFixed(0) + ' MB/s').padStart(12) : ''}`);
