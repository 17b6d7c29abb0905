package io.tickstore.backends;

import java.util.List;

/**
 * One table's share of a session, as an archive exports it: the rows of {@code table} whose {@code sessionColumn}
 * is the session, every column but that one, in {@code orderBy} order (the table's key, so two reads list the same
 * rows in the same order).
 *
 * @param name the dataset's name (the table's name without its database schema: {@code tick}, {@code creatures_v1})
 * @param table the table as SQL names it (quoted, schema-qualified on PostgreSQL)
 * @param sessionColumn the column holding the session id ({@code session_id}, or {@code _session_id} in journal tables)
 * @param orderBy the key columns after the session column
 */
public record SessionDataset(String name, String table, String sessionColumn, List<String> orderBy) {
    public SessionDataset {
        orderBy = List.copyOf(orderBy);
    }
}
