"""numpy baselines for `npm run bench` (run by scripts/bench.mjs when python3
and numpy are present).

    python3 bench/numpy_bench.py <n> <target_ms> <min_reps> [id...]   (else ids on stdin)

Builds the same inputs as bench/c/prng.h and bench/lib/data.mjs (splitmix64 in
counter form, vectorised) and prints one JSON object: input fingerprints and,
per kernel id it knows, the median and min milliseconds of the idiomatic numpy
call. Each call allocates its output, as numpy does."""
import json
import sys
import time

import numpy as np

GAMMA = np.uint64(0x9E3779B97F4A7C15)
NJ = np.iinfo(np.int64).min
WJ = np.iinfo(np.int64).max
NPOOL = 1000


def sm64(seed, n):
    z = np.arange(1, n + 1, dtype=np.uint64) * GAMMA + np.uint64(seed)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def u53(r):
    return (r >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def datasets(n):
    m = n // 10
    d = {}
    r = sm64(1, n); d['J'] = (r >> np.uint64(44)).astype(np.int64) + 1
    r = sm64(2, n); v = (r >> np.uint64(44)).astype(np.int64) + 1; v[(r & np.uint64(15)) == 0] = NJ; d['JN'] = v
    r = sm64(3, n); d['J2'] = (r >> np.uint64(44)).astype(np.int64) + 1
    r = sm64(4, n); d['F'] = u53(r) * 2048.0 - 1024.0
    r = sm64(5, n); v = u53(r) * 2048.0 - 1024.0; v[(r & np.uint64(15)) == 0] = np.nan; d['FN'] = v
    r = sm64(6, n); d['F2'] = 1.0 + u53(r) * 1024.0
    r = sm64(7, n); d['FP'] = 1.0 + (u53(r) - 0.5) * 2.0 ** -10
    # written zeros: np.zeros' calloc would map every page to the one zero page
    d['Z'] = np.full(n, 0, np.int64)
    d['ZF'] = np.full(n, 0.0, np.float64)
    d['R'] = sm64(8, n).view(np.int64)
    d['D'] = (sm64(10, n) >> np.uint64(50)).astype(np.int32)
    d['P'] = (sm64(11, n) >> np.uint64(4)).astype(np.int64)
    d['S'] = ((sm64(13, n) >> np.uint64(32)) % np.uint64(NPOOL)).astype(np.int32)
    d['SORTED'] = np.cumsum((sm64(14, n) >> np.uint64(60)).astype(np.int64) + 1)
    M = float(d['SORTED'][-1] + 16) if n else 16.0
    d['KEYS'] = (u53(sm64(15, m)) * M).astype(np.int64)
    d['POOL'] = sm64(16, NPOOL).view(np.int64)
    d['G'] = d['POOL'][((sm64(17, n) >> np.uint64(32)) % np.uint64(NPOOL)).astype(np.intp)]
    # symbols as numpy strings, the way a numpy user holds them
    names = np.array(['s%d' % k for k in range(NPOOL)])
    d['SSTR'] = names[d['S']]
    return d


def fingerprint(a):
    w = a.view(np.uint64) if a.itemsize == 8 else a.view(np.uint32)
    x = int(np.bitwise_xor.reduce(w)) if len(w) else 0
    return '%016x' % x


def kernels(d):
    J, JN, J2, F, FN, F2, FP = d['J'], d['JN'], d['J2'], d['F'], d['FN'], d['F2'], d['FP']
    R, D, P, SSTR = d['R'], d['D'], d['P'], d['SSTR']
    SORTED, KEYS, POOL, G = d['SORTED'], d['KEYS'], d['POOL'], d['G']

    def ratios(x):
        r = np.empty(len(x), np.float64)
        if len(x):
            r[0] = x[0]
            np.divide(x[1:], x[:-1], out=r[1:])
        return r

    def idesc(x):  # stable descending: ties keep ascending index
        return (len(x) - 1) - np.argsort(x[::-1], kind='stable')[::-1]

    def group(x):
        keys, inv = np.unique(x, return_inverse=True)
        order = np.argsort(inv, kind='stable')
        return keys, np.split(order, np.cumsum(np.bincount(inv))[:-1])

    def find(u, x):  # u ? x: index of each x in u (len u when absent)
        sorter = np.argsort(u, kind='stable')
        pos = np.searchsorted(u, x, sorter=sorter).clip(0, len(u) - 1)
        idx = sorter[pos]
        return np.where(u[idx] == x, idx, len(u))

    return {
        'sum.j': lambda: np.sum(J),
        'sum.jn': lambda: np.sum(JN, where=JN != NJ),
        'sum.f': lambda: np.sum(F),
        'sum.fn': lambda: np.nansum(FN),
        'prd.j': lambda: np.prod(J),
        'prd.jn': lambda: np.prod(JN, where=JN != NJ),
        'prd.f': lambda: np.prod(FP),
        'prd.fn': lambda: np.nanprod(FN),
        'max.j': lambda: np.max(J),
        'max.jn': lambda: np.max(JN, where=JN != NJ, initial=NJ),
        'max.f': lambda: np.max(F),
        'max.fn': lambda: np.nanmax(FN),
        'min.j': lambda: np.min(J),
        'min.jn': lambda: np.min(JN, where=JN != NJ, initial=WJ),
        'min.f': lambda: np.min(F),
        'min.fn': lambda: np.nanmin(FN),
        'avg.j': lambda: np.mean(J),
        'avg.jn': lambda: np.mean(JN, where=JN != NJ),
        'avg.f': lambda: np.mean(F),
        'avg.fn': lambda: np.nanmean(FN),
        'all.j': lambda: np.all(J),
        'all.jn': lambda: np.all(JN),
        'all.f': lambda: np.all(F),
        'all.fn': lambda: np.all(FN),
        'any.j': lambda: np.any(d['Z']),
        'any.f': lambda: np.any(d['ZF']),
        'sums.j': lambda: np.cumsum(J),
        'sums.f': lambda: np.cumsum(F),
        'prds.j': lambda: np.cumprod(J),
        'prds.f': lambda: np.cumprod(FP),
        'maxs.j': lambda: np.maximum.accumulate(J),
        'maxs.f': lambda: np.maximum.accumulate(F),
        'mins.j': lambda: np.minimum.accumulate(J),
        'mins.f': lambda: np.minimum.accumulate(F),
        'deltas.j': lambda: np.diff(J, prepend=0),
        'deltas.f': lambda: np.diff(F, prepend=0.0),
        'ratios.j': lambda: ratios(J),
        'ratios.f': lambda: ratios(F2),
        'add.jj': lambda: J + J2,
        'add.ff': lambda: F + F2,
        'add.ja': lambda: J + 1,
        'sub.jj': lambda: J - J2,
        'sub.ff': lambda: F - F2,
        'mul.jj': lambda: J * J2,
        'mul.ff': lambda: F * F2,
        'mul.fa': lambda: F * 2.5,
        'div.jj': lambda: J / J2,
        'div.ff': lambda: F / F2,
        'fill.j': lambda: np.where(JN == NJ, 0, JN),
        'fill.f': lambda: np.where(np.isnan(FN), 0.0, FN),
        'eq.jj': lambda: J == J2,
        'lt.jj': lambda: J < J2,
        'lt.ff': lambda: F < F2,
        'gt.fa': lambda: F > 0.0,
        'cast.jf': lambda: J.astype(np.float64),
        'neg.j': lambda: -J,
        'neg.f': lambda: -F,
        'abs.j': lambda: np.abs(JN),
        'abs.f': lambda: np.abs(FN),
        'iasc.j': lambda: np.argsort(R, kind='stable'),
        'iasc.f': lambda: np.argsort(F, kind='stable'),
        'iasc.d': lambda: np.argsort(D, kind='stable'),
        'iasc.p': lambda: np.argsort(P, kind='stable'),
        'iasc.s': lambda: np.argsort(SSTR, kind='stable'),
        'idesc.j': lambda: idesc(R),
        'idesc.f': lambda: idesc(F),
        'idesc.d': lambda: idesc(D),
        'idesc.p': lambda: idesc(P),
        'idesc.s': lambda: idesc(SSTR),
        'asc.j': lambda: np.sort(R),
        'asc.f': lambda: np.sort(F),
        'desc.j': lambda: np.sort(R)[::-1],
        'desc.f': lambda: np.sort(F)[::-1],
        'bin.j': lambda: np.searchsorted(SORTED, KEYS, side='right') - 1,
        'binr.j': lambda: np.searchsorted(SORTED, KEYS, side='left'),
        'distinct.j': lambda: np.unique(G),
        'group.j': lambda: group(G),
        'find.j': lambda: find(POOL, G),
        'in.j': lambda: np.isin(G, POOL),
        'from.f': lambda: F.copy(),
    }


BIG_MS = 1500.0
SLOW_MS = 250.0


def run1(f):
    t = time.perf_counter()
    r = f()
    t = (time.perf_counter() - t) * 1e3
    del r
    return t


def warm(f):
    """The rule of scripts/bench.mjs: a warm-up run, the one sample if it took
    over BIG_MS; else more warm-up up to 30 ms, the fastest run is the estimate."""
    t0 = run1(f)
    if t0 > BIG_MS:
        return t0, t0, True
    w = est = t = t0
    while w < 30 and t < 30:
        t = run1(f)
        w += t
        est = min(est, t)
    return t0, est, False


def plan(est, target, min_reps):
    if est > SLOW_MS:
        return max(2, int(1500.0 / est))
    return min(400, max(min_reps, int(target / max(est, 0.001))))


def measure(f, target, min_reps):
    t0, est, counted = warm(f)
    samples = [t0] if counted else []
    reps = 1 if counted else plan(est, target, min_reps)
    while len(samples) < reps:
        samples.append(run1(f))
    samples.sort()
    k = len(samples)
    med = samples[k // 2] if k % 2 else (samples[k // 2 - 1] + samples[k // 2]) / 2
    return {'median': med, 'min': samples[0], 'reps': k}


def main():
    """numpy_bench.py <n> <target_ms> <min_reps> [id...]: the kernels given,
    else commands on stdin, one a line: "<id>" measures a kernel, "warm <id>"
    warms it up ({t0, est, counted}), "run <id> <k>" times k runs (the runner
    interleaves batches of every language so that all see the same load).
    Prints a JSON line of input fingerprints, then one JSON line per command."""
    n, target, min_reps = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    d = datasets(n)
    fps = {k: fingerprint(d[k]) for k in ['J', 'JN', 'J2', 'F', 'FN', 'F2', 'FP', 'R', 'D', 'P', 'S', 'SORTED', 'KEYS', 'G']}
    ks = kernels(d)
    print(json.dumps({'n': n, 'numpy': np.__version__, 'fingerprints': fps}), flush=True)
    cmds = sys.argv[4:] or (line.strip() for line in sys.stdin)
    for c in cmds:
        if not c:
            break
        w = c.split()
        op, i = (w[0], w[1]) if len(w) > 1 else ('', w[0])
        if i not in ks:
            out = {'id': i, 'missing': True}
        elif op == 'warm':
            t0, est, counted = warm(ks[i])
            out = {'id': i, 't0': t0, 'est': est, 'counted': counted}
        elif op == 'run':
            out = {'id': i, 'times': [run1(ks[i]) for _ in range(int(w[2]) if len(w) > 2 else 1)]}
        else:
            out = {'id': i, **measure(ks[i], target, min_reps)}
        print(json.dumps(out), flush=True)


if __name__ == '__main__':
    main()
