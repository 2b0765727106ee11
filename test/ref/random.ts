// Reference copy of the roll generator before its loops kept the state in
// locals (src/ops/sortsearch/random.ts): xoshiro128** from the startup seed,
// rand53 from two draws, below(m) = floor(rand53 * m). Tests replay it to check
// that every roll still draws the same numbers in the same order.

export function makeRng(): { rand53: () => number; below: (m: number) => number } {
  let s0 = 0x9e3779b9 | 0, s1 = 0x243f6a88 | 0, s2 = 0xb7e15162 | 0, s3 = 0x314159 | 0;
  const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
  const next32 = (): number => {
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
    return r;
  };
  const rand53 = () => (next32() * 2 ** 21 + (next32() >>> 11)) / 2 ** 53;
  return { rand53, below: (m: number) => Math.floor(rand53() * m) };
}
