#!/usr/bin/env bash
# Runs the Tickstore JMH benchmarks and the numpy peer on this machine, prints the ratio table and stores the run's
# result file; optionally compares it with a baseline. Or charts the stored history.
#
#   jmh/run-benchmarks.sh [--out DIR] [--smoke] [--strict] [--compare BASELINE] [--tolerance F] [JMH ARGS...]
#   jmh/run-benchmarks.sh report [--history DIR] [--out DIR]
#
# JMH ARGS pass straight to JMH: a regex selects benchmarks ("SnapshotWrite|WritePeers", "eventlog" for the event
# log, replay and checkpoint benchmarks), -wi/-i/-f shorten the run, -prof gc adds allocation figures. Results go to
# DIR (default jmh/target/results): jmh.json (JMH, -rf json), jmh.txt (JMH's console output), numpy.json (the numpy
# peer), ratios.txt (the table printed at the end) and result.json (the result file: commit, JDK, machine, every
# score and error, every ratio to an in-run peer), which is also copied into the history directory.
#
#   --smoke            about two minutes: the most telling ratios only (snapshot write and read against their
#                      FileChannel floors in alternate iterations, mmap open against FileChannel.map, checkpoint
#                      against a copy, and numpy); JMH ARGS are added after the smoke's own
#   --strict           a target the ratio table prints as MISSED makes the exit status 1
#   --compare BASELINE judge the run's ratios against a baseline result file (jmh/baselines/); a regression makes
#                      the exit status 1 (io.tickstore.jmh.regress.Compare, rule in jmh/README.md)
#   --tolerance F      how much a ratio must grow to count as a regression (default 0.25; --smoke: 1.0, doubled)
#   report             a PNG chart per ratio over the history (default jmh/history) into DIR (default
#                      jmh/target/report), and the table in the terminal
#
# Exit status: 0, or 1 for a regression or (with --strict) a missed target, 2 when something could not be judged.
#
# Environment: JAVA (default: $JAVA_HOME/bin/java, else java on the PATH), PYTHON (default python3),
# NUMPY_PEER_ARGS (extra options for numpy_peer.py, e.g. "--repeats 31"), TICKSTORE_JMH_DIR (where the
# benchmarks and the numpy peer write their files; default the system temporary directory), TICKSTORE_JMH_HISTORY
# (where result files are kept; default jmh/history), TICKSTORE_JMH_SLOWDOWN (a deliberate slowdown of named
# benchmarks, "SnapshotWriteBenchmark=10000" in microseconds an operation, to check that --compare catches one).
set -euo pipefail

SMOKE_JMH_ARGS=('PairedFloorBenchmark|MmapOpenBenchmark|CheckpointStallBenchmark' -p rows=1000000 -p extraColumns=0 -f 1)
SMOKE_NUMPY_ARGS="--repeats 9 --mmap-repeats 300"

# The whole script is one function, parsed before it runs, so editing this file during a long run cannot
# change what the run does.
main() {
    here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
    root="$(cd "$here/.." && pwd)"
    out="$here/target/results"
    history="${TICKSTORE_JMH_HISTORY:-$here/history}"

    if [[ -n "${JAVA:-}" ]]; then
        java="$JAVA"
    elif [[ -n "${JAVA_HOME:-}" ]]; then
        java="$JAVA_HOME/bin/java"
    else
        java="java"
    fi
    python="${PYTHON:-python3}"
    jar="$here/target/benchmarks.jar"

    if [[ ! -f "$jar" ]]; then
        echo "run-benchmarks: $jar is missing; building it"
        (cd "$root" && mvn -B -q -DskipTests package -pl jmh -am)
    fi

    if [[ $# -ge 1 && "$1" == "report" ]]; then
        shift
        local report_args=(--history "$history" --out "$here/target/report")
        "$java" -Djava.awt.headless=true -cp "$jar" io.tickstore.jmh.regress.Report "${report_args[@]}" "$@"
        return
    fi

    smoke=false
    strict=false
    baseline=""
    tolerance=""
    while [[ $# -ge 1 ]]; do
        case "$1" in
            --out) out="$2"; shift 2 ;;
            --smoke) smoke=true; shift ;;
            --strict) strict=true; shift ;;
            --compare) baseline="$2"; shift 2 ;;
            --tolerance) tolerance="$2"; shift 2 ;;
            *) break ;;
        esac
    done
    if [[ -n "$baseline" && ! -f "$baseline" ]]; then
        echo "run-benchmarks: baseline $baseline does not exist (the baselines are in jmh/baselines/)" >&2
        exit 2
    fi
    jmh_args=("$@")
    numpy_args="${NUMPY_PEER_ARGS:-}"
    if $smoke; then
        jmh_args=("${SMOKE_JMH_ARGS[@]}" "$@")
        numpy_args="${NUMPY_PEER_ARGS:-$SMOKE_NUMPY_ARGS}"
        # Measured on a shared 2-core machine: at 0.5 one comparison in four of a commit with itself failed.
        tolerance="${tolerance:-1.0}"
    fi

    if ! "$python" -c "import numpy" 2>/dev/null; then
        echo "run-benchmarks: $python cannot import numpy; install it (e.g. apt-get install python3-numpy)" >&2
        exit 2
    fi

    mkdir -p "$out"
    rm -f "$out/jmh.json" "$out/numpy.json" "$out/result.json"
    scratch_args=()
    numpy_dir_args=()
    if [[ -n "${TICKSTORE_JMH_DIR:-}" ]]; then
        mkdir -p "$TICKSTORE_JMH_DIR"
        scratch_args=("-Dtickstore.jmh.dir=$TICKSTORE_JMH_DIR")
        numpy_dir_args=(--dir "$TICKSTORE_JMH_DIR")
    fi
    strict_args=()
    if $strict; then
        strict_args=(--strict)
    fi

    echo "run-benchmarks: JMH ${jmh_args[*]} -> $out/jmh.json"
    # A failed JMH run (another JMH holding /tmp/jmh.lock, a benchmark that threw) judges nothing: status 2.
    if ! "$java" "${scratch_args[@]}" -jar "$jar" -rf json -rff "$out/jmh.json" "${jmh_args[@]}" 2>&1 | tee "$out/jmh.txt" \
            || [[ ! -s "$out/jmh.json" ]]; then
        echo "run-benchmarks: JMH failed (see $out/jmh.txt); nothing to judge" >&2
        exit 2
    fi

    echo
    echo "run-benchmarks: numpy peer -> $out/numpy.json"
    status=0
    # shellcheck disable=SC2086 # numpy_args is a list of options on purpose
    "$python" "$here/numpy_peer.py" --json "$out/numpy.json" --jmh "$out/jmh.json" \
        "${numpy_dir_args[@]}" "${strict_args[@]}" $numpy_args | tee "$out/ratios.txt" || status=$?

    commit="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)"
    if [[ "$commit" != unknown ]] && ! git -C "$root" diff --quiet HEAD 2>/dev/null; then
        commit="$commit-dirty"
    fi
    echo
    "$java" -cp "$jar" io.tickstore.jmh.regress.Record --jmh "$out/jmh.json" --numpy "$out/numpy.json" \
        --commit "$commit" --args "${jmh_args[*]}" --out "$out/result.json"
    mkdir -p "$history"
    cp "$out/result.json" "$history/$(date -u +%Y%m%dT%H%M%SZ)-${commit:0:12}.json"

    if [[ -n "$baseline" ]]; then
        echo
        compare_status=0
        "$java" -cp "$jar" io.tickstore.jmh.regress.Compare "$baseline" "$out/result.json" \
            ${tolerance:+--tolerance "$tolerance"} | tee "$out/compare.txt" || compare_status=$?
        if [[ $compare_status -gt $status ]]; then
            status=$compare_status
        fi
    fi
    if [[ $status -ne 0 ]]; then
        echo "run-benchmarks: exit status $status (1: a regression or, with --strict, a missed target)" >&2
    fi
    return "$status"
}

main "$@"
