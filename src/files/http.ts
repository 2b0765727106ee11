// `:http://… and `:https://… paths, read-only (issue: "fetching `:http://…
// paths read-only"): get, read0, read1 and hcount fetch the whole file; any
// write is kdb+'s 'Read-only file system' OS error. q's file operations are
// synchronous, so Node fetches in a child process (execFileSync) and the
// browser with a synchronous XMLHttpRequest. One q operation sees one copy:
// the fetched bytes are kept until the current task ends.

import { osError, storageRoutes, type Storage } from './storage.js';
import { fetchSync } from './fetchsync.js';

export const isUrl = (p: string): boolean => /^https?:\/\//i.test(p);

const fetched = new Map<string, Uint8Array>();
function bytes(url: string): Uint8Array {
  let b = fetched.get(url);
  if (!b) {
    b = fetchSync(url);
    if (!fetched.size) queueMicrotask(() => fetched.clear());
    fetched.set(url, b);
  }
  return b;
}

/** The storage seen by the files layer: URLs read over HTTP, the rest from `inner`. */
export function routed(inner: Storage): Storage {
  const ro = (p: string): never => { throw osError(p, 'EROFS'); };
  return {
    size: (p) => (isUrl(p) ? bytes(p).length : inner.size(p)),
    exists: (p) => {
      if (!isUrl(p)) return inner.exists(p);
      try { bytes(p); return true; } catch { return false; }
    },
    isDir: (p) => !isUrl(p) && inner.isDir(p),
    list: (p) => (isUrl(p) ? ro(p) : inner.list(p)),
    readInto: (p, dst, pos) => {
      if (!isUrl(p)) return inner.readInto(p, dst, pos);
      const part = bytes(p).subarray(pos, pos + dst.length);
      dst.set(part);
      return part.length;
    },
    read: (p) => (isUrl(p) ? bytes(p).slice() : inner.read(p)),
    write: (p, c) => (isUrl(p) ? ro(p) : inner.write(p, c)),
    append: (p, b) => (isUrl(p) ? ro(p) : inner.append(p, b)),
    mkdirp: (p) => { if (!isUrl(p)) inner.mkdirp(p); }, // a server's folders are there: the write itself is refused
    remove: (p) => (isUrl(p) ? ro(p) : inner.remove(p)),
  };
}

storageRoutes.wrap = routed;
