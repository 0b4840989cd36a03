#!/usr/bin/env python3
"""Medians and ratios of alternating benchmark samples.

Input (stdin): lines "metric<TAB>variant<TAB>value". Arguments: BASELINE CANDIDATE [higher-is-better metrics...].
Prints a markdown table: metric, runs, median baseline, median candidate, ratio candidate/baseline of the medians,
the median of the per-run ratios (the n-th sample of each variant come from the same alternating round, so this
ratio cancels the load drifting between rounds), and the min-max range of each, so the noise stays visible.
"""
import statistics
import sys
from collections import defaultdict

baseline, candidate = sys.argv[1], sys.argv[2]
samples = defaultdict(lambda: defaultdict(list))
order = []
for line in sys.stdin:
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 3:
        continue
    metric, variant, value = parts
    if metric not in order:
        order.append(metric)
    samples[metric][variant].append(float(value))

print(f"| metric | runs | {baseline} median (min-max) | {candidate} median (min-max) | ratio of medians | median of per-run ratios |")
print("|---|---|---|---|---|---|")
for metric in order:
    b, c = samples[metric][baseline], samples[metric][candidate]
    if not b or not c:
        continue
    mb, mc = statistics.median(b), statistics.median(c)
    paired = statistics.median(y / x for x, y in zip(b, c))
    fmt = lambda v: f"{v:,.0f}" if v >= 100 else f"{v:,.2f}"
    print(f"| {metric} | {len(b)}/{len(c)} | {fmt(mb)} ({fmt(min(b))}-{fmt(max(b))}) "
          f"| {fmt(mc)} ({fmt(min(c))}-{fmt(max(c))}) | {mc / mb:.3f} | {paired:.3f} |")
