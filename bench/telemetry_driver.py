#!/usr/bin/env python3
"""Runs the two builds of the telemetry benchmark side by side, alternating, and prints tab-separated samples.

Usage: telemetry_driver.py STARTUP_RUNS WRK_RUNS WRK_SECONDS NAME=APPHOST:PROBE_PATH ...
  startup: process start (Popen) until the first 200 from PROBE_PATH, polled every 2 ms; then SIGTERM.
  throughput: start, wait for the probe, one GET /orders/1, 3 s wrk warm-up, then `wrk -t2 -c32 -d<WRK_SECONDS>s` on GET /orders/1;
              Requests/sec from wrk's summary.
Also recorded, because they hold steady on a loaded machine where wall time does not: the server's CPU time
(user+sys from /proc/PID/stat) at the first 200, and requests served per CPU-second of the server during the
measured wrk run.
Optional cold burst (BENCH_BURST_PATH set, BENCH_BURST_RUNS rounds, default 0): start, wait for the first 200 from
BENCH_BURST_PROBE (default /health/ready: where Kubernetes starts routing), then 32 concurrent GETs of BENCH_BURST_PATH
at once; records the slowest response of the burst and the server's CPU time once all 32 answered 200 (a client
created lazily inside the first requests stalls them here).
Optional first request (BENCH_FIRST_PATH set): in each startup round, right after the probe's first 200, one GET of
BENCH_FIRST_PATH until it answers 200: wall time and server CPU from process start until the service has served its
first real request (work a service defers to its first request is counted on both sides alike).
Each server listens on 127.0.0.1 only, on its own port, is stopped by its PID and waited for.
Output lines: metric<TAB>variant<TAB>value (for stats.py).
"""
import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time

startup_runs, wrk_runs, wrk_seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
variants = []
for arg in sys.argv[4:]:
    name, rest = arg.split("=", 1)
    apphost, probe = rest.rsplit(":", 1)
    variants.append((name, apphost, probe))

port_base = 18000 + os.getpid() % 1000


def start(apphost, port):
    env = dict(os.environ,
               ASPNETCORE_URLS=f"http://127.0.0.1:{port}",
               ASPNETCORE_ENVIRONMENT="Production",
               DOTNET_ENVIRONMENT="Production")
    # What the templates' appsettings.json sets: framework request logs at Warning, the service's own at Information.
    env["Logging__LogLevel__Default"] = "Information"
    env["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning"
    env.pop("OTEL_EXPORTER_OTLP_ENDPOINT", None)
    # BENCH_SERVER_CPUS (e.g. "1"): the service runs on those CPUs only (taskset), as in a pod with a CPU limit;
    # .NET sizes its thread pool and GC from the affinity, as it does from a cgroup quota. taskset execs: same PID.
    cpus = os.environ.get("BENCH_SERVER_CPUS")
    command = ["taskset", "-c", cpus, apphost] if cpus else [apphost]
    return subprocess.Popen(command, env=env, cwd=os.path.dirname(apphost),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(proc, port, path, deadline_s=60.0):
    begin = time.monotonic()
    while time.monotonic() - begin < deadline_s:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.002)
    raise SystemExit(f"no 200 from {path} within {deadline_s} s")


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def emit(metric, name, value):
    print(f"{metric}\t{name}\t{value:.1f}", flush=True)
    print(f"{metric} {name}: {value:.1f}", file=sys.stderr, flush=True)


first_path = os.environ.get("BENCH_FIRST_PATH")
for i in range(startup_runs):
    order = variants if i % 2 == 0 else list(reversed(variants))
    for k, (name, apphost, probe) in enumerate(order):
        port = port_base + k
        t0 = time.monotonic()
        proc = start(apphost, port)
        try:
            wait_ready(proc, port, probe)
            emit("startup to first 200, wall (ms)", name, (time.monotonic() - t0) * 1000)
            emit("startup to first 200, server CPU (ms)", name, cpu_seconds(proc.pid) * 1000)
            if first_path:
                wait_ready(proc, port, first_path)
                emit(f"start to first GET {first_path} served, wall (ms)", name, (time.monotonic() - t0) * 1000)
                emit(f"start to first GET {first_path} served, server CPU (ms)", name, cpu_seconds(proc.pid) * 1000)
        finally:
            stop(proc)

for i in range(wrk_runs):
    order = variants if i % 2 == 0 else list(reversed(variants))
    for k, (name, apphost, probe) in enumerate(order):
        port = port_base + 10 + k
        proc = start(apphost, port)
        try:
            wait_ready(proc, port, probe)
            url = f"http://127.0.0.1:{port}/orders/1"
            wait_ready(proc, port, "/orders/1")  # one sequential first request: lazily created clients are built here
            subprocess.run(["wrk", "-t2", "-c32", "-d3s", url], check=True, capture_output=True)
            cpu0 = cpu_seconds(proc.pid)
            out = subprocess.run(["wrk", "-t2", "-c32", f"-d{wrk_seconds}s", url], check=True,
                                 capture_output=True, text=True).stdout
            cpu = cpu_seconds(proc.pid) - cpu0
            rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
            total = int(re.search(r"(\d+) requests in", out).group(1))
            if re.search(r"Non-2xx", out):
                raise SystemExit(f"{name}: non-2xx responses\n{out}")
            emit("throughput GET /orders/1, wall (req/s)", name, rps)
            emit("requests per server CPU-second", name, total / cpu)
        finally:
            stop(proc)


burst_path = os.environ.get("BENCH_BURST_PATH")
burst_runs = int(os.environ.get("BENCH_BURST_RUNS", "0")) if burst_path else 0
burst_probe = os.environ.get("BENCH_BURST_PROBE", "/health/ready")


def burst(port, path, count=32):
    """count concurrent GETs released together; returns the slowest response time in ms (all must be 200)."""
    gate = threading.Barrier(count)
    times, errors = [], []

    def one():
        gate.wait()
        t0 = time.monotonic()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path)
            status = conn.getresponse().status
            conn.close()
            if status != 200:
                errors.append(status)
        except OSError as e:
            errors.append(str(e))
        times.append((time.monotonic() - t0) * 1000)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit(f"burst on {path}: {errors[:3]}")
    return max(times)


for i in range(burst_runs):
    order = variants if i % 2 == 0 else list(reversed(variants))
    for k, (name, apphost, _) in enumerate(order):
        port = port_base + 20 + k
        t0 = time.monotonic()
        proc = start(apphost, port)
        try:
            wait_ready(proc, port, burst_probe)
            emit("start to ready, wall (ms)", name, (time.monotonic() - t0) * 1000)
            emit("first burst of 32 after ready: slowest response (ms)", name, burst(port, burst_path))
            emit("start to first burst served, server CPU (ms)", name, cpu_seconds(proc.pid) * 1000)
        finally:
            stop(proc)
