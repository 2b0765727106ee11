// fetchsync.ts as the browser bundle has it (scripts/build.mjs swaps it in): a
// page fetches by synchronous XMLHttpRequest only; Node's child-process fetch
// stays out of the page bundle.

export { fetchXhr as fetchSync } from './fetchsync.js';
