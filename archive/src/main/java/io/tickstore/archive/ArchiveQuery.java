package io.tickstore.archive;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.internal.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * DuckDB SQL over archives. Every table of every completely archived session (one with a manifest) is a view named
 * after the table, over the sessions' Parquet files with a {@code session_id} column (Hive partitioning), so a query
 * spans sessions:
 *
 * <pre>
 * SELECT session_id, count(*) AS ticks, max(wall_time_ms) FROM tick_log GROUP BY session_id
 * </pre>
 *
 * An archive on an object store is downloaded first (every file checked against its manifest) into a temporary
 * directory that is removed afterwards: DuckDB's own S3 support is an extension it would download at run time, which
 * Tickstore never lets it do. Only files listed by manifests are read, so a half-written export or upload is never
 * queried.
 */
public final class ArchiveQuery {
    private ArchiveQuery() {
    }

    /** Runs {@code sql} over the archive in {@code archiveDir}; at most {@code maxRows} rows are kept. */
    public static QueryResult run(String sql, Path archiveDir, int maxRows) throws IOException {
        Map<String, List<String>> files = new TreeMap<>();
        for (UUID session : SessionArchive.sessions(archiveDir)) {
            for (ArchiveManifest.Dataset d : SessionArchive.manifest(archiveDir, session).datasets()) {
                files.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(archiveDir.resolve(d.file()).toString());
            }
        }
        try (Connection duck = DuckDb.open(null); Statement st = duck.createStatement()) {
            for (Map.Entry<String, List<String>> table : files.entrySet()) {
                StringBuilder list = new StringBuilder("[");
                for (String file : table.getValue()) {
                    list.append(list.length() > 1 ? ", " : "").append('\'').append(DuckDb.literal(file)).append('\'');
                }
                st.execute("CREATE VIEW " + DuckDb.quote(table.getKey()) + " AS SELECT * FROM read_parquet(" + list
                        + "], hive_partitioning = true, union_by_name = true)");
            }
            try (ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnLabel(i));
                }
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next() && rows.size() < maxRows) {
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) {
                        Object v = rs.getObject(i + 1);
                        row[i] = v instanceof UUID || v instanceof java.time.temporal.Temporal || v instanceof java.sql.Timestamp ? v.toString() : v;
                    }
                    rows.add(Arrays.asList(row));
                }
                return new QueryResult(columns, rows);
            }
        } catch (SQLException e) {
            throw new TickstoreException(Problem.QUERY_FAILED, archiveDir + ": the query failed: " + e.getMessage()
                    + (files.isEmpty() ? " (the archive holds no complete session)" : " (tables: " + String.join(", ", files.keySet()) + ")"), e);
        }
    }

    /** Runs {@code sql} over the archive at {@code s3}, downloaded into a temporary directory that is removed afterwards. */
    public static QueryResult run(String sql, ObjectStore store, S3Location s3, int maxRows) throws IOException {
        Path local = Files.createTempDirectory("tickstore-query-");
        try {
            store.downloadAll(s3, local);
            return run(sql, local, maxRows);
        } finally {
            Directories.deleteRecursively(local);
        }
    }
}
