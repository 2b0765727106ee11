// sslenv.ts as the browser bundle has it (scripts/build.mjs swaps it in): a page
// has no environment and opens no q-level TLS connections (hopen is 'nyi there).
import type { ClientTls } from './sslenv.js';

export type { ClientTls };

export function sslEnv(_name: string): string | undefined { return undefined; }
export function clientTls(): ClientTls { return { verify: 'YES' }; }
