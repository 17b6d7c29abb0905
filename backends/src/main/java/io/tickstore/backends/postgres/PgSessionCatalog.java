package io.tickstore.backends.postgres;

import io.tickstore.backends.SessionDataset;
import io.tickstore.backends.internal.journal.JournalNames;
import io.tickstore.backends.internal.journal.SessionCatalog;
import io.tickstore.backends.postgres.copy.BinaryCopyWriter;
import io.tickstore.columns.trace.TraceBatch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Sessions on PostgreSQL. Journal tables and {@code trace_log} are partitioned by session (LIST): a session's rows
 * live in partitions of its own, named {@code p<session id, 32 hex digits>_<8 hex digits of the parent's name>}
 * (42 characters whatever the parent is called), created in the transaction that registers the session; the trace
 * partition is UNLOGGED (no WAL: traces are rebuilt by replaying the run, not recovered). Deleting a session drops
 * all its partitions in one {@code DROP TABLE} and deletes its registry rows; a table created before partitioning
 * (or with it turned off) has its rows deleted instead.
 *
 * <p>A writer's lease is a session-level advisory lock on a connection held for the lease's life: the server releases
 * it when the connection dies, a killed process included, so a listing tells {@code running} from {@code crashed}.
 */
final class PgSessionCatalog extends SessionCatalog {
    private final String schemaName;
    private final String schema;

    PgSessionCatalog(String schemaName, Binder binder) {
        super(binder);
        this.schemaName = schemaName;
        this.schema = JournalNames.quote(schemaName);
    }

    @Override
    protected String table(String name) {
        return schema + "." + JournalNames.quote(name);
    }

    @Override
    protected boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            q.setString(1, table(name));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The trace table's DDL: partitioned by session, or (partitioning off) one UNLOGGED table. */
    String traceDdl(boolean partitioned) {
        String columns = " (session_id uuid NOT NULL, tick bigint NOT NULL, seq integer NOT NULL, system text NOT NULL, event text NOT NULL,"
                + " level smallint NOT NULL, node_id bigint, value_a double precision, value_b double precision, data jsonb,"
                + " PRIMARY KEY (session_id, tick, seq))";
        return partitioned ? "CREATE TABLE IF NOT EXISTS " + table(TRACES) + columns + " PARTITION BY LIST (session_id)"
                : "CREATE UNLOGGED TABLE IF NOT EXISTS " + table(TRACES) + columns;
    }

    @Override
    protected List<SessionDataset> extraDatasets() {
        return List.of(new SessionDataset(PgRegistrySql.TICK_SUMMARIES, table(PgRegistrySql.TICK_SUMMARIES), "session_id",
                List.of("tick", "table_name", "column_name")));
    }

    /** The partition of {@code parent} that holds {@code session}'s rows. */
    static String partitionName(String parent, UUID session) {
        return "p" + session.toString().replace("-", "") + "_" + digest(parent);
    }

    /** The two keys of the session's advisory lock (pg_advisory_lock(int4, int4)). */
    int[] lockKeys(UUID session) {
        byte[] hash = sha256(schemaName + "/" + session);
        int a = ((hash[0] & 0xff) << 24) | ((hash[1] & 0xff) << 16) | ((hash[2] & 0xff) << 8) | (hash[3] & 0xff);
        int b = ((hash[4] & 0xff) << 24) | ((hash[5] & 0xff) << 16) | ((hash[6] & 0xff) << 8) | (hash[7] & 0xff);
        return new int[] {a, b};
    }

    @Override
    protected boolean isHeld(Connection c, UUID session) throws SQLException {
        int[] keys = lockKeys(session);
        try (PreparedStatement q = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND classid = ?::bigint::oid AND objid = ?::bigint::oid AND objsubid = 2)")) {
            q.setLong(1, Integer.toUnsignedLong(keys[0]));
            q.setLong(2, Integer.toUnsignedLong(keys[1]));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Whether {@code table} (qualified and quoted) is partitioned. */
    static boolean isPartitioned(Connection c, String table) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT relkind = 'p' FROM pg_class WHERE oid = to_regclass(?)")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The session's partition of {@code dataset}, qualified and quoted, or null when the table is not partitioned. */
    private String partitionOf(Connection c, SessionDataset dataset, UUID session) throws SQLException {
        String partition = table(partitionName(dataset.name(), session));
        try (PreparedStatement q = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            q.setString(1, partition);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? partition : null;
            }
        }
    }

    /** Creates the session's partitions of every partitioned table it writes to (UNLOGGED for traces). */
    void createPartitions(Connection c, UUID session, List<String> journalTables) throws SQLException {
        List<String> parents = new ArrayList<>(journalTables);
        parents.add(TRACES);
        try (Statement st = c.createStatement()) {
            for (String parent : parents) {
                if (!isPartitioned(c, table(parent))) {
                    continue;
                }
                st.execute("CREATE " + (parent.equals(TRACES) ? "UNLOGGED " : "") + "TABLE IF NOT EXISTS " + table(partitionName(parent, session))
                        + " PARTITION OF " + table(parent) + " FOR VALUES IN ('" + session + "')");
            }
        }
    }

    @Override
    protected Bytes bytes(Connection c, UUID session, List<SessionDataset> datasets, Map<String, Long> rows) throws SQLException {
        long total = 0;
        boolean exact = true;
        for (SessionDataset d : datasets) {
            String partition = partitionOf(c, d, session);
            if (partition != null) {
                total += relationBytes(c, partition);
                continue;
            }
            long sessionRows = rows.getOrDefault(d.name(), 0L);
            if (sessionRows == 0) {
                continue;
            }
            exact = false;
            long tableRows;
            try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM " + d.table()); ResultSet rs = q.executeQuery()) {
                rs.next();
                tableRows = Math.max(1, rs.getLong(1));
            }
            total += (long) ((double) relationBytes(c, d.table()) * sessionRows / tableRows);
        }
        return new Bytes(total, exact);
    }

    private static long relationBytes(Connection c, String table) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT pg_total_relation_size(to_regclass(?))")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    protected void deleteRows(Connection c, UUID session, List<SessionDataset> datasets) throws SQLException {
        List<String> partitions = new ArrayList<>();
        List<SessionDataset> plain = new ArrayList<>();
        for (SessionDataset d : datasets) {
            String partition = partitionOf(c, d, session);
            if (partition != null) {
                partitions.add(partition);
            } else {
                plain.add(d);
            }
        }
        if (!partitions.isEmpty()) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE " + String.join(", ", partitions));
            }
        }
        deleteWithStatements(c, session, plain);
    }

    @Override
    public void persistTraces(Connection c, UUID session, TraceBatch batch) throws SQLException {
        SessionDataset traces = new SessionDataset(TRACES, table(TRACES), "session_id", List.of());
        String partition = partitionOf(c, traces, session);
        // a tick traced again (a resume re-runs the ticks after the last complete one) replaces what it traced before
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + (partition != null ? partition : table(TRACES))
                + " WHERE session_id = ? AND tick = ?")) {
            binder.bind(delete, 1, session);
            delete.setLong(2, batch.tick());
            delete.executeUpdate();
        }
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + (partition != null ? partition : table(TRACES))
                + " (session_id, tick, seq, system, event, level, node_id, value_a, value_b, data) FROM STDIN (FORMAT binary)");
        try {
            BinaryCopyWriter out = new BinaryCopyWriter(in::writeToCopy, 256 * 1024);
            out.writeHeader();
            TraceBatch.Cursor e = batch.cursor();
            while (e.next()) {
                out.startRow(10);
                out.writeUuid(session);
                out.writeInt8(batch.tick());
                out.writeInt4(e.seq());
                out.writeText(e.system());
                out.writeText(e.event());
                out.writeInt2((short) e.level().value());
                if (e.hasNode()) {
                    out.writeInt8(e.node());
                } else {
                    out.writeNull();
                }
                if (e.hasA()) {
                    out.writeFloat8(e.a());
                } else {
                    out.writeNull();
                }
                if (e.hasB()) {
                    out.writeFloat8(e.b());
                } else {
                    out.writeNull();
                }
                if (e.hasPayload()) {
                    out.writeJsonb(e.payload());
                } else {
                    out.writeNull();
                }
            }
            out.finish();
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static String digest(String text) {
        return HexFormat.of().formatHex(sha256(text), 0, 4);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
