#!/usr/bin/env bash
# The vector store's figures on 100,000 synthetic chunks of 768 floats (io.tickstore.jmh.vectors): build time,
# recall@10 against the exact search with and without the 10 percent filter, memory a chunk (VectorFigures), then the
# latency of one k = 10 query, p50 and p99, graph and exact, with and without the filter, beside the exact search's peer
# (the same scan over heap arrays, one thread) measured in the same run (VectorSearchBenchmark).
#
#   jmh/vector-search.sh              # JAVA=... for another JVM; extra arguments go to JMH (-i 5 for longer runs)
#
# The corpus is built once into jmh/target/vectors-corpus (minutes on two cores; the build time printed is that
# build's) and opened by every later run in seconds: delete the directory to measure the build again.
# The JMH JSON result goes to jmh/target/results/vector-search.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=jmh/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -B -q -DskipTests package -pl jmh -am
fi
java_bin="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
opens=(--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED)
corpus=jmh/target/vectors-corpus
mkdir -p jmh/target/results
"$java_bin" -Xmx4g "${opens[@]}" -cp "$jar" io.tickstore.jmh.vectors.VectorFigures "$corpus" 2>/dev/null
result=jmh/target/results/vector-search.json
"$java_bin" -jar "$jar" io.tickstore.jmh.vectors.VectorSearchBenchmark -p corpus="$corpus" -f 1 -wi 2 -i 3 \
  -rf json -rff "$result" "$@" > jmh/target/results/vector-search.txt
python3 - "$result" <<'PY'
import json, sys
rows = []
for b in json.load(open(sys.argv[1])):
    name = b["benchmark"].rsplit(".", 1)[1]
    ef = b["params"].get("efSearch")
    p = b["primaryMetric"]["scorePercentiles"]
    rows.append((name + (f" ef_search {ef}" if ef else ""), p["50.0"] / 1000, p["99.0"] / 1000))
p50 = {label: a for label, a, _ in rows}
print("one query, k = 10, 100,000 x 768: p50 and p99 in ms")
for label, a, b in rows:
    print(f"  {label:32} p50 {a:9.3f}  p99 {b:9.3f}")
if "exact" in p50 and "exactPeerHeapArrays" in p50:
    print(f"  exact / peer over heap arrays (p50): {p50['exact'] / p50['exactPeerHeapArrays']:.2f}")
for label in p50:
    if label.startswith("graph ") and "exact" in p50:
        print(f"  exact / {label} (p50): {p50['exact'] / p50[label]:.0f}x")
PY
