// The page bundle's zstd encoder (zstdenc.ts is Node's): the same frame, but its
// blocks are stored raw. It is valid zstd that kdb+ and zstd.ts read back, only
// not smaller; the page bundle keeps within its size budget without the encoder.

const BLOCK = 1 << 17;

/** A zstd frame of src: single segment, 4-byte content size, raw blocks of at most 128 KB. */
export function zstdCompress(src: Uint8Array, _level = 3): Uint8Array {
  const n = src.length, blocks = Math.max(1, Math.ceil(n / BLOCK));
  const out = new Uint8Array(9 + 3 * blocks + n);
  out.set([0x28, 0xb5, 0x2f, 0xfd, 0xa0, n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24]);
  let o = 9;
  for (let b = 0; b < blocks; b++) {
    const at = b * BLOCK, size = Math.min(BLOCK, n - at), h = (size << 3) | (b === blocks - 1 ? 1 : 0);
    out.set([h & 255, (h >>> 8) & 255, h >>> 16], o);
    out.set(src.subarray(at, at + size), o + 3);
    o += 3 + size;
  }
  return out;
}
