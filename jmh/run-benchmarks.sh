#!/usr/bin/env bash
# Runs the Tickstore JMH benchmarks and the numpy peer on this machine, then prints the ratio table.
#
#   jmh/run-benchmarks.sh [--out DIR] [JMH ARGS...]
#
# JMH ARGS pass straight to JMH: a regex selects benchmarks ("SnapshotWrite|WritePeers", "eventlog" for the event
# log, replay and checkpoint benchmarks), -wi/-i/-f shorten the run, -prof gc adds allocation figures. Results go to DIR (default jmh/target/results): jmh.json (JMH, -rf json),
# jmh.txt (JMH's console output), numpy.json (the numpy peer) and ratios.txt (the table printed at the end).
#
# Environment: JAVA (default: $JAVA_HOME/bin/java, else java on the PATH), PYTHON (default python3),
# NUMPY_PEER_ARGS (extra options for numpy_peer.py, e.g. "--repeats 31"), TICKSTORE_JMH_DIR (where the
# benchmarks and the numpy peer write their files; default the system temporary directory).
set -euo pipefail

# The whole script is one function, parsed before it runs, so editing this file during a long run cannot
# change what the run does.
main() {
    here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
    root="$(cd "$here/.." && pwd)"
    out="$here/target/results"

    if [[ $# -ge 2 && "$1" == "--out" ]]; then
        out="$2"
        shift 2
    fi

    if [[ -n "${JAVA:-}" ]]; then
        java="$JAVA"
    elif [[ -n "${JAVA_HOME:-}" ]]; then
        java="$JAVA_HOME/bin/java"
    else
        java="java"
    fi
    python="${PYTHON:-python3}"
    jar="$here/target/benchmarks.jar"

    if ! "$python" -c "import numpy" 2>/dev/null; then
        echo "run-benchmarks: $python cannot import numpy; install it (e.g. apt-get install python3-numpy)" >&2
        exit 2
    fi

    if [[ ! -f "$jar" ]]; then
        echo "run-benchmarks: $jar is missing; building it"
        (cd "$root" && mvn -B -q -DskipTests package -pl jmh -am)
    fi

    mkdir -p "$out"
    scratch_args=()
    numpy_dir_args=()
    if [[ -n "${TICKSTORE_JMH_DIR:-}" ]]; then
        mkdir -p "$TICKSTORE_JMH_DIR"
        scratch_args=("-Dtickstore.jmh.dir=$TICKSTORE_JMH_DIR")
        numpy_dir_args=(--dir "$TICKSTORE_JMH_DIR")
    fi

    echo "run-benchmarks: JMH -> $out/jmh.json"
    "$java" "${scratch_args[@]}" -jar "$jar" -rf json -rff "$out/jmh.json" "$@" 2>&1 | tee "$out/jmh.txt"

    echo
    echo "run-benchmarks: numpy peer -> $out/numpy.json"
    # shellcheck disable=SC2086 # NUMPY_PEER_ARGS is a list of options on purpose
    "$python" "$here/numpy_peer.py" --json "$out/numpy.json" --jmh "$out/jmh.json" \
        "${numpy_dir_args[@]}" ${NUMPY_PEER_ARGS:-} | tee "$out/ratios.txt"
}

main "$@"
