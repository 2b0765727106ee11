// The page bundle's zstd encoder (src/files/zstdenc.browser.ts) stores raw blocks:
// its frames must be valid zstd that our decoder and the zstd tool read back.
import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { zstdCompress } from '../../src/files/zstdenc.browser.js';
import { zstdDecompress } from '../../src/files/zstd.js';

const sizes = [0, 1, 255, 256, 65535, 65536, 131071, 131072, 131073, 400000];
const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7919) % 251);
const hasZstd = (() => { try { execFileSync('zstd', ['--version']); return true; } catch { return false; } })();

describe('raw-block zstd frames', () => {
  test.each(sizes)('%i bytes round-trip through zstd.ts', (n) => {
    const x = bytes(n);
    expect(zstdDecompress(zstdCompress(x))).toEqual(x);
  });
  test.skipIf(!hasZstd)('the zstd tool reads them', () => {
    for (const n of [0, 5, 131073, 400000]) {
      const x = bytes(n);
      const back = execFileSync('zstd', ['-d', '-c'], { input: zstdCompress(x) });
      expect(new Uint8Array(back)).toEqual(x);
    }
  });
});
