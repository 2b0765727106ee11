// HTTP on the listening port (.z.ph GET, .z.pp POST, kdb+'s default page for
// `?expr`) and \T, the limit on how long a client's message may run ('stop).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { q } from '../../src/index.js';
import { connect, listen, type Server } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';

let server: Server;
beforeAll(async () => { server = await listen({ port: 0 }); });
afterAll(async () => { await server.close(); });
const drop = (...names: string[]) => { for (const n of names) { globals.get(n)?.dispose(); globals.delete(n); } };
const get = async (path: string, init?: RequestInit) => {
  const r = await fetch(`http://127.0.0.1:${server.port}/${path}`, init);
  return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
};

describe('HTTP GET without .z.ph: the default page', () => {
  it('?expr evaluates and shows q\'s console text in a page', async () => {
    const r = await get('?1+1');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/html');
    expect(r.body).toMatch(/<pre>2\n<\/pre>/);
    expect((await get('?til%205')).body).toMatch(/<pre>0 1 2 3 4\n<\/pre>/);
    const t = await get('?([]a:1 2;b:`x`y)');
    expect(t.body).toContain('a b\n---\n1 x\n2 y\n');
    // text that looks like markup is escaped
    expect((await get('?"<b>"')).body).toContain('&lt;b&gt;');
  });
  it('name.csv?expr (and txt, json) answer in that format', async () => {
    const c = await get('t.csv?([]a:1 2;b:`x`y)');
    expect(c.status).toBe(200);
    expect(c.type).toBe('text/comma-separated-values');
    expect(c.body).toBe('a,b\n1,x\n2,y');
    const j = await get('t.json?enlist `a`b!1 2');
    expect(JSON.parse(j.body)).toEqual({ a: 1, b: 2 });
  });
  it('an error is \'name with status 400; an unknown path is 404; / lists the variables', async () => {
    const e = await get('?1+`a');
    expect(e.status).toBe(400);
    expect(e.body).toBe("'type");
    expect((await get('nosuchfile.html')).status).toBe(404);
    try {
      q('httpListed:42').dispose();
      const l = await get('');
      expect(l.status).toBe(200);
      expect(l.body).toContain('httpListed');
    } finally { drop('httpListed'); }
  });
  it('.h.val, when the program sets it, evaluates instead of value', async () => {
    try {
      q('.h.val:{"seen ",x}').dispose();
      expect((await get('?abc')).body).toMatch(/<pre>"seen abc"\n<\/pre>/);
    } finally { drop('.h.val'); }
  });
});

describe('.z.ph and .z.pp', () => {
  it('.z.ph gets (requestText; headers) and its string is the response', async () => {
    try {
      q('.z.ph:{httpSeen::x; .h.hy[`txt;x 0]}').dispose();
      const r = await get('some/path?x=1', { headers: { 'X-Probe': 'yes' } });
      expect(r.status).toBe(200);
      expect(r.body).toBe('some/path?x=1');
      expect(String(q('type httpSeen 1'))).toBe('99h');
      expect(String(q('(httpSeen 1)`$"X-Probe"'))).toBe('"yes"');
    } finally { drop('.z.ph', 'httpSeen'); }
  });
  it('.z.pp gets the POST body; without it a POST is refused', async () => {
    const r0 = await get('', { method: 'POST', body: 'a=1' });
    expect(r0.status).toBe(400);
    try {
      q('.z.pp:{.h.hy[`txt;"got ",x 0]}').dispose();
      const r = await get('', { method: 'POST', body: 'hello body' });
      expect(r.body).toBe('got hello body');
    } finally { drop('.z.pp'); }
  });
  it('an error in .z.ph is a 400 with q\'s error', async () => {
    try {
      q(".z.ph:{'`nope}").dispose();
      const r = await get('x');
      expect(r.status).toBe(400);
      expect(r.body).toBe("'nope");
    } finally { drop('.z.ph'); }
  });
});

describe('\\T: a client\'s message past the limit stops with \'stop', () => {
  it('shows and sets the limit, stops a runaway query, and the connection lives on', async () => {
    expect(String(q('system "T"'))).toBe('0i');
    q('system "T 1"');
    try {
      expect(String(q('system "T"'))).toBe('1i');
      const h = await connect({ port: server.port, timeout: 20000 });
      try {
        await expect(h.sync('{while[1;x+:1]}0')).rejects.toThrow(/^stop$/);
        expect(String(await h.sync('1+1'))).toBe('2');
        const r = await get('?{while[1;x+:1]}0');
        expect(r.status).toBe(400);
        expect(r.body).toBe("'stop");
      } finally { await h.close(); }
    } finally { q('system "T 0"'); }
    expect(String(q('system "T"'))).toBe('0i');
    expect(() => q('system "T -1"')).toThrow();
  }, 30000);
});
