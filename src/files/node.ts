// The Node backend of the storage interface: the real file system, paths
// relative to the working directory as q resolves them. Reached through
// process.getBuiltinModule so that the browser bundle never imports node:fs.

import { QError } from '../errors.js';
import { setNodeFactory, osError, type Storage } from './storage.js';

type Fs = typeof import('node:fs');

function nodeFs(): Fs | undefined {
  const g = globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } };
  return g.process?.getBuiltinModule?.('node:fs') as Fs | undefined;
}

let tmpSeq = 0;

/** Runs f, turning an OS failure into kdb+'s error for it. */
function io<T>(path: string, f: () => T): T {
  try { return f(); } catch (e) {
    if (e instanceof QError) throw e;
    throw osError(path, (e as { code?: string }).code ?? 'EIO');
  }
}

export class NodeStorage implements Storage {
  constructor(private readonly fs: Fs) {}
  size(p: string): number {
    return io(p, () => { const s = this.fs.statSync(p); if (!s.isFile()) throw osError(p, 'EISDIR'); return s.size; });
  }
  exists(p: string): boolean { return this.fs.existsSync(p); }
  isDir(p: string): boolean { try { return this.fs.statSync(p).isDirectory(); } catch { return false; } }
  list(p: string): string[] { return io(p, () => this.fs.readdirSync(p)); }
  readInto(p: string, dst: Uint8Array, pos: number): number {
    return io(p, () => {
      const fd = this.fs.openSync(p, 'r');
      try {
        let got = 0;
        while (got < dst.length) {
          const n = this.fs.readSync(fd, dst, got, dst.length - got, pos + got);
          if (n === 0) break;
          got += n;
        }
        return got;
      } finally { this.fs.closeSync(fd); }
    });
  }
  read(p: string): Uint8Array {
    return io(p, () => { const b = this.fs.readFileSync(p); return new Uint8Array(b.buffer, b.byteOffset, b.length); });
  }
  write(p: string, chunks: Uint8Array[]): void {
    const tmp = `${p}.qwasm-${process.pid}-${++tmpSeq}~`;
    io(p, () => {
      const fd = this.fs.openSync(tmp, 'w');
      try {
        for (const c of chunks) {
          let o = 0;
          while (o < c.length) o += this.fs.writeSync(fd, c, o, c.length - o);
        }
      } catch (e) { this.fs.closeSync(fd); this.fs.rmSync(tmp, { force: true }); throw e; }
      this.fs.closeSync(fd);
      try { this.fs.renameSync(tmp, p); } catch (e) { this.fs.rmSync(tmp, { force: true }); throw e; }
    });
  }
  append(p: string, bytes: Uint8Array): void { io(p, () => this.fs.appendFileSync(p, bytes)); }
  mkdirp(p: string): void { io(p, () => { this.fs.mkdirSync(p, { recursive: true }); }); }
  cwd(): string { return process.cwd(); }
  chdir(p: string): void { io(p, () => process.chdir(p)); }
  remove(p: string): void {
    io(p, () => {
      if (this.isDir(p)) this.fs.rmdirSync(p); else this.fs.unlinkSync(p);
    });
  }
}

setNodeFactory(() => { const fs = nodeFs(); return fs ? new NodeStorage(fs) : undefined; });
