#!/usr/bin/env bash
# What tracing adds to the creature world's tick, on a machine whose load drifts: PairedTracedTickBenchmark alternates
# untraced and traced iterations (1,000 ticks each, from a fresh world) in one fork, and this prints, per level and
# sink, the median over the pairs of traced / untraced (each odd iteration against the even one before it), with the
# pairs' quartiles. TracedTickBenchmark is the plain side-by-side comparison for a quiet machine.
#
#   jmh/trace-overhead.sh                 # JAVA=... for another JVM; extra arguments go to JMH (-i 60 for more pairs)
#   jmh/trace-overhead.sh geo             # the same for the geographic world's tick (PairedTracedGeoTickBenchmark:
#                                         # 50 ticks an iteration at H3 resolution 6, about 8,100 events a tick at DEBUG)
#
# The JMH JSON result goes to jmh/target/results/trace-overhead.json (trace-overhead-geo.json).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=jmh/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -B -q -DskipTests package -pl jmh -am
fi
java_bin="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
benchmark=io.tickstore.jmh.trace.PairedTracedTickBenchmark
what="1,000 ticks of 100,000 creatures"
name=trace-overhead
if [ "${1:-}" = geo ]; then
  shift
  benchmark=io.tickstore.jmh.trace.PairedTracedGeoTickBenchmark
  what="50 ticks of the geographic world at H3 resolution 6"
  name=trace-overhead-geo
fi
mkdir -p jmh/target/results
result=jmh/target/results/$name.json
cpu="$(pwd)/jmh/target/results/$name-cpu.txt"
rm -f "$cpu"
"$java_bin" -jar "$jar" "$benchmark" -jvmArgsPrepend "-Dtickstore.cpuTimes=$cpu" -rf json -rff "$result" "$@" \
  > "jmh/target/results/$name.txt"
python3 - "$result" "$cpu" "$what" <<'PY'
import json, statistics, sys
print(f"traced tick / untraced tick ({sys.argv[3]}), median of paired iterations [quartiles], pairs")
print("simulation thread's CPU time:")
runs = {}
for line in open(sys.argv[2]):
    level, sink, side, nanos = line.split()
    runs.setdefault((level, sink), []).append((side, int(nanos)))
for (level, sink), its in runs.items():
    its = its[-40:]    # the measured iterations (warm-up ones come first)
    pairs = [its[i + 1][1] / its[i][1] for i in range(0, len(its) - 1, 2) if its[i][0] == "untraced" and its[i + 1][0] == "traced"]
    q = statistics.quantiles(pairs, n=4)
    print(f"  {level.removeprefix('geo:'):5} sink={sink:7}  {statistics.median(pairs):.3f}  [{q[0]:.3f} .. {q[2]:.3f}]  {len(pairs)} pairs"
          f"  (medians: untraced {statistics.median(n for s, n in its if s == 'untraced') / 1e6:.1f} ms,"
          f" traced {statistics.median(n for s, n in its if s == 'traced') / 1e6:.1f} ms)")
print("wall time:")
for b in json.load(open(sys.argv[1])):
    times = [t for fork in b["primaryMetric"]["rawData"] for t in fork]
    pairs = [times[i + 1] / times[i] for i in range(0, len(times) - 1, 2)]
    q = statistics.quantiles(pairs, n=4)
    untraced = statistics.median(times[0::2])
    traced = statistics.median(times[1::2])
    print(f"  {b['params']['level']:5} sink={b['params']['sink']:7}  {statistics.median(pairs):.3f}  [{q[0]:.3f} .. {q[2]:.3f}]  {len(pairs)} pairs"
          f"  (medians: untraced {untraced:.1f} ms, traced {traced:.1f} ms)")
PY
