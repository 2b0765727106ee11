// Every kernel family re-exports through assembly/index.ts with `export *`:
// two families exporting one name would silently shadow each other's kernel.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';

describe('wasm exports', () => {
  it('no two kernel files export the same name', () => {
    const dir = new URL('../assembly/kernels/', import.meta.url);
    const owner = new Map<string, string>();
    const dups: string[] = [];
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      for (const m of src.matchAll(/^export (?:function|const|let) ([A-Za-z_$][\w$]*)/gm)) {
        const prev = owner.get(m[1]);
        if (prev) dups.push(`${m[1]}: ${prev} and ${f}`);
        else owner.set(m[1], f);
      }
    }
    expect(dups).toEqual([]);
  });
});
