// npm run demo: serves the static playground (dist/demo/) on loopback.
// Any static host works as well: the page fetches nothing from another origin.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, normalize } from 'node:path';

const dir = new URL('../dist/demo/', import.meta.url);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.map': 'application/json' };
const port = Number(process.env.PORT ?? 8080);

createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^[/\\]+/, '') || 'index.html';
  if (path.includes('..')) { res.writeHead(404).end(); return; }
  try {
    const body = await readFile(new URL(path, dir));
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch { res.writeHead(404).end(); }
}).listen(port, '127.0.0.1', () => console.log(`qwasm playground: http://127.0.0.1:${port}/`));
