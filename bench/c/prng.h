/* The shared input generator of the qwasm benchmarks (also in bench/lib/data.mjs
 * and bench/numpy_bench.py): splitmix64 in counter form, item i of the stream
 * with seed s is mix(s + (i+1) * GAMMA). Each data set derives its items from
 * that stream with integer shifts and exact float operations only, so that C,
 * numpy and JavaScript build bit-identical inputs (checked by fingerprints). */
#ifndef QWASM_BENCH_PRNG_H
#define QWASM_BENCH_PRNG_H
#include <stdint.h>

#define GAMMA 0x9E3779B97F4A7C15ULL

static inline uint64_t sm64(uint64_t seed, uint64_t i) {
  uint64_t z = seed + (i + 1) * GAMMA;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/* [0,1) with 53 random bits: exact in every language */
static inline double u53(uint64_t r) { return (double)(r >> 11) * 0x1p-53; }

#endif
