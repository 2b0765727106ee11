// .Q.gz: gzip in memory, with Node's zlib and with the JS fallback the browser uses.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { gzipSync, gunzipSync } from 'node:zlib';
import { q, K } from '../src/index.js';
import { gzipJS, gunzipJS } from '../src/vocab/gz.js';

describe('.Q.gz (ref/dotq.md)', () => {
  it('round-trips chars and bytes at every level, keeping the type', () => {
    expect(q('.Q.gz[::]').toJS()).toBe(true);
    for (let l = 0; l <= 9; l++) {
      expect(q(`"helloworld"~.Q.gz .Q.gz(${l};"helloworld")`).toJS()).toBe(true);
      expect(q(`0x00ff10~.Q.gz .Q.gz(${l};0x00ff10)`).toJS()).toBe(true);
    }
    expect(q('type .Q.gz(9;0x0102)').toJS()).toBe(4);
    expect(q('count .Q.gz(9;10000#"helloworld")').toJS()).toBe(66);
  });
  it('reads what another gzip wrote and refuses what is not gzip', () => {
    const b = gzipSync(Buffer.from('abc'.repeat(50)));
    expect(q('{`char$.Q.gz `byte$x}', K.from(Int32Array.from(b))).toString()).toBe(JSON.stringify('abc'.repeat(50)));
    expect(() => q('.Q.gz "abc"')).toThrow('domain');
    expect(() => q('.Q.gz (10;"abc")')).toThrow('domain');
    expect(() => q('.Q.gz (1;`a)')).toThrow('type');
    expect(() => q('.Q.gz (1;"a";2)')).toThrow('length');
  });
  it('the JS fallback agrees with zlib both ways', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 70000 }), (u) => {
      expect(new Uint8Array(gunzipSync(gzipJS(u)))).toEqual(u);
      expect(gunzipJS(new Uint8Array(gzipSync(u, { level: 6 })))).toEqual(u);
    }), { numRuns: 30 });
    const bad = new Uint8Array(gzipSync(Buffer.from('hello')));
    bad[bad.length - 6] ^= 1; // the CRC
    expect(() => gunzipJS(bad)).toThrow('domain');
  });
});
