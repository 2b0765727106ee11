// The Origin Private File System through synchronous access handles: the
// backend a dedicated worker uses. Every file under the root gets a
// FileSystemSyncAccessHandle when the storage opens, so q's synchronous file
// operations read and write OPFS directly: a column is read from its file
// into engine memory at an offset (one copy), nothing is mirrored in memory.
//
// Opening a handle is asynchronous, which a synchronous `set` cannot wait
// for: a file q creates lives in memory until `await flush()` creates it in
// OPFS (and gives it a handle); a file removed or a directory made waits for
// flush too. Writes to files that already have a handle go straight to OPFS.

import { MemoryStorage, normalize, osError, concat, type Storage } from './storage.js';

/** What the worker's OPFS hands out (only what is used here is declared). */
export interface SyncHandle {
  read(buf: Uint8Array, opts?: { at: number }): number;
  write(buf: Uint8Array, opts?: { at: number }): number;
  getSize(): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}
export interface SyncFile { readonly kind: 'file'; createSyncAccessHandle(): Promise<SyncHandle> }
export interface SyncDirectory {
  readonly kind: 'directory';
  entries(): AsyncIterable<[string, SyncFile | SyncDirectory]>;
  getDirectoryHandle(name: string, opts?: { create?: boolean }): Promise<SyncDirectory>;
  getFileHandle(name: string, opts?: { create?: boolean }): Promise<SyncFile>;
  removeEntry(name: string, opts?: { recursive?: boolean }): Promise<void>;
}

export class OpfsSyncStorage implements Storage {
  /** files with an open handle, by normalized path */
  private readonly handles = new Map<string, SyncHandle>();
  /** files and directories made since the last flush, and the directories OPFS has */
  private readonly fresh = new MemoryStorage();
  private readonly dirs = new Set<string>(['']);
  private readonly removed = new Set<string>();

  private constructor(private readonly root: SyncDirectory) {}

  /** Opens a handle on every file under root. */
  static async open(root: SyncDirectory): Promise<OpfsSyncStorage> {
    const s = new OpfsSyncStorage(root);
    const walk = async (dir: SyncDirectory, prefix: string): Promise<void> => {
      for await (const [name, h] of dir.entries()) {
        const path = prefix ? `${prefix}/${name}` : name;
        if (h.kind === 'directory') { s.dirs.add(path); await walk(h, path); }
        else s.handles.set(path, await h.createSyncAccessHandle());
      }
    };
    await walk(root, '');
    return s;
  }

  size(p: string): number {
    const h = this.handles.get(normalize(p));
    return h ? h.getSize() : this.fresh.size(p);
  }
  exists(p: string): boolean { const n = normalize(p); return this.handles.has(n) || this.dirs.has(n) || this.fresh.exists(n); }
  isDir(p: string): boolean { const n = normalize(p); return this.dirs.has(n) || (n !== '' && this.fresh.isDir(n)); }
  list(p: string): string[] {
    const n = normalize(p);
    if (!this.isDir(n)) throw osError(p, this.exists(n) ? 'ENOTDIR' : 'ENOENT');
    const pre = n ? n + '/' : '';
    const out = new Set<string>();
    for (const k of [...this.handles.keys(), ...this.dirs, ...this.fresh.files.keys(), ...this.fresh.dirs]) {
      if (k && k !== n && k.startsWith(pre)) out.add(k.slice(pre.length).split('/')[0]);
    }
    return [...out];
  }
  readInto(p: string, dst: Uint8Array, pos: number): number {
    const h = this.handles.get(normalize(p));
    if (!h) return this.fresh.readInto(p, dst, pos);
    return h.read(dst, { at: pos });
  }
  read(p: string): Uint8Array {
    const b = new Uint8Array(this.size(p));
    this.readInto(p, b, 0);
    return b;
  }
  write(p: string, chunks: Uint8Array[]): void {
    const n = normalize(p);
    const h = this.handles.get(n);
    if (!h) { this.parentMustExist(n, p); this.fresh.files.set(n, concat(chunks)); this.removed.delete(n); return; }
    const bytes = concat(chunks);
    h.truncate(0);
    if (h.write(bytes, { at: 0 }) !== bytes.length) throw osError(p, 'EIO');
    h.flush();
  }
  append(p: string, bytes: Uint8Array): void {
    const n = normalize(p);
    const h = this.handles.get(n);
    if (!h) { this.parentMustExist(n, p); this.fresh.append(n, bytes); return; }
    if (h.write(bytes, { at: h.getSize() }) !== bytes.length) throw osError(p, 'EIO');
    h.flush();
  }
  mkdirp(p: string): void {
    const parts = normalize(p).split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (this.handles.has(d)) throw osError(p, 'ENOTDIR');
      if (!this.dirs.has(d)) this.fresh.mkdirp(d);
    }
  }
  remove(p: string): void {
    const n = normalize(p);
    const h = this.handles.get(n);
    if (h) { h.close(); this.handles.delete(n); this.removed.add(n); return; }
    if (this.fresh.files.has(n)) { this.fresh.remove(n); return; }
    if (n && this.isDir(n)) {
      if (this.list(n).length) throw osError(p, 'ENOTEMPTY');
      if (this.fresh.dirs.has(n)) this.fresh.dirs.delete(n);
      else { this.dirs.delete(n); this.removed.add(n); }
      return;
    }
    throw osError(p, 'ENOENT');
  }
  private parentMustExist(n: string, p: string): void {
    const i = n.lastIndexOf('/');
    if (i > 0 && !this.isDir(n.slice(0, i))) throw osError(p, 'ENOENT');
  }

  /** Files not yet in OPFS (created since the last flush). */
  get pending(): number { return this.fresh.files.size + this.removed.size; }

  /** Removes what was removed, creates new directories and files in OPFS and
   *  opens their handles. */
  async flush(): Promise<void> {
    const dirOf = async (path: string, create: boolean): Promise<SyncDirectory> => {
      let d = this.root;
      for (const part of path.split('/').filter(Boolean)) d = await d.getDirectoryHandle(part, { create });
      return d;
    };
    for (const n of [...this.removed].sort().reverse()) {
      const i = n.lastIndexOf('/');
      try { await (await dirOf(n.slice(0, Math.max(i, 0)), false)).removeEntry(n.slice(i + 1), { recursive: true }); } catch { /* already gone */ }
      this.removed.delete(n);
    }
    for (const d of [...this.fresh.dirs].filter(Boolean).sort()) { await dirOf(d, true); this.dirs.add(d); }
    for (const [n, bytes] of [...this.fresh.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const i = n.lastIndexOf('/');
      const dir = await dirOf(n.slice(0, Math.max(i, 0)), true);
      const h = await (await dir.getFileHandle(n.slice(i + 1), { create: true })).createSyncAccessHandle();
      h.truncate(0);
      h.write(bytes, { at: 0 });
      h.flush();
      this.handles.set(n, h);
      this.fresh.files.delete(n);
    }
    for (const d of [...this.fresh.dirs]) if (d) this.fresh.dirs.delete(d);
  }

  /** Closes every handle (another worker may open the files after). */
  close(): void {
    for (const h of this.handles.values()) h.close();
    this.handles.clear();
  }
}
