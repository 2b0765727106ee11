// zstdenc.ts as the page bundle has it (scripts/build.mjs swaps it in): a
// valid zstd frame whose blocks are stored raw, as `.Q.gz` writes stored
// deflate blocks in a page. kdb+ and zstd read it; it is only not smaller.
// The compressor (about 3 KB gzipped) stays out of the page's size budget;
// reading zstd (zstd.ts) is the same in both.

const BLOCK = 1 << 17;

/** zstd frame of src in raw blocks (the level is accepted and unused). */
export function zstdCompress(src: Uint8Array, _level = 3): Uint8Array {
  const n = src.length;
  const fcsFlag = n < 256 ? 0 : n < 65536 + 256 ? 1 : n < 2 ** 32 ? 2 : 3;
  const fcsBytes = fcsFlag ? 1 << fcsFlag : 1;
  const blocks = Math.max(1, Math.ceil(n / BLOCK));
  const out = new Uint8Array(5 + fcsBytes + 3 * blocks + n);
  out.set([0x28, 0xb5, 0x2f, 0xfd, (fcsFlag << 6) | 0x20]);
  const fcs = fcsFlag === 1 ? n - 256 : n;
  for (let i = 0; i < fcsBytes; i++) out[5 + i] = Math.floor(fcs / 2 ** (8 * i)) & 255;
  let at = 5 + fcsBytes;
  for (let b = 0; b < blocks; b++) {
    const s = b * BLOCK, size = Math.min(BLOCK, n - s);
    const h = (b === blocks - 1 ? 1 : 0) | (size << 3); // block type 0: raw
    out[at] = h & 255; out[at + 1] = (h >> 8) & 255; out[at + 2] = h >> 16;
    out.set(src.subarray(s, s + size), at + 3);
    at += 3 + size;
  }
  return out;
}
