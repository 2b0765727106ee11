// Where files live: a small synchronous storage interface shared by Node's file
// system and the browser (OPFS, or memory on the main thread). The files layer
// only ever talks to `storage()`; `useStorage` swaps the backend.
//
// Paths are '/'-separated, relative to the backend's root (Node: the working
// directory, as q resolves them). Writes of whole files are atomic: the bytes
// go to a temporary name first and are renamed over the target, so a failed
// write never leaves a half-written file behind.

import { QError } from '../errors.js';

const OS_TEXT: Record<string, string> = {
  ENOENT: 'No such file or directory', EACCES: 'Permission denied', EPERM: 'Operation not permitted',
  ENOTDIR: 'Not a directory', EISDIR: 'Is a directory', ENOTEMPTY: 'Directory not empty', EEXIST: 'File exists',
  ENOSPC: 'No space left on device', EROFS: 'Read-only file system',
};

/** What kdb+ signals when the operating system refuses a file operation:
 *  ':path. OS reports: No such file or directory' (the path as a file symbol). */
export function osError(path: string, code: string): QError {
  return new QError(`:${path}. OS reports: ${OS_TEXT[code] ?? code}`);
}
/** The OS error code behind an osError, if it is one. */
export function osCode(e: unknown): string | undefined {
  if (!(e instanceof QError)) return undefined;
  const m = /\. OS reports: (.*)$/.exec(e.message);
  if (!m) return undefined;
  return Object.entries(OS_TEXT).find(([, t]) => t === m[1])?.[0] ?? m[1];
}

export interface Storage {
  /** Size in bytes. Every method throws osError(path, code) when the
   *  operating system (or the memory file system) refuses. */
  size(path: string): number;
  exists(path: string): boolean;
  isDir(path: string): boolean;
  /** Entry names of a directory (not sorted); QError(path) when it is not one. */
  list(path: string): string[];
  /** Reads up to dst.length bytes at file offset pos into dst (the engine's
   *  memory, so a column lands with one copy); returns the bytes read. */
  readInto(path: string, dst: Uint8Array, pos: number): number;
  /** The whole file. */
  read(path: string): Uint8Array;
  /** Replaces the file atomically with the concatenation of chunks. */
  write(path: string, chunks: Uint8Array[]): void;
  /** Appends bytes, creating the file when missing. */
  append(path: string, bytes: Uint8Array): void;
  /** Creates a directory and its parents. */
  mkdirp(path: string): void;
  /** Deletes a file or an empty directory; QError(path) when missing. */
  remove(path: string): void;
  /** The working directory as `\cd` shows it, and changing it, for a backend
   *  that has its own (Node: the process's); others get one from storage(). */
  cwd?(): string;
  chdir?(path: string): void;
}

/** An in-memory file system: the browser main thread's backend and the tests'. */
export class MemoryStorage implements Storage {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>(['']);

  private norm(p: string): string { return normalize(p); }
  private file(p: string): Uint8Array {
    const n = this.norm(p);
    const f = this.files.get(n);
    if (!f) throw osError(p, this.dirs.has(n) ? 'EISDIR' : 'ENOENT');
    return f;
  }
  size(p: string): number { return this.file(p).length; }
  exists(p: string): boolean { const n = this.norm(p); return this.files.has(n) || this.dirs.has(n); }
  isDir(p: string): boolean { return this.dirs.has(this.norm(p)); }
  list(p: string): string[] {
    const n = this.norm(p);
    if (!this.dirs.has(n)) throw osError(p, this.files.has(n) ? 'ENOTDIR' : 'ENOENT');
    const pre = n ? n + '/' : '';
    const out = new Set<string>();
    for (const k of [...this.files.keys(), ...this.dirs]) {
      if (k !== n && k.startsWith(pre)) out.add(k.slice(pre.length).split('/')[0]);
    }
    return [...out];
  }
  readInto(p: string, dst: Uint8Array, pos: number): number {
    const f = this.file(p);
    const part = f.subarray(Math.min(pos, f.length), Math.min(pos + dst.length, f.length));
    dst.set(part);
    return part.length;
  }
  read(p: string): Uint8Array { return this.file(p).slice(); }
  write(p: string, chunks: Uint8Array[]): void {
    const n = this.norm(p);
    this.parentMustExist(n, p);
    if (this.dirs.has(n)) throw osError(p, 'EISDIR');
    this.files.set(n, concat(chunks));
  }
  append(p: string, bytes: Uint8Array): void {
    const n = this.norm(p);
    this.parentMustExist(n, p);
    const old = this.files.get(n);
    this.files.set(n, old ? concat([old, bytes]) : bytes.slice());
  }
  mkdirp(p: string): void {
    const parts = this.norm(p).split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (this.files.has(d)) throw osError(p, 'ENOTDIR');
      this.dirs.add(d);
    }
  }
  remove(p: string): void {
    const n = this.norm(p);
    if (this.files.delete(n)) return;
    if (this.dirs.has(n) && n) {
      if (this.list(n).length) throw osError(p, 'ENOTEMPTY');
      this.dirs.delete(n);
      return;
    }
    throw osError(p, 'ENOENT');
  }
  private parentMustExist(n: string, p: string): void {
    const i = n.lastIndexOf('/');
    if (i > 0 && !this.dirs.has(n.slice(0, i))) throw osError(p, 'ENOENT');
  }
}

/** 'a//b/./c/' -> 'a/b/c'; '..' segments that would leave the root are 'access. */
export function normalize(p: string): string {
  const out: string[] = [];
  for (const s of p.split('/')) {
    if (!s || s === '.') continue;
    if (s === '..') { if (!out.length) throw new QError('access'); out.pop(); continue; }
    out.push(s);
  }
  return out.join('/');
}

export function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0].slice();
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

let current: Storage | undefined;
let remote: { of: Storage; view: Storage } | undefined;
/** The working directory of a backend without its own, relative to its root. */
let virtualCwd = '';
const underCwd = (p: string): string => (virtualCwd && !p.startsWith('/') ? normalize(virtualCwd + '/' + p) : p);

/** A backend seen from virtualCwd: relative paths resolve under it. */
function cwdView(s: Storage): Storage {
  return {
    size: (p) => s.size(underCwd(p)), exists: (p) => s.exists(underCwd(p)), isDir: (p) => s.isDir(underCwd(p)),
    list: (p) => s.list(underCwd(p)), readInto: (p, d, o) => s.readInto(underCwd(p), d, o), read: (p) => s.read(underCwd(p)),
    write: (p, c) => s.write(underCwd(p), c), append: (p, b) => s.append(underCwd(p), b),
    mkdirp: (p) => s.mkdirp(underCwd(p)), remove: (p) => s.remove(underCwd(p)),
  };
}

/** `\cd`: the working directory (a memory or OPFS backend's starts at "/"). */
export function cwd(): string {
  storage();
  return current!.cwd ? current!.cwd() : '/' + virtualCwd;
}
/** `\cd path`: changes the working directory, creating it when missing, as kdb+ does. */
export function chdir(p: string): void {
  const st = storage();
  if (!st.isDir(p)) st.mkdirp(p);
  if (current!.chdir) current!.chdir(p);
  else virtualCwd = normalize(underCwd(p));
}
/** Wraps the backend with what more paths reach (http.ts: `:http://… read-only). */
export const storageRoutes: { wrap?: (s: Storage) => Storage } = {};
let nodeFactory: (() => Storage | undefined) | undefined;

/** Registers how to build the Node backend (src/files/node.ts does, on import). */
export function setNodeFactory(f: () => Storage | undefined): void { nodeFactory = f; }

/** The storage the files layer uses: Node's file system when there is one,
 *  else an in-memory file system. */
export function storage(): Storage {
  if (!current) current = nodeFactory?.() ?? new MemoryStorage();
  if (remote?.of !== current) {
    const own = current.chdir ? current : cwdView(current);
    remote = { of: current, view: storageRoutes.wrap?.(own) ?? own };
  }
  return remote.view;
}

/** Swaps the backend (an OPFS backend in a browser worker, a MemoryStorage in
 *  tests); returns the previous one. */
export function useStorage(s: Storage): Storage {
  storage();
  const prev = current!;
  current = s;
  virtualCwd = '';
  return prev;
}
