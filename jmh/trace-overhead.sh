#!/usr/bin/env bash
# What tracing adds to the creature world's tick: TracedTickBenchmark's traced tick against the untraced one, in
# alternating rounds (untraced first in odd rounds, last in even ones), so that the load of a busy machine falls on
# both sides alike; prints each round's ratio traced / untraced and the median over the rounds.
#
#   jmh/trace-overhead.sh                 # 6 rounds; ROUNDS=10 for more; JAVA=... for another JVM
#
# Results (JMH JSON, one file per round and side) go to jmh/target/results/trace-overhead/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=jmh/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -B -q -DskipTests package -pl jmh -am
fi
java_bin="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
rounds="${ROUNDS:-6}"
out=jmh/target/results/trace-overhead
mkdir -p "$out"
bench=io.tickstore.jmh.trace.TracedTickBenchmark
untraced() {
  "$java_bin" -jar "$jar" "$bench.untracedTick" -p level=NONE -p sink=none -wi 3 -i 8 -rf json -rff "$out/round-$1-untraced.json" > "$out/round-$1-untraced.txt"
}
traced() {
  "$java_bin" -jar "$jar" "$bench.tracedTick" -p level=NONE,DEBUG -p sink=none,discard -wi 3 -i 8 -rf json -rff "$out/round-$1-traced.json" > "$out/round-$1-traced.txt"
}
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then untraced "$r"; traced "$r"; else traced "$r"; untraced "$r"; fi
  echo "round $r of $rounds done" >&2
done
python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
ratios = {}
for r in range(1, rounds + 1):
    base = json.load(open(f"{out}/round-{r}-untraced.json"))[0]["primaryMetric"]["score"]
    for b in json.load(open(f"{out}/round-{r}-traced.json")):
        key = (b["params"]["level"], b["params"]["sink"])
        ratios.setdefault(key, []).append(b["primaryMetric"]["score"] / base)
print("traced tick / untraced tick (1,000 ticks of 100,000 creatures), per round, and the median")
for (level, sink), rs in sorted(ratios.items()):
    print(f"  {level:5} sink={sink:7}  " + "  ".join(f"{x:.3f}" for x in rs) + f"   median {statistics.median(rs):.3f}")
PY
