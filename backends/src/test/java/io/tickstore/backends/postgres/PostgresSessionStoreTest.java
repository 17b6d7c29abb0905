package io.tickstore.backends.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.SessionStore;
import io.tickstore.backends.SessionStoreContract;
import io.tickstore.backends.testing.PostgresTestSchema;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.columns.World;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session contract on PostgreSQL, plus what partitions add: a session's own partitions, dropped with it. */
class PostgresSessionStoreTest extends SessionStoreContract {
    @RegisterExtension
    static final PostgresTestSchema postgres = new PostgresTestSchema("sessions");

    @Override
    protected RuntimePersistence open() {
        PostgresRuntime runtime = PostgresRuntime.open(PostgresTestServer.url(), postgres.options());
        runtime.initSchema();
        return runtime;
    }

    private static List<String> partitionsOf(UUID session) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = PostgresTestServer.connect();
             PreparedStatement q = c.prepareStatement("SELECT c.relname, c.relpersistence FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE n.nspname = ? AND c.relkind = 'r' AND c.relname LIKE ? ORDER BY c.relname")) {
            q.setString(1, postgres.name());
            q.setString(2, "p" + session.toString().replace("-", "") + "%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return out;
    }

    @Test
    void aSessionGetsPartitionsOfItsOwnAndItsTracesAreUnlogged() throws Exception {
        try (RuntimePersistence backend = open(); World world = TestWorlds.creatures(memory.root(), 5, 50, 3)) {
            UUID session = UUID.randomUUID();
            backend.createSession(session, world);
            backend.persistTick(session, world);
            List<String> partitions = partitionsOf(session);
            assertEquals(2, partitions.size(), partitions.toString());
            // relpersistence: p permanent, u unlogged; the trace partition is the unlogged one
            assertTrue(partitions.stream().filter(p -> p.endsWith(" u")).count() == 1, partitions.toString());
            ((SessionStore) backend).deleteSession(session);
            assertEquals(List.of(), partitionsOf(session));
        }
    }

    @Test
    void withPartitioningOffTablesArePlainAndDeletionDeletesRows() throws Exception {
        String schema = PostgresTestServer.freshSchema("unpartitioned");
        try (PostgresRuntime backend = PostgresRuntime.open(PostgresTestServer.url(),
                PostgresOptions.defaults().withSchema(schema).withSessionPartitions(false));
             World world = TestWorlds.creatures(memory.root(), 5, 50, 3)) {
            backend.initSchema();
            UUID session = UUID.randomUUID();
            backend.createSession(session, world);
            backend.persistTick(session, world);
            ((SessionStore) backend).deleteSession(session);
            assertEquals(0, ((SessionStore) backend).sessions().size());
        } finally {
            PostgresTestServer.dropSchema(schema);
        }
    }

    @Override
    protected void assertNoRowsLeft(RuntimePersistence backend, UUID session) throws Exception {
        assertEquals(List.of(), partitionsOf(session));
        try (Connection c = PostgresTestServer.connect()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT tablename FROM pg_tables WHERE schemaname = ?")) {
                q.setString(1, postgres.name());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            for (String table : tables) {
                String column = table.matches(".*_v\\d+") || table.startsWith("p") && table.length() == 42 ? "_session_id" : "session_id";
                if (table.startsWith("p") && table.length() == 42) {
                    continue;
                }
                try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM \"" + postgres.name() + "\".\"" + table + "\" WHERE " + column + " = ?")) {
                    q.setObject(1, session);
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        assertEquals(0, rs.getLong(1), table);
                    }
                }
            }
        }
    }
}
