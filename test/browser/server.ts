// A static file server for the browser tests: loopback only, read-only, serving
// the repository's dist/ and test/browser/ folders (nothing else), optionally
// with the COOP/COEP headers that make a page cross-origin isolated.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { extname, normalize, sep } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.map': 'application/json', '.json': 'application/json',
  '.arrow': 'application/vnd.apache.arrow.stream', '.png': 'image/png',
};
const SERVED = ['dist' + sep, 'test' + sep + 'browser' + sep];

export interface StaticServer { origin: string; requests: string[]; close(): Promise<void> }

export async function serve(opts: { isolated?: boolean } = {}): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname);
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
    if (rel.includes('..') || !SERVED.some((d) => rel.startsWith(d))) { res.writeHead(404).end(); return; }
    try {
      const body = await readFile(root + rel);
      const headers: Record<string, string> = { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (opts.isolated) {
        headers['cross-origin-opener-policy'] = 'same-origin';
        headers['cross-origin-embedder-policy'] = 'require-corp';
      }
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${addr.port}`,
    requests,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
