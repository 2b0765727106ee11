// node.ts as the browser bundle has it (scripts/build.mjs swaps it in): a page
// has no node:fs, so there is no Node storage to offer; the files layer uses
// OPFS or memory there. Leaving NodeStorage out keeps the page bundle in budget.
export {};
