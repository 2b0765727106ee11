// Every kind of kdb+ file, cut short or with bytes changed, read through get:
// a value or a q error (QError), never a JS exception, a hang or a leak.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { q, QError } from '../../src/index.js';
import { useStorage, MemoryStorage } from '../../src/files/index.js';
import { fix, withGlobals } from './helpers.js';

/** A memory file system holding the fixture directories named. */
function mount(dirs: string[]): MemoryStorage {
  const m = new MemoryStorage();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      const rel = relative(fix(''), p);
      if (statSync(p).isDirectory()) { m.mkdirp(rel); walk(p); } else m.files.set(rel, new Uint8Array(readFileSync(p)));
    }
  };
  for (const d of dirs) {
    if (statSync(fix(d)).isDirectory()) { m.mkdirp(d); walk(fix(d)); continue; }
    m.mkdirp(d.slice(0, d.lastIndexOf('/')));
    m.files.set(d, new Uint8Array(readFileSync(fix(d))));
  }
  return m;
}

let seed = 12345;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };

describe('damaged files', () => {
  it('cut short or altered, every fixture file kind gives a value or a q error', () => withGlobals(() => {
    const m = mount([
      'egor7-q/db', 'dolphindb-DolphinDBPlugin/kdb_sample/intArrayVector', 'dolphindb-DolphinDBPlugin/kdb_sample/compressCharArrayVector',
      'DataIntellectTech-TorQ-Finance-Starter-Pack/dqe/dqedb/database/2020.09.03/advancedres',
      'DataIntellectTech-TorQ-Finance-Starter-Pack/dqe/dqcdb/database/2020.04.17/configtable',
      'dolphindb-DolphinDBPlugin/kdb_sample/widetable',
    ].map((d) => d));
    const prev = useStorage(m);
    let values = 0, errors = 0;
    try {
      q('sym:get`:egor7-q/db/sym').dispose();
      const files = [...m.files.keys()];
      for (const f of files) {
        const orig = m.files.get(f)!;
        const variants: Uint8Array[] = [];
        for (const cut of [0, 1, 2, 8, 15, 16, 17, 4095, 4096, 4100, orig.length - 1, orig.length >> 1]) {
          if (cut >= 0 && cut < orig.length) variants.push(orig.slice(0, cut));
        }
        for (let k = 0; k < 6; k++) {
          const b = orig.slice();
          for (let j = 0; j < 4; j++) b[rnd(b.length)] = rnd(256);
          variants.push(b);
        }
        for (const v of variants) {
          m.files.set(f, v);
          try { q(`get\`:${f.replace(/#+$/, '')}`).dispose(); values++; } catch (e) {
            expect(e, `${f} (${v.length} bytes): ${(e as Error).message}`).toBeInstanceOf(QError);
            errors++;
          }
        }
        m.files.set(f, orig);
      }
    } finally { useStorage(prev); }
    expect(errors).toBeGreaterThan(100);
    expect(values).toBeGreaterThan(10);
  }));
});
