// The module's exports. Kernels live in assembly/kernels/<family>.ts; this file
// only re-exports, so the JS side finds every entry point by name.

export { ga, atom, r1, r0, err, clearErr, capacity, memUsed, memPeak, memHeap, memBlocks, memTop, memSys, freeCount } from "./mem";
export { intern, symCount, symText, symBytes, scratchBuf, symCmp } from "./sym";
export * from "./kernels/core";
export * from "./kernels/arith";
export * from "./kernels/cmp";
export * from "./kernels/math";
export * from "./kernels/cast";
export * from "./kernels/format";
export * from "./kernels/parse";
export * from "./kernels/agg";
export * from "./kernels/scan";
export * from "./kernels/uniform";
export * from "./kernels/window";
export * from "./kernels/sort";
export * from "./kernels/search";
export * from "./kernels/set";
export * from "./kernels/struct";
export * from "./kernels/group";
export * from "./kernels/join";
export * from "./kernels/codec";
export * from "./kernels/groupagg";
export { hidx_build, hidx_has, hidx_drop, hidx_find, hidx_derive, hidx_live, cidx_find, cidx_has } from "./kernels/hashindex";
