#!/usr/bin/env bash
# The PostgreSQL server's own floor for journaling the §36 world: psql's \copy of one million rows that are
# already encoded (binary and text files made by the server itself) into a table of exactly the journal's shape.
# No Java, no encoding, no transaction bookkeeping: what is left is the server parsing the rows, writing the heap,
# maintaining the primary key and writing the WAL. CreatureJournalBenchmark cannot go faster than this.
#
#   jmh/pg-copy-floor.sh [ROWS] [REPEATS]        (default 1000000 rows, median of 3)
#   jmh/pg-copy-floor.sh substrate [REPEATS]     the hex journal's hex_substrate instead: 1,540,700 rows (7 cells under
#                                                each of 220,100 hexes), the table of hex-journal.sql with its primary
#                                                key and parent index; GeoSubstrateBenchmark's floor
#
# Connection: the usual libpq variables, defaulting to the server the tests use (PGHOST=127.0.0.1 PGPORT=5432
# PGUSER=postgres PGDATABASE=test). Everything lives in the schema tickstore_copy_floor, dropped at the end.
set -euo pipefail

main() {
    if [[ "${1:-}" == substrate ]]; then
        substrate "${2:-3}"
        return
    fi
    local rows="${1:-1000000}" repeats="${2:-3}"
    export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-test}"
    local work
    work="$(mktemp -d)"
    trap 'rm -rf "'"$work"'"; psql -q -X -c "DROP SCHEMA IF EXISTS tickstore_copy_floor CASCADE" >/dev/null 2>&1 || true' EXIT

    # The journal table CreatureSimulation.SCHEMA gets (PgJournalSql): keys, the 8 columns, u32 as checked bigint.
    local columns='"_session_id" uuid NOT NULL, "_tick" bigint NOT NULL, "_entity_id" bigint NOT NULL, "_slot" bigint NOT NULL,
        "pos_x" real NOT NULL, "pos_y" real NOT NULL, "vel_x" real NOT NULL, "vel_y" real NOT NULL, "energy" real NOT NULL,
        "birth_t" double precision NOT NULL,
        "id" bigint NOT NULL CHECK ("id" BETWEEN 0 AND 4294967295), "gen" bigint NOT NULL CHECK ("gen" BETWEEN 0 AND 4294967295)'
    psql -q -X -v ON_ERROR_STOP=1 >/dev/null <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS tickstore_copy_floor CASCADE;
CREATE SCHEMA tickstore_copy_floor;
SET search_path TO tickstore_copy_floor;
CREATE TABLE journal ($columns, PRIMARY KEY ("_session_id", "_tick", "_entity_id"));
CREATE TABLE journal_without_key ($columns);
CREATE TABLE source AS SELECT '6b9c2c8e-4d0e-4c55-9d7a-0123456789ab'::uuid AS "_session_id", 1::bigint AS "_tick",
    g AS "_entity_id", g AS "_slot", (random() * 1000)::real AS pos_x, (random() * 1000)::real AS pos_y,
    (random() * 2 - 1)::real AS vel_x, (random() * 2 - 1)::real AS vel_y, (0.5 + random())::real AS energy,
    0::double precision AS birth_t, g AS id, 0::bigint AS gen
  FROM generate_series(0::bigint, $rows - 1) AS g;
\copy source TO '$work/rows.bin' WITH (FORMAT binary)
\copy source TO '$work/rows.txt'
SQL

    printf '%-58s %12s %10s\n' "server floor, $rows rows (median of $repeats)" "rows/s" "seconds"
    measure "$rows" "$repeats" journal binary "binary COPY into the journal table"
    measure "$rows" "$repeats" journal text "text COPY into the journal table"
    measure "$rows" "$repeats" journal_without_key binary "binary COPY, same table without its primary key"
}

# substrate REPEATS: the server's floor for GeoSubstrateBenchmark, rows made by the same SQL as SyntheticGeoWorld.
substrate() {
    local repeats="$1" rows=1540700 here
    here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
    export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-test}"
    work="$(mktemp -d)"
    trap 'rm -rf "'"$work"'"; psql -q -X -c "DROP SCHEMA IF EXISTS tickstore_copy_floor CASCADE" >/dev/null 2>&1 || true' EXIT
    psql -q -X -v ON_ERROR_STOP=1 >/dev/null <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS tickstore_copy_floor CASCADE;
CREATE SCHEMA tickstore_copy_floor;
SET search_path TO tickstore_copy_floor, public;
\i $here/../backends/src/main/resources/io/tickstore/backends/hex/hex-journal.sql
INSERT INTO hex_substrate SELECT '6b9c2c8e-4d0e-4c55-9d7a-0123456789ab', '87' || lpad(to_hex(h * 8 + k), 13, '0'),
    '86' || lpad(to_hex(h), 13, '0'),
    (ARRAY['plains','forest','mountain','desert','wetland','urban','water'])[1 + floor(random() * 7)::int],
    random() * 3000, random(), random(), random() * 10, random() * 1000, random(), random() < 0.3, random(),
    random() < 0.1, random()
  FROM generate_series(0, 220099) h, generate_series(0, 6) k;
\copy hex_substrate TO '$work/rows.bin' WITH (FORMAT binary)
SQL
    printf '%-58s %12s %10s\n' "server floor, $rows substrate rows (median of $repeats)" "rows/s" "seconds"
    measure "$rows" "$repeats" hex_substrate binary "binary COPY into hex_substrate"
}

# measure ROWS REPEATS TABLE FORMAT LABEL: truncate, then time one \copy FROM the file, REPEATS times; print the median.
measure() {
    local rows="$1" repeats="$2" table="$3" format="$4" label="$5" file option times=()
    if [[ "$format" == binary ]]; then file="$work/rows.bin"; option="WITH (FORMAT binary)"; else file="$work/rows.txt"; option=""; fi
    for ((i = 0; i < repeats; i++)); do
        psql -q -X -v ON_ERROR_STOP=1 -c "TRUNCATE tickstore_copy_floor.$table" >/dev/null
        local start end
        start="$(date +%s%N)"
        psql -q -X -v ON_ERROR_STOP=1 -c "\\copy tickstore_copy_floor.$table FROM '$file' $option" >/dev/null
        end="$(date +%s%N)"
        times+=("$((end - start))")
    done
    local median
    median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((repeats + 1) / 2))p")"
    awk -v label="$label" -v rows="$rows" -v ns="$median" 'BEGIN { printf "%-58s %12.0f %10.3f\n", label, rows / (ns / 1e9), ns / 1e9 }'
}

main "$@"
