// Borrowed, read-only views of a value's block for synchronous traversals
// (display, later IPC serialisation). A PtrView owns no reference and allocates
// nothing: it is valid only while the value it was made from is alive and no
// engine call runs, which is exactly the span of one str()/show() call.

import { mem, hdrType, hdrAttr, hdrCount, child, symbol } from './runtime.js';
import { QTYPES, XD, XT, type QTypedArray } from './types.js';
import { QError } from './errors.js';
import type { Displayable } from './display.js';

const ATTRS = ['', 's', 'u', 'p', 'g'] as const;

export class PtrView implements Displayable {
  constructor(readonly ptr: number) {}
  get type(): number { return hdrType(this.ptr); }
  get count(): number {
    const p = this.ptr, t = hdrType(p);
    if (t < 0 || t >= 100) return 1;
    if (t === XT) { const cols = child(child(p, 0), 1); return hdrCount(cols) ? new PtrView(child(cols, 0)).count : 0; }
    if (t === XD) return new PtrView(child(p, 0)).count;
    return hdrCount(p);
  }
  get attr(): '' | 's' | 'u' | 'p' | 'g' { return ATTRS[hdrAttr(this.ptr)] ?? ''; }
  get data(): QTypedArray {
    const p = this.ptr, t = hdrType(p), a = Math.abs(t);
    const qt = a < 20 && t !== 0 ? QTYPES[a] : undefined;
    if (!qt) return new Uint32Array(mem().buffer, p + 16, t >= 100 ? 1 : hdrCount(p)) as unknown as QTypedArray;
    const n = t < 0 ? 1 : hdrCount(p);
    return new qt.array(mem().buffer, p + 16, a === 2 ? n * 16 : n);
  }
  symbol(id: number): string { return symbol(id); }
  item(i: number): PtrView {
    if (hdrType(this.ptr) !== 0) throw new QError('type');
    return new PtrView(child(this.ptr, i));
  }
  get keys(): PtrView {
    const p = this.ptr, t = hdrType(p);
    if (t === XD) return new PtrView(child(p, 0));
    if (t === XT) return new PtrView(child(child(p, 0), 0));
    throw new QError('type');
  }
  get values(): PtrView {
    const p = this.ptr, t = hdrType(p);
    if (t === XD) return new PtrView(child(p, 1));
    if (t === XT) return new PtrView(child(child(p, 0), 1));
    throw new QError('type');
  }
}
