// What PyKX asks a server on connect (its context interface, KxSystems/pykx
// src/pykx/ctx.py): a `k)` lambda that says whether a name is a function, a
// namespace or a value, `key` of the namespace (.q first), and the .z.pg/.z.ps
// defaults. A qwasm server answers them; underneath, `k)` text and namespaces
// as dictionaries (`key`/`value` of `.ns`).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { q } from '../../src/index.js';
import { connect, listen, type Server } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';

let server: Server;
beforeAll(async () => { server = await listen({ port: 0 }); });
afterAll(async () => { await server.close(); });
const drop = (...names: string[]) => { for (const n of names) { globals.get(n)?.dispose(); globals.delete(n); } };

const PROBE = 'k){x:. x;$[99h<@x;:`$"_pykx_fn_marker";99h~@x;if[` in!x;if[(::)~x`;:`$"_pykx_ctx_marker"]]]x}';

describe('a qwasm server answers PyKX\'s connect queries', () => {
  it('the k) probe, key of .q and of the root, and the .z defaults', async () => {
    try {
      q('.pyk.f:{x}; .pyk.v:42; pykRoot:1').dispose();
      const h = await connect({ port: server.port, timeout: 5000 });
      try {
        const ask = async (name: string) => String(await h.sync(PROBE, q(`\`$"${name}"`)));
        expect(await ask('.q')).toBe('`_pykx_ctx_marker');
        expect(await ask('.pyk')).toBe('`_pykx_ctx_marker');
        expect(await ask('.pyk.f')).toBe('`_pykx_fn_marker');
        expect(await ask('.pyk.v')).toBe('42');
        const qkeys = (await h.sync('key', q('`.q'))).toJS() as string[];
        expect(qkeys[0]).toBe('');
        for (const k of ['til', 'count', 'aj', 'xbar']) expect(qkeys).toContain(k);
        expect((await h.sync('key', q('`.pyk'))).toJS()).toEqual(['', 'f', 'v']);
        expect((await h.sync('key', q('`.'))).toJS()).toContain('pykRoot');
        (await h.sync('@[value;`.z.pg;{.z.pg:value}]')).dispose();
        (await h.sync('@[value;`.z.ps;{.z.ps:value}]')).dispose();
        expect(String(await h.sync('1+1'))).toBe('2'); // still serving through the .z.pg it set
      } finally { await h.close(); }
    } finally { drop('.pyk.f', '.pyk.v', 'pykRoot', '.z.pg', '.z.ps'); }
  });
});

describe('k) text and namespaces', () => {
  it('k) runs k: prefix verbs are unary (. value, @ type, ! key, # count)', () => {
    expect(String(q('value "k)#1 2 3"'))).toBe('3');
    expect(String(q('k){@x}1'))).toBe('-7h');
    try {
      q('kv:5').dispose();
      expect(String(q('k){. x}`kv'))).toBe('5');
    } finally { drop('kv'); }
  });
  it('key and value of a namespace; key ` lists namespaces', () => {
    try {
      q('.nsa.x:1; .nsa.y:`b; .nsa.sub.z:2').dispose();
      expect(String(q('key `.nsa'))).toBe('``x`y`sub');
      expect(String(q('value `.nsa.sub'))).toBe('``z!(::;2)');
      expect(String(q('(value `.nsa)`y'))).toBe('`b');
      expect(String(q('. `.nsa.x'))).toBe('1');
      expect(q('`nsa in key `').toJS()).toBe(true);
      expect(q('`q in key `').toJS()).toBe(true);
      expect(q('(::)~(value `.nsa)`').toJS()).toBe(true);
    } finally { drop('.nsa.x', '.nsa.y', '.nsa.sub.z'); }
    expect(q('()~key `.nosuchns').toJS()).toBe(true); // a name not defined: key gives () (ref/key.md)
    expect(() => q('value `.nosuchns')).toThrow('.nosuchns');
  });
});
