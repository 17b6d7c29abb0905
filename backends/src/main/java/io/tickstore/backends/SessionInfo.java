package io.tickstore.backends;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a backend holds of one session: its status, the ticks it spans, its rows per table and the bytes they take.
 *
 * @param id the session id
 * @param status {@code running} (a writer holds the session), {@code completed}, {@code stopped}, {@code failed},
 *        {@code interrupted}, {@code crashed} (its journal says running but no writer holds it), or {@code unknown}
 *        (no status was recorded: a session written by a program of its own)
 * @param createdAt when the session was registered
 * @param firstTick the first stored tick, -1 when none
 * @param lastTick the last stored tick, -1 when none
 * @param ticks how many ticks are stored
 * @param rows rows per table of the session's datasets (journal tables, ticks, events, tick logs, metadata, traces)
 * @param bytes the bytes those rows take on the server ({@code bytesExact} false: estimated from each table's share)
 * @param bytesExact whether {@code bytes} was measured (a session's own partitions) or estimated
 * @param metadata the session's metadata (run, simulation, seed, status, ...)
 */
public record SessionInfo(UUID id, String status, Instant createdAt, long firstTick, long lastTick, long ticks, Map<String, Long> rows,
                          long bytes, boolean bytesExact, Map<String, String> metadata) {
    public static final String RUNNING = "running";
    public static final String CRASHED = "crashed";
    public static final String UNKNOWN = "unknown";

    public SessionInfo {
        rows = Map.copyOf(rows);
        metadata = Map.copyOf(metadata);
    }

    /** Rows across every dataset. */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether a writer is journaling into the session right now. */
    public boolean isRunning() {
        return RUNNING.equals(status);
    }
}
