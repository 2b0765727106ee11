// The OPFS mirror against a stand-in of the browser's directory handles: load,
// q file operations in memory, flush back; paths cannot leave the root.
import { describe, it, expect } from 'vitest';
import { q } from '../../src/index.js';
import { useStorage, OpfsMirror, type OpfsDirectory, type OpfsFile } from '../../src/files/index.js';
import { q1, qerr, withGlobals } from './helpers.js';

class FakeFile implements OpfsFile {
  readonly kind = 'file' as const;
  constructor(public bytes: Uint8Array) {}
  async getFile() { const b = this.bytes; return { arrayBuffer: async () => b.slice().buffer }; }
  async createWritable() {
    const parts: Uint8Array[] = [];
    return { write: async (d: Uint8Array) => { parts.push(d.slice()); }, close: async () => { this.bytes = new Uint8Array(Buffer.concat(parts)); } };
  }
}
class FakeDir implements OpfsDirectory {
  readonly kind = 'directory' as const;
  readonly children = new Map<string, FakeFile | FakeDir>();
  async *entries(): AsyncIterable<[string, FakeFile | FakeDir]> { yield* this.children; }
  async getDirectoryHandle(name: string, o?: { create?: boolean }) {
    let d = this.children.get(name);
    if (!d && o?.create) { d = new FakeDir(); this.children.set(name, d); }
    if (!(d instanceof FakeDir)) throw new Error('NotFoundError');
    return d;
  }
  async getFileHandle(name: string, o?: { create?: boolean }) {
    let f = this.children.get(name);
    if (!f && o?.create) { f = new FakeFile(new Uint8Array()); this.children.set(name, f); }
    if (!(f instanceof FakeFile)) throw new Error('NotFoundError');
    return f;
  }
  async removeEntry(name: string) { if (!this.children.delete(name)) throw new Error('NotFoundError'); }
}

describe('OpfsMirror', () => {
  it('loads a tree, serves get/set from memory, writes changes back on flush', async () => {
    const root = new FakeDir();
    const db = await root.getDirectoryHandle('db', { create: true });
    // a vector file kdb+ wrote: 1 2 3 as longs
    const v = new Uint8Array(16 + 24);
    v.set([0xfe, 0x20, 7]); v[16] = 1; v[24] = 2; v[32] = 3;
    (await db.getFileHandle('v', { create: true })).bytes = v;
    const mirror = await OpfsMirror.open(root);
    const prev = useStorage(mirror.storage);
    try {
      withGlobals(() => {
        expect(q1('get`:db/v')).toBe('1 2 3');
        expect(q1('`:/db/v set 4 5')).toBe('`:/db/v'); // a leading / is the root
        q('`:db/t/ set ([]a:1 2;b:1.5 2.5)').dispose();
        expect(q1('hdel`:db/v')).toBe('`:db/v');
        expect(qerr('get`:../outside')).toBe('access');
        expect(qerr('`:a/../../b set 1')).toBe('access');
      });
      await mirror.importBlob('up/load.csv', new Blob(['a,b\n1,2\n']));
      expect(q1('read0`:up/load.csv')).toBe('("a,b";"1,2")');
      await mirror.flush();
    } finally { useStorage(prev); }
    expect(db.children.has('v')).toBe(false);
    const t = db.children.get('t') as FakeDir;
    expect([...t.children.keys()].sort()).toEqual(['.d', 'a', 'b']);
    expect(((await root.getDirectoryHandle('up')).children.get('load.csv') as FakeFile).bytes.length).toBe(8);
    // a second mirror sees what the first flushed
    const again = await OpfsMirror.open(root);
    const prev2 = useStorage(again.storage);
    try { expect(q1('get`:db/t')).toBe('+`a`b!(1 2;1.5 2.5)'); } finally { useStorage(prev2); }
  });
});
