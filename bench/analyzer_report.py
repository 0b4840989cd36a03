#!/usr/bin/env python3
"""Summarises the compiler's -p:ReportAnalyzer=true output of one or more detailed build logs of one project.

Usage: analyzer_report.py LOG...
Per log: CoreCompile time (MSBuild performance summary), total analyzer time, the Platform.Analyzers assembly time,
and the time of every analyzer type (with the rule ids it reports). Across logs, medians. Prints markdown:
  - Platform analyzers' share of CoreCompile and of all analyzer time,
  - every PLAT analyzer next to the median NetAnalyzers analyzer (the NetAnalyzers analyzers that executed),
  - the slowest NetAnalyzers analyzers, for scale.
Times the compiler prints as "<0.001" count as 0.0005 s. Analyzer times are summed over threads (the compiler runs
analyzers concurrently), so shares of CoreCompile wall time are an upper bound.
"""
import re
import statistics
import sys
from collections import defaultdict

NET = ("Microsoft.CodeAnalysis.NetAnalyzers", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers")


def seconds(text):
    return 0.0005 if text.startswith("<") else float(text)


def parse(path):
    lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    core_ms = None
    assemblies, types = {}, {}
    total = None
    in_table, assembly = False, None
    for line in lines:
        m = re.match(r"^\s*(\d+) ms\s+CoreCompile\s+\d+ calls", line)
        if m:
            core_ms = float(m.group(1))
        m = re.search(r"Total analyzer execution time: ([0-9.]+) seconds", line)
        if m and total is None:
            total = float(m.group(1))
        if re.search(r"Time \(s\)\s+%\s+Analyzer", line):
            in_table = True
            continue
        if re.search(r"Time \(s\)\s+%\s+Generator", line) or (in_table and "Total generator" in line):
            in_table = False
            continue
        if not in_table:
            continue
        m = re.match(r"^\s*(<?[0-9.]+)\s+(<?[0-9]+)\s+(\S.*?)\s*$", line)
        if not m:
            if line.strip() == "" or "NOTE:" in line:
                continue
            in_table = False
            continue
        t, name = seconds(m.group(1)), m.group(3)
        if ", Version=" in name:
            assembly = name.split(",")[0]
            assemblies[assembly] = t
        else:
            types[(assembly, name)] = t
    return core_ms, total, assemblies, types


runs = [parse(p) for p in sys.argv[1:]]
runs = [r for r in runs if r[0] is not None and r[1] is not None]
if not runs:
    sys.exit("no CoreCompile time or analyzer report found in the logs")
core = statistics.median(r[0] for r in runs)
total = statistics.median(r[1] for r in runs)
plat = statistics.median(r[2].get("Platform.Analyzers", 0.0) for r in runs)
per_type = defaultdict(list)
for r in runs:
    for key, t in r[3].items():
        per_type[key].append(t)
med = {key: statistics.median(v) for key, v in per_type.items()}
net = sorted((t, k[1]) for k, t in med.items() if k[0] in NET)
platform = sorted(((t, k[1]) for k, t in med.items() if k[0] == "Platform.Analyzers"), reverse=True)
net_median = statistics.median(t for t, _ in net) if net else float("nan")
# Half the executed NetAnalyzers analyzers report "<0.001" (nothing to look at in this code): the median of the ones
# that did measurable work is the more telling yardstick, so both are printed.
measurable = [t for t, _ in net if t >= 0.001]
net_median_measurable = statistics.median(measurable) if measurable else float("nan")


def rank(t):
    return 100.0 * sum(1 for n, _ in net if n < t) / len(net) if net else float("nan")


print(f"Builds parsed: {len(runs)} (medians below).\n")
print("| measure | value |")
print("|---|---|")
print(f"| CoreCompile (MSBuild target time) | {core / 1000:.2f} s |")
print(f"| all analyzers (summed over threads) | {total:.3f} s |")
print(f"| Platform.Analyzers (all PLAT rules) | {plat:.3f} s |")
print(f"| Platform.Analyzers share of CoreCompile | {100 * plat * 1000 / core:.2f} % |")
print(f"| Platform.Analyzers share of analyzer time | {100 * plat / total:.2f} % |")
print(f"| NetAnalyzers analyzers executed | {len(net)} |")
print(f"| median NetAnalyzers analyzer (all executed) | {net_median:.4f} s |")
print(f"| NetAnalyzers analyzers with measurable time (>= 1 ms) | {len(measurable)} |")
print(f"| median of those | {net_median_measurable:.4f} s |")
print()
print("| Platform analyzer (rules) | time (s) | slower than median NetAnalyzers analyzer? | × median of measurable ones | slower than % of NetAnalyzers analyzers |")
print("|---|---|---|---|---|")
for t, name in platform:
    short = name.replace("Platform.Analyzers.", "")
    print(f"| {short} | {t:.4f} | {'yes' if t > net_median else 'no'} | {t / net_median_measurable:.2f} | {rank(t):.0f} % |")
print()
print("Slowest NetAnalyzers analyzers, for scale:\n")
print("| NetAnalyzers analyzer (rules) | time (s) |")
print("|---|---|")
for t, name in sorted(net, reverse=True)[:5]:
    print(f"| {name.split('.')[-1]} | {t:.4f} |")
