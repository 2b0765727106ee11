/* C baselines for `npm run bench`: the same kernels as plain loops, an LSD
 * radix argsort and an open-addressing hash, over the inputs of prng.h.
 *
 *   bench <n> <target_ms> <min_reps> [id...]    (else one id per line on stdin)
 *
 * Built at run time twice: cc -O3 -march=native and cc -O3 -msse4.2.
 * Outputs are malloc'd inside the timed region and freed outside it; the heap
 * is kept warm (no mmap per call) as qwasm's allocator reuses its blocks. */
#define _GNU_SOURCE
#include <malloc.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "prng.h"

#define NJ INT64_MIN
#define WJ INT64_MAX
typedef int64_t J;
typedef double F;
typedef uint8_t B;

static int64_t n, m; /* items, bin keys */
static J *dJ, *dJN, *dJ2, *dZ, *dR, *dP, *dSORTED, *dKEYS, *dPOOL, *dG;
static F *dF, *dFN, *dF2, *dFP, *dZF;
static int32_t *dD, *dS;
static char NAMES[1000][8];
#define NPOOL 1000

static void *volatile OUT;          /* output of the last run: freed untimed */
static volatile double SINKF;
static volatile int64_t SINKJ;
static void *xmalloc(size_t b) { void *p = malloc(b ? b : 1); if (!p) { fprintf(stderr, "oom\n"); exit(2); } return p; }

static void gen(void) {
  dJ = xmalloc(n * 8); dJN = xmalloc(n * 8); dJ2 = xmalloc(n * 8); dZ = xmalloc(n * 8); dR = xmalloc(n * 8);
  dP = xmalloc(n * 8); dSORTED = xmalloc(n * 8); dG = xmalloc(n * 8); dKEYS = xmalloc(m * 8); dPOOL = xmalloc(NPOOL * 8);
  dF = xmalloc(n * 8); dFN = xmalloc(n * 8); dF2 = xmalloc(n * 8); dFP = xmalloc(n * 8); dZF = xmalloc(n * 8);
  dD = xmalloc(n * 4); dS = xmalloc(n * 4);
  /* zeros written, not calloc'd: untouched pages all map the one zero page */
  { volatile J *z = dZ; volatile F *zf = dZF; for (int64_t i = 0; i < n; i++) { z[i] = 0; zf[i] = 0; } }
  for (int k = 0; k < NPOOL; k++) { snprintf(NAMES[k], 8, "s%d", k); dPOOL[k] = (J)sm64(16, k); }
  J acc = 0;
  for (int64_t i = 0; i < n; i++) {
    uint64_t r;
    r = sm64(1, i); dJ[i] = (J)(r >> 44) + 1;
    r = sm64(2, i); dJN[i] = (r & 15) == 0 ? NJ : (J)(r >> 44) + 1;
    r = sm64(3, i); dJ2[i] = (J)(r >> 44) + 1;
    r = sm64(4, i); dF[i] = u53(r) * 2048.0 - 1024.0;
    r = sm64(5, i); dFN[i] = (r & 15) == 0 ? NAN : u53(r) * 2048.0 - 1024.0;
    r = sm64(6, i); dF2[i] = 1.0 + u53(r) * 1024.0;
    r = sm64(7, i); dFP[i] = 1.0 + (u53(r) - 0.5) * 0x1p-10;
    r = sm64(8, i); dR[i] = (J)r;
    r = sm64(10, i); dD[i] = (int32_t)(r >> 50);
    r = sm64(11, i); dP[i] = (J)(r >> 4);
    r = sm64(13, i); dS[i] = (int32_t)((r >> 32) % NPOOL);
    r = sm64(14, i); acc += 1 + (J)(r >> 60); dSORTED[i] = acc;
    r = sm64(17, i); dG[i] = dPOOL[(r >> 32) % NPOOL];
  }
  double M = (double)(acc + 16);
  for (int64_t i = 0; i < m; i++) dKEYS[i] = (J)(u53(sm64(15, i)) * M);
}

static uint64_t fp(const void *p, int64_t cnt, int w) {
  uint64_t x = 0;
  if (w == 8) { const uint64_t *q = p; for (int64_t i = 0; i < cnt; i++) x ^= q[i]; }
  else { const uint32_t *q = p; for (int64_t i = 0; i < cnt; i++) x ^= q[i]; }
  return x;
}

/* ---- reductions ---------------------------------------------------------- */
#define RED(name, T, A, init, data, body, fin)                               \
  static void name(void) { const T *x = data; A s = init;                   \
    for (int64_t i = 0; i < n; i++) { T v = x[i]; body; } fin; }
RED(sum_j, J, J, 0, dJ, s += v, SINKJ = s)
RED(sum_jn, J, J, 0, dJN, s += v == NJ ? 0 : v, SINKJ = s)
RED(sum_f, F, F, 0, dF, s += v, SINKF = s)
RED(sum_fn, F, F, 0, dFN, s += v == v ? v : 0, SINKF = s)
RED(prd_j, J, uint64_t, 1, dJ, s *= (uint64_t)v, SINKJ = (J)s)
RED(prd_jn, J, uint64_t, 1, dJN, s *= v == NJ ? 1 : (uint64_t)v, SINKJ = (J)s)
RED(prd_f, F, F, 1, dFP, s *= v, SINKF = s)
RED(prd_fn, F, F, 1, dFN, s *= v == v ? v : 1, SINKF = s)
RED(max_j, J, J, NJ, dJ, s = v > s ? v : s, SINKJ = s)
RED(max_jn, J, J, NJ, dJN, s = v > s ? v : s, SINKJ = s)
RED(max_f, F, F, -INFINITY, dF, s = v > s ? v : s, SINKF = s)
RED(max_fn, F, F, -INFINITY, dFN, s = v > s ? v : s, SINKF = s)
RED(min_j, J, J, WJ, dJ, s = v < s ? v : s, SINKJ = s)
RED(min_jn, J, J, WJ, dJN, { J w = v == NJ ? WJ : v; s = w < s ? w : s; }, SINKJ = s)
RED(min_f, F, F, INFINITY, dF, s = v < s ? v : s, SINKF = s)
RED(min_fn, F, F, INFINITY, dFN, s = v < s ? v : s, SINKF = s)
RED(avg_j, J, J, 0, dJ, s += v, SINKF = (F)s / (F)n)
RED(avg_f, F, F, 0, dF, s += v, SINKF = s / (F)n)
RED(all_j, J, J, 0, dJ, s += v == 0, SINKJ = s == 0)
RED(all_jn, J, J, 0, dJN, s += v == 0, SINKJ = s == 0)
RED(all_f, F, J, 0, dF, s += v == 0, SINKJ = s == 0)
RED(all_fn, F, J, 0, dFN, s += v == 0, SINKJ = s == 0)
RED(any_j, J, J, 0, dZ, s += v != 0, SINKJ = s != 0)
RED(any_f, F, J, 0, dZF, s += v != 0, SINKJ = s != 0)
static void avg_jn(void) { J s = 0, c = 0; for (int64_t i = 0; i < n; i++) { J v = dJN[i]; int nn = v != NJ; s += nn ? v : 0; c += nn; } SINKF = (F)s / (F)c; }
static void avg_fn(void) { F s = 0; J c = 0; for (int64_t i = 0; i < n; i++) { F v = dFN[i]; int nn = v == v; s += nn ? v : 0; c += nn; } SINKF = s / (F)c; }

/* ---- maps and scans ------------------------------------------------------ */
#define MAP1(name, T, R, data, expr)                                         \
  static void name(void) { const T *x = data; R *r = xmalloc(n * sizeof(R)); \
    for (int64_t i = 0; i < n; i++) { T v = x[i]; r[i] = expr; } OUT = r; }
#define MAP2(name, T, R, dx, dy, expr)                                       \
  static void name(void) { const T *x = dx, *y = dy; R *r = xmalloc(n * sizeof(R)); \
    for (int64_t i = 0; i < n; i++) { T a = x[i], b = y[i]; r[i] = expr; } OUT = r; }
#define SCAN(name, T, data, init, step)                                      \
  static void name(void) { const T *x = data; T *r = xmalloc(n * sizeof(T)); T s = init; \
    for (int64_t i = 0; i < n; i++) { T v = x[i]; step; r[i] = s; } OUT = r; }
SCAN(sums_j, J, dJ, 0, s += v)
SCAN(sums_f, F, dF, 0, s += v)
static void prds_j(void) { const J *x = dJ; J *r = xmalloc(n * 8); uint64_t s = 1; for (int64_t i = 0; i < n; i++) { s *= (uint64_t)x[i]; r[i] = (J)s; } OUT = r; }
SCAN(prds_f, F, dFP, 1, s *= v)
SCAN(maxs_j, J, dJ, NJ, s = v > s ? v : s)
SCAN(maxs_f, F, dF, -INFINITY, s = v > s ? v : s)
SCAN(mins_j, J, dJ, WJ, s = v < s ? v : s)
SCAN(mins_f, F, dF, INFINITY, s = v < s ? v : s)
static void deltas_j(void) { const J *x = dJ; J *r = xmalloc(n * 8); if (n) r[0] = x[0]; for (int64_t i = 1; i < n; i++) r[i] = x[i] - x[i - 1]; OUT = r; }
static void deltas_f(void) { const F *x = dF; F *r = xmalloc(n * 8); if (n) r[0] = x[0]; for (int64_t i = 1; i < n; i++) r[i] = x[i] - x[i - 1]; OUT = r; }
static void ratios_j(void) { const J *x = dJ; F *r = xmalloc(n * 8); if (n) r[0] = (F)x[0]; for (int64_t i = 1; i < n; i++) r[i] = (F)x[i] / (F)x[i - 1]; OUT = r; }
static void ratios_f(void) { const F *x = dF2; F *r = xmalloc(n * 8); if (n) r[0] = x[0]; for (int64_t i = 1; i < n; i++) r[i] = x[i] / x[i - 1]; OUT = r; }
MAP2(add_jj, J, J, dJ, dJ2, a + b)
MAP2(add_ff, F, F, dF, dF2, a + b)
MAP1(add_ja, J, J, dJ, v + 1)
MAP2(sub_jj, J, J, dJ, dJ2, a - b)
MAP2(sub_ff, F, F, dF, dF2, a - b)
MAP2(mul_jj, J, J, dJ, dJ2, a * b)
MAP2(mul_ff, F, F, dF, dF2, a * b)
MAP1(mul_fa, F, F, dF, v * 2.5)
MAP2(div_jj, J, F, dJ, dJ2, (F)a / (F)b)
MAP2(div_ff, F, F, dF, dF2, a / b)
MAP1(fill_j, J, J, dJN, v == NJ ? 0 : v)
MAP1(fill_f, F, F, dFN, v == v ? v : 0.0)
MAP2(eq_jj, J, B, dJ, dJ2, a == b)
MAP2(lt_jj, J, B, dJ, dJ2, a < b)
MAP2(lt_ff, F, B, dF, dF2, a < b)
MAP1(gt_fa, F, B, dF, v > 0.0)
MAP1(cast_jf, J, F, dJ, (F)v)
MAP1(neg_j, J, J, dJ, -v)
MAP1(neg_f, F, F, dF, -v)
MAP1(abs_j, J, J, dJN, v < 0 ? -v : v)
MAP1(abs_f, F, F, dFN, fabs(v))
static void from_f(void) { F *r = xmalloc(n * 8); memcpy(r, dF, n * 8); OUT = r; }

/* ---- LSD radix sort (8-bit digits, trivial passes skipped) ---------------- */
/* keys are order-preserving unsigned transforms; sorts (key, index) pairs and
 * writes the indices as longs (iasc) or the keys back (asc). */
static void radix64(uint64_t *k, int64_t cnt, J *outIdx, uint64_t *outKey) {
  static int64_t h[8][256];
  memset(h, 0, sizeof h);
  for (int64_t i = 0; i < cnt; i++) { uint64_t v = k[i]; for (int b = 0; b < 8; b++) h[b][(v >> (8 * b)) & 255]++; }
  int pass[8], np = 0;
  for (int b = 0; b < 8; b++) { int trivial = 0; for (int d = 0; d < 256; d++) if (h[b][d] == cnt) trivial = 1; if (!trivial) pass[np++] = b; }
  uint64_t *k2 = xmalloc(cnt * 8);
  uint32_t *i1 = outIdx ? xmalloc(cnt * 4) : NULL, *i2 = outIdx ? xmalloc(cnt * 4) : NULL;
  if (i1) for (int64_t i = 0; i < cnt; i++) i1[i] = (uint32_t)i;
  uint64_t *ks = k, *kd = k2; uint32_t *is = i1, *id = i2;
  for (int p = 0; p < np; p++) {
    int b = pass[p]; int64_t off[256], o = 0;
    for (int d = 0; d < 256; d++) { off[d] = o; o += h[b][d]; }
    if (outIdx && p == np - 1) { /* last pass writes the long indices */
      for (int64_t i = 0; i < cnt; i++) { uint64_t v = ks[i]; int64_t q = off[(v >> (8 * b)) & 255]++; outIdx[q] = is[i]; if (outKey) outKey[q] = v; }
      is = NULL; break;
    }
    if (outIdx) for (int64_t i = 0; i < cnt; i++) { uint64_t v = ks[i]; int64_t q = off[(v >> (8 * b)) & 255]++; kd[q] = v; id[q] = is[i]; }
    else for (int64_t i = 0; i < cnt; i++) { uint64_t v = ks[i]; kd[off[(v >> (8 * b)) & 255]++] = v; }
    uint64_t *t = ks; ks = kd; kd = t; uint32_t *u = is; is = id; id = u;
  }
  if (outIdx && is) for (int64_t i = 0; i < cnt; i++) outIdx[i] = is[i];           /* no pass ran */
  if (!outIdx && ks != k) memcpy(k, ks, cnt * 8);
  free(k2); free(i1); free(i2);
}
static void radix32(uint32_t *k, int64_t cnt, J *outIdx) {
  static int64_t h[4][256];
  memset(h, 0, sizeof h);
  for (int64_t i = 0; i < cnt; i++) { uint32_t v = k[i]; for (int b = 0; b < 4; b++) h[b][(v >> (8 * b)) & 255]++; }
  int pass[4], np = 0;
  for (int b = 0; b < 4; b++) { int trivial = 0; for (int d = 0; d < 256; d++) if (h[b][d] == cnt) trivial = 1; if (!trivial) pass[np++] = b; }
  uint32_t *k2 = xmalloc(cnt * 4), *i1 = xmalloc(cnt * 4), *i2 = xmalloc(cnt * 4);
  for (int64_t i = 0; i < cnt; i++) i1[i] = (uint32_t)i;
  uint32_t *ks = k, *kd = k2, *is = i1, *id = i2;
  int done = 0;
  for (int p = 0; p < np; p++) {
    int b = pass[p]; int64_t off[256], o = 0;
    for (int d = 0; d < 256; d++) { off[d] = o; o += h[b][d]; }
    if (p == np - 1) { for (int64_t i = 0; i < cnt; i++) { uint32_t v = ks[i]; outIdx[off[(v >> (8 * b)) & 255]++] = is[i]; } done = 1; break; }
    for (int64_t i = 0; i < cnt; i++) { uint32_t v = ks[i]; int64_t q = off[(v >> (8 * b)) & 255]++; kd[q] = v; id[q] = is[i]; }
    uint32_t *t = ks; ks = kd; kd = t; t = is; is = id; id = t;
  }
  if (!done) for (int64_t i = 0; i < cnt; i++) outIdx[i] = is[i];
  free(k2); free(i1); free(i2);
}
static inline uint64_t keyJ(J v) { return (uint64_t)v ^ 0x8000000000000000ULL; }
static inline uint64_t keyF(F v) { uint64_t b; memcpy(&b, &v, 8); if (v != v) return 0; return (b >> 63) ? ~b : b ^ 0x8000000000000000ULL; }
static inline F unkeyF(uint64_t k) { uint64_t b = (k >> 63) ? k ^ 0x8000000000000000ULL : ~k; F v; memcpy(&v, &b, 8); return v; }

static void isortJ(const J *x, int desc) { uint64_t *k = xmalloc(n * 8); J *r = xmalloc(n * 8);
  for (int64_t i = 0; i < n; i++) { k[i] = desc ? ~keyJ(x[i]) : keyJ(x[i]); }
  radix64(k, n, r, NULL); free(k); OUT = r; }
static void isortF(const F *x, int desc) { uint64_t *k = xmalloc(n * 8); J *r = xmalloc(n * 8);
  for (int64_t i = 0; i < n; i++) { k[i] = desc ? ~keyF(x[i]) : keyF(x[i]); }
  radix64(k, n, r, NULL); free(k); OUT = r; }
static void isortI(const int32_t *x, int desc) { uint32_t *k = xmalloc(n * 4); J *r = xmalloc(n * 8);
  for (int64_t i = 0; i < n; i++) { uint32_t v = (uint32_t)x[i] ^ 0x80000000u; k[i] = desc ? ~v : v; } radix32(k, n, r); free(k); OUT = r; }
static int cmpname(const void *a, const void *b) { return strcmp(NAMES[*(const int *)a], NAMES[*(const int *)b]); }
static void isortS(int desc) { /* rank the symbols' text, then radix on ranks */
  int ord[NPOOL]; uint32_t rank[NPOOL];
  for (int k = 0; k < NPOOL; k++) ord[k] = k;
  qsort(ord, NPOOL, sizeof(int), cmpname);
  for (int k = 0; k < NPOOL; k++) rank[ord[k]] = (uint32_t)k;
  uint32_t *k = xmalloc(n * 4); J *r = xmalloc(n * 8);
  for (int64_t i = 0; i < n; i++) k[i] = desc ? ~rank[dS[i]] : rank[dS[i]];
  radix32(k, n, r); free(k); OUT = r; }
static void iasc_j(void) { isortJ(dR, 0); }  static void idesc_j(void) { isortJ(dR, 1); }
static void iasc_f(void) { isortF(dF, 0); }  static void idesc_f(void) { isortF(dF, 1); }
static void iasc_d(void) { isortI(dD, 0); }  static void idesc_d(void) { isortI(dD, 1); }
static void iasc_p(void) { isortJ(dP, 0); }  static void idesc_p(void) { isortJ(dP, 1); }
static void iasc_s(void) { isortS(0); }      static void idesc_s(void) { isortS(1); }
static void sortJ(int desc) { uint64_t *k = xmalloc(n * 8);
  for (int64_t i = 0; i < n; i++) k[i] = desc ? ~keyJ(dR[i]) : keyJ(dR[i]);
  radix64(k, n, NULL, NULL);
  J *r = (J *)k; for (int64_t i = 0; i < n; i++) r[i] = (J)((desc ? ~k[i] : k[i]) ^ 0x8000000000000000ULL); OUT = r; }
static void sortF(int desc) { uint64_t *k = xmalloc(n * 8);
  for (int64_t i = 0; i < n; i++) k[i] = desc ? ~keyF(dF[i]) : keyF(dF[i]);
  radix64(k, n, NULL, NULL);
  F *r = (F *)k; for (int64_t i = 0; i < n; i++) r[i] = unkeyF(desc ? ~k[i] : k[i]); OUT = r; }
static void asc_j(void) { sortJ(0); }  static void desc_j(void) { sortJ(1); }
static void asc_f(void) { sortF(0); }  static void desc_f(void) { sortF(1); }

/* ---- binary search ------------------------------------------------------- */
static void bin_j(void) { /* last index with x<=y, else -1 */
  const J *x = dSORTED; J *r = xmalloc(m * 8);
  for (int64_t i = 0; i < m; i++) { J y = dKEYS[i]; int64_t lo = 0, len = n;
    while (len > 0) { int64_t h = len >> 1; if (x[lo + h] <= y) { lo += h + 1; len -= h + 1; } else len = h; }
    r[i] = lo - 1; }
  OUT = r; }
static void binr_j(void) { /* first index with x>=y, else n */
  const J *x = dSORTED; J *r = xmalloc(m * 8);
  for (int64_t i = 0; i < m; i++) { J y = dKEYS[i]; int64_t lo = 0, len = n;
    while (len > 0) { int64_t h = len >> 1; if (x[lo + h] < y) { lo += h + 1; len -= h + 1; } else len = h; }
    r[i] = lo; }
  OUT = r; }

/* ---- open-addressing hash (linear probing, power-of-two table) ----------- */
typedef struct { J *key; int32_t *val; uint64_t mask; int64_t used; int shift; } HT;
static inline uint64_t hh(J v, int shift) { return ((uint64_t)v * GAMMA) >> shift; }
static void ht_init(HT *t, int64_t cap) { int bits = 4; while ((1LL << bits) < cap * 2) bits++;
  t->mask = (1ULL << bits) - 1; t->shift = 64 - bits; t->used = 0;
  t->key = xmalloc((t->mask + 1) * 8); t->val = xmalloc((t->mask + 1) * 4);
  for (uint64_t i = 0; i <= t->mask; i++) t->val[i] = -1; }
static void ht_free(HT *t) { free(t->key); free(t->val); }
static int32_t ht_find(const HT *t, J v) { uint64_t h = hh(v, t->shift);
  for (;;) { int32_t g = t->val[h]; if (g < 0) return -1; if (t->key[h] == v) return g;
    h = (h + 1) & t->mask; } }
static void ht_grow(HT *t);
/* returns the group id of v, adding it as group t->used when new */
static inline int32_t ht_add(HT *t, J v) { uint64_t h = hh(v, t->shift);
  for (;;) { int32_t g = t->val[h];
    if (g < 0) { if ((uint64_t)(t->used + 1) * 2 > t->mask + 1) { ht_grow(t); return ht_add(t, v); }
      t->key[h] = v; t->val[h] = (int32_t)t->used; return (int32_t)t->used++; }
    if (t->key[h] == v) return g;
    h = (h + 1) & t->mask; } }
static void ht_grow(HT *t) { HT o = *t; ht_init(t, (int64_t)(o.mask + 1));
  for (uint64_t i = 0; i <= o.mask; i++) if (o.val[i] >= 0) { uint64_t h = hh(o.key[i], t->shift);
      while (t->val[h] >= 0) { h = (h + 1) & t->mask; }
      t->key[h] = o.key[i]; t->val[h] = o.val[i]; }
  t->used = o.used; ht_free(&o); }

static void distinct_j(void) { HT t; ht_init(&t, 64); J *r = xmalloc(n * 8); int64_t k = 0;
  for (int64_t i = 0; i < n; i++) { int64_t before = t.used; ht_add(&t, dG[i]); if (t.used != before) r[k++] = dG[i]; }
  ht_free(&t); OUT = realloc(r, (k ? k : 1) * 8); SINKJ = k; }
static void group_j(void) { /* distinct keys + one index vector per key (offsets into one buffer) */
  HT t; ht_init(&t, 64); int32_t *gid = xmalloc(n * 4);
  for (int64_t i = 0; i < n; i++) gid[i] = ht_add(&t, dG[i]);
  int64_t g = t.used; J *keys = xmalloc(g * 8); int64_t *off = calloc(g + 1, 8);
  for (uint64_t i = 0; i <= t.mask; i++) if (t.val[i] >= 0) keys[t.val[i]] = t.key[i];
  for (int64_t i = 0; i < n; i++) off[gid[i] + 1]++;
  for (int64_t k = 0; k < g; k++) off[k + 1] += off[k];
  J *idx = xmalloc(n * 8);
  for (int64_t i = 0; i < n; i++) idx[off[gid[i]]++] = i;
  ht_free(&t); free(gid); free(keys); free(off); OUT = idx; SINKJ = g; }
static void find_j(void) { /* POOL ? G */
  HT t; ht_init(&t, NPOOL); for (int k = 0; k < NPOOL; k++) ht_add(&t, dPOOL[k]);
  int32_t first[NPOOL]; for (int k = 0; k < NPOOL; k++) first[k] = NPOOL;
  for (int k = NPOOL - 1; k >= 0; k--) first[ht_find(&t, dPOOL[k])] = k;
  J *r = xmalloc(n * 8);
  for (int64_t i = 0; i < n; i++) { int32_t g = ht_find(&t, dG[i]); r[i] = g < 0 ? NPOOL : first[g]; }
  ht_free(&t); OUT = r; }
static void in_j(void) { /* G in POOL */
  HT t; ht_init(&t, NPOOL); for (int k = 0; k < NPOOL; k++) ht_add(&t, dPOOL[k]);
  B *r = xmalloc(n);
  for (int64_t i = 0; i < n; i++) r[i] = ht_find(&t, dG[i]) >= 0;
  ht_free(&t); OUT = r; }

/* ---- driver -------------------------------------------------------------- */
typedef struct { const char *id; void (*run)(void); } Kern;
static const Kern KERNELS[] = {
  {"sum.j", sum_j}, {"sum.jn", sum_jn}, {"sum.f", sum_f}, {"sum.fn", sum_fn},
  {"prd.j", prd_j}, {"prd.jn", prd_jn}, {"prd.f", prd_f}, {"prd.fn", prd_fn},
  {"max.j", max_j}, {"max.jn", max_jn}, {"max.f", max_f}, {"max.fn", max_fn},
  {"min.j", min_j}, {"min.jn", min_jn}, {"min.f", min_f}, {"min.fn", min_fn},
  {"avg.j", avg_j}, {"avg.jn", avg_jn}, {"avg.f", avg_f}, {"avg.fn", avg_fn},
  {"all.j", all_j}, {"all.jn", all_jn}, {"all.f", all_f}, {"all.fn", all_fn}, {"any.j", any_j}, {"any.f", any_f},
  {"sums.j", sums_j}, {"sums.f", sums_f}, {"prds.j", prds_j}, {"prds.f", prds_f},
  {"maxs.j", maxs_j}, {"maxs.f", maxs_f}, {"mins.j", mins_j}, {"mins.f", mins_f},
  {"deltas.j", deltas_j}, {"deltas.f", deltas_f}, {"ratios.j", ratios_j}, {"ratios.f", ratios_f},
  {"add.jj", add_jj}, {"add.ff", add_ff}, {"add.ja", add_ja}, {"sub.jj", sub_jj}, {"sub.ff", sub_ff},
  {"mul.jj", mul_jj}, {"mul.ff", mul_ff}, {"mul.fa", mul_fa}, {"div.jj", div_jj}, {"div.ff", div_ff},
  {"fill.j", fill_j}, {"fill.f", fill_f}, {"eq.jj", eq_jj}, {"lt.jj", lt_jj}, {"lt.ff", lt_ff}, {"gt.fa", gt_fa},
  {"cast.jf", cast_jf}, {"neg.j", neg_j}, {"neg.f", neg_f}, {"abs.j", abs_j}, {"abs.f", abs_f},
  {"iasc.j", iasc_j}, {"iasc.f", iasc_f}, {"iasc.d", iasc_d}, {"iasc.p", iasc_p}, {"iasc.s", iasc_s},
  {"idesc.j", idesc_j}, {"idesc.f", idesc_f}, {"idesc.d", idesc_d}, {"idesc.p", idesc_p}, {"idesc.s", idesc_s},
  {"asc.j", asc_j}, {"asc.f", asc_f}, {"desc.j", desc_j}, {"desc.f", desc_f},
  {"bin.j", bin_j}, {"binr.j", binr_j},
  {"distinct.j", distinct_j}, {"group.j", group_j}, {"find.j", find_j}, {"in.j", in_j},
  {"from.f", from_f},
};

static double now_ms(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6; }
static double run1(void (*f)(void)) { double t = now_ms(); f(); t = now_ms() - t; free(OUT); OUT = NULL; return t; }
static int cmpd(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

/* The rule of scripts/bench.mjs. A warm-up run; if it took over BIG_MS it is
 * the one sample. Else more warm-up up to 30 ms, and the fastest warm-up run
 * (a preempted one must not decide) sets the repetitions: ~target ms of work,
 * at least min_reps, at most 400; cells over SLOW_MS get ~1.5 s, at least 2. */
#define BIG_MS 1500.0
#define SLOW_MS 250.0
static double warm(const Kern *k, double *est, int *counted) {
  double t0 = run1(k->run), w = t0, t = t0;
  *est = t0; *counted = t0 > BIG_MS;
  if (*counted) return t0;
  while (w < 30 && t < 30) { t = run1(k->run); w += t; if (t < *est) *est = t; }
  return t0;
}
static int plan(double est, double target, int minReps) {
  if (est > SLOW_MS) { int r = (int)(1500.0 / est); return r < 2 ? 2 : r; }
  int r = (int)(target / (est > 0.001 ? est : 0.001));
  return r < minReps ? minReps : r > 400 ? 400 : r;
}
static void report(const char *id, double *s, int ns) {
  qsort(s, ns, sizeof(double), cmpd);
  double med = ns & 1 ? s[ns / 2] : (s[ns / 2 - 1] + s[ns / 2]) / 2;
  printf("{\"id\":\"%s\",\"median\":%.6f,\"min\":%.6f,\"reps\":%d}\n", id, med, s[0], ns);
}
static const Kern *lookup(const char *id) {
  for (size_t i = 0; i < sizeof KERNELS / sizeof *KERNELS; i++) if (!strcmp(KERNELS[i].id, id)) return &KERNELS[i];
  return NULL;
}

/* bench <n> <target_ms> <min_reps> [id...]: kernels from the arguments, else
 * one id per line on stdin (the runner interleaves cells across languages);
 * prints a JSON line of input fingerprints, then one JSON line per id. */
int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: bench <n> <target_ms> <min_reps> [id...]\n"); return 1; }
  mallopt(M_MMAP_MAX, 0); mallopt(M_TRIM_THRESHOLD, -1); /* warm heap, no per-call mmap */
  n = atoll(argv[1]); m = n / 10; double target = atof(argv[2]); int minReps = atoi(argv[3]);
  gen();
  printf("{\"n\":%lld,\"fingerprints\":{", (long long)n);
  printf("\"J\":\"%016llx\",\"JN\":\"%016llx\",\"J2\":\"%016llx\",\"F\":\"%016llx\",\"FN\":\"%016llx\",\"F2\":\"%016llx\",\"FP\":\"%016llx\","
         "\"R\":\"%016llx\",\"D\":\"%016llx\",\"P\":\"%016llx\",\"S\":\"%016llx\",\"SORTED\":\"%016llx\",\"KEYS\":\"%016llx\",\"G\":\"%016llx\"}}\n",
    (unsigned long long)fp(dJ, n, 8), (unsigned long long)fp(dJN, n, 8), (unsigned long long)fp(dJ2, n, 8), (unsigned long long)fp(dF, n, 8),
    (unsigned long long)fp(dFN, n, 8), (unsigned long long)fp(dF2, n, 8), (unsigned long long)fp(dFP, n, 8), (unsigned long long)fp(dR, n, 8),
    (unsigned long long)fp(dD, n, 4), (unsigned long long)fp(dP, n, 8), (unsigned long long)fp(dS, n, 4), (unsigned long long)fp(dSORTED, n, 8),
    (unsigned long long)fp(dKEYS, m, 8), (unsigned long long)fp(dG, n, 8));
  fflush(stdout);
  char line[256];
  /* commands: "<id>" measures a kernel; "warm <id>" warms it up and reports
   * {t0, est, counted}; "run <id> <k>" reports k timed runs (the runner
   * interleaves batches of every language, so all see the same load) */
  for (int a = 4;; a++) {
    char *cmd;
    if (argc > 4) { if (a >= argc) break; cmd = argv[a]; }
    else { if (!fgets(line, sizeof line, stdin)) break; line[strcspn(line, "\r\n")] = 0; if (!*line) break; cmd = line; }
    char *sp = strchr(cmd, ' '), *id = cmd, *op = "";
    if (sp) { *sp = 0; op = cmd; id = sp + 1; sp = strchr(id, ' '); if (sp) *sp++ = 0; }
    const Kern *k = lookup(id);
    if (!k) printf("{\"id\":\"%s\",\"missing\":true}\n", id);
    else if (!strcmp(op, "warm")) {
      double est; int counted; double t0 = warm(k, &est, &counted);
      printf("{\"id\":\"%s\",\"t0\":%.6f,\"est\":%.6f,\"counted\":%s}\n", id, t0, est, counted ? "true" : "false");
    } else if (!strcmp(op, "run")) {
      int reps = sp ? atoi(sp) : 1;
      printf("{\"id\":\"%s\",\"times\":[", id);
      for (int r = 0; r < reps; r++) printf("%s%.6f", r ? "," : "", run1(k->run));
      printf("]}\n");
    } else {
      double est; int counted; double t0 = warm(k, &est, &counted);
      int reps = counted ? 1 : plan(est, target, minReps), ns = 0;
      double *s = xmalloc(sizeof(double) * (reps + 1));
      if (counted) s[ns++] = t0;
      while (ns < reps) s[ns++] = run1(k->run);
      report(k->id, s, ns); free(s);
    }
    fflush(stdout);
  }
  return 0;
}
