// A URL's bytes, synchronously (q's file reads are): Node fetches in a child
// process; elsewhere a synchronous XMLHttpRequest (fetchsync.browser.ts has only
// that, for the page bundle).

import { osError } from './storage.js';

type ChildProcess = typeof import('node:child_process');
const FETCH = `fetch(process.argv[1]).then(async r=>{if(!r.ok){process.stderr.write(String(r.status));process.exit(2)}` +
  `process.stdout.write(Buffer.from(await r.arrayBuffer()))},()=>process.exit(3))`;

export function fetchSync(url: string): Uint8Array {
  const g = globalThis as { process?: { execPath?: string; getBuiltinModule?: (m: string) => unknown } };
  const cp = g.process?.getBuiltinModule?.('node:child_process') as ChildProcess | undefined;
  if (cp && g.process?.execPath) {
    try {
      const b = cp.execFileSync(g.process.execPath, ['-e', FETCH, url], { maxBuffer: 2 ** 31 - 1, stdio: ['ignore', 'pipe', 'pipe'] });
      return new Uint8Array(b.buffer, b.byteOffset, b.length);
    } catch (e) {
      const err = e as { status?: number; stderr?: Uint8Array };
      const status = err.stderr ? new TextDecoder().decode(err.stderr) : '';
      throw osError(url, err.status === 2 && status === '404' ? 'ENOENT' : 'EIO');
    }
  }
  return fetchXhr(url);
}

/** The bytes at url by a synchronous XMLHttpRequest (a page's only way). */
export function fetchXhr(url: string): Uint8Array {
  const X = (globalThis as { XMLHttpRequest?: new () => XMLHttpRequest }).XMLHttpRequest;
  if (!X) throw osError(url, 'EIO');
  const x = new X();
  x.open('GET', url, false);
  x.overrideMimeType('text/plain; charset=x-user-defined'); // bytes as char codes 0..255
  try { x.send(); } catch { throw osError(url, 'EIO'); }
  if (x.status < 200 || x.status > 299) throw osError(url, x.status === 404 ? 'ENOENT' : 'EIO');
  const s = x.responseText, out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

