// The page bundle's unboxed.ts: every case declines, so compiled code takes its
// general paths (same results; symbols then compare through the kernels, items
// are read and amended through atoms). It keeps the page within its size budget.
export const itemNum = (): boolean => false;
export const indexNum = (_p: number, _t: number, _v: number): boolean => false;
export const amendNum = (): boolean => false;
export const appendOwned = (): null => null;
export const indexRead = (): null => null;
export const indexAssign = (): null => null;
export const appendAssign = (): null => null;
export const atomTest = (_glyph: string): undefined => undefined;
export const atomConstTest = (_glyph: string, _left: boolean): undefined => undefined;
export const atomInPlace = (_glyph: string, _left: boolean): undefined => undefined;
export const ATOM_DYADS: Readonly<Record<string, undefined>> = {};
export const atomConstDyad = (_glyph: string, _left: boolean): undefined => undefined;
export const indexAppend = (): null => null;
