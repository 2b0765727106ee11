// The browser's Origin Private File System behind the storage interface.
//
// The files layer is synchronous (q's get and set return values), while OPFS
// hands out files asynchronously. So an OpfsMirror loads a directory tree into
// a memory file system once (`await OpfsMirror.open(root)`), serves every q
// file operation from memory, and writes what changed back with
// `await mirror.flush()`. A user-chosen File or Blob joins the same tree with
// `await mirror.importBlob(path, blob)`. Paths cannot leave the mirrored root:
// '..' above it is 'access, and a leading '/' means the root itself.
//
// Only the members of the File System Access API used here are declared, so
// the module compiles without the DOM library and tests can pass a stand-in.

import { MemoryStorage, normalize } from './storage.js';

export interface OpfsFile {
  readonly kind: 'file';
  getFile(): Promise<{ arrayBuffer(): Promise<ArrayBuffer> }>;
  createWritable(): Promise<{ write(data: Uint8Array): Promise<void>; close(): Promise<void> }>;
}
export interface OpfsDirectory {
  readonly kind: 'directory';
  entries(): AsyncIterable<[string, OpfsFile | OpfsDirectory]>;
  getDirectoryHandle(name: string, opts?: { create?: boolean }): Promise<OpfsDirectory>;
  getFileHandle(name: string, opts?: { create?: boolean }): Promise<OpfsFile>;
  removeEntry(name: string, opts?: { recursive?: boolean }): Promise<void>;
}

/** A memory file system that remembers what changed since the last flush. */
class TrackedStorage extends MemoryStorage {
  readonly dirty = new Set<string>();
  readonly removed = new Set<string>();
  override write(p: string, chunks: Uint8Array[]): void { super.write(p, chunks); this.touch(p); }
  override append(p: string, bytes: Uint8Array): void { super.append(p, bytes); this.touch(p); }
  override mkdirp(p: string): void { super.mkdirp(p); this.dirty.add(normalize(p) + '/'); }
  override remove(p: string): void {
    const n = normalize(p);
    super.remove(p);
    this.dirty.delete(n); this.dirty.delete(n + '/');
    this.removed.add(n);
  }
  private touch(p: string): void { const n = normalize(p); this.dirty.add(n); this.removed.delete(n); }
}

export class OpfsMirror {
  readonly storage = new TrackedStorage();
  private constructor(private readonly root: OpfsDirectory) {}

  /** Loads every file under root into memory. */
  static async open(root: OpfsDirectory): Promise<OpfsMirror> {
    const m = new OpfsMirror(root);
    const walk = async (dir: OpfsDirectory, prefix: string): Promise<void> => {
      for await (const [name, h] of dir.entries()) {
        const path = prefix ? `${prefix}/${name}` : name;
        if (h.kind === 'directory') { m.storage.dirs.add(path); await walk(h, path); }
        else m.storage.files.set(path, new Uint8Array(await (await h.getFile()).arrayBuffer()));
      }
    };
    await walk(root, '');
    return m;
  }

  /** Puts a user-chosen File or Blob into the tree at path (written on flush). */
  async importBlob(path: string, blob: { arrayBuffer(): Promise<ArrayBuffer> }): Promise<void> {
    const n = normalize(path);
    const dir = n.includes('/') ? n.slice(0, n.lastIndexOf('/')) : '';
    if (dir) this.storage.mkdirp(dir);
    this.storage.write(n, [new Uint8Array(await blob.arrayBuffer())]);
  }

  /** Writes changed files and directories back, and removes deleted ones. */
  async flush(): Promise<void> {
    const st = this.storage;
    const dirOf = async (path: string, create: boolean): Promise<OpfsDirectory> => {
      let d = this.root;
      for (const part of path.split('/').filter(Boolean)) d = await d.getDirectoryHandle(part, { create });
      return d;
    };
    for (const n of [...st.removed]) {
      const i = n.lastIndexOf('/');
      try { await (await dirOf(n.slice(0, Math.max(i, 0)), false)).removeEntry(n.slice(i + 1), { recursive: true }); } catch { /* already gone */ }
      st.removed.delete(n);
    }
    for (const n of [...st.dirty].sort()) {
      if (n.endsWith('/')) { await dirOf(n, true); st.dirty.delete(n); continue; }
      const bytes = st.files.get(n);
      if (!bytes) { st.dirty.delete(n); continue; }
      const i = n.lastIndexOf('/');
      const dir = await dirOf(n.slice(0, Math.max(i, 0)), true);
      const w = await (await dir.getFileHandle(n.slice(i + 1), { create: true })).createWritable();
      await w.write(bytes);
      await w.close();
      st.dirty.delete(n);
    }
  }
}
