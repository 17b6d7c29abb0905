package io.tickstore.archive;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One session in an archive: where it came from, its datasets and their rows, and the bytes of its Parquet files.
 *
 * @param session the session id
 * @param backend the database it was exported from (no credentials)
 * @param exportedAt when its export finished
 * @param rows rows per dataset (table)
 * @param bytes the size of its Parquet files
 */
public record ArchivedSession(UUID session, String backend, Instant exportedAt, Map<String, Long> rows, long bytes) {
    public ArchivedSession {
        rows = Map.copyOf(rows);
    }

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    static ArchivedSession of(ArchiveManifest m) {
        Map<String, Long> rows = new java.util.TreeMap<>();
        long bytes = 0;
        for (ArchiveManifest.Dataset d : m.datasets()) {
            rows.put(d.name(), d.rows());
            bytes += d.bytes();
        }
        return new ArchivedSession(m.session(), m.backend(), m.createdAt(), rows, bytes);
    }
}
