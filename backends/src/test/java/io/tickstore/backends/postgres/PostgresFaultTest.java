package io.tickstore.backends.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.PersistOptions;
import io.tickstore.backends.PersistOutcome;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.testing.PostgresTestSchema;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The connection dies in the middle of a COPY: the server process is terminated from another connection. */
class PostgresFaultTest {
    @RegisterExtension
    static final PostgresTestSchema postgres = new PostgresTestSchema("fault");
    private static String applicationName;
    private static PostgresRuntime backend;
    private static PostgresRuntime staged;

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @BeforeAll
    static void open() {
        applicationName = "tickstore-fault-" + UUID.randomUUID().toString().substring(0, 8);
        // small chunks: the table goes out in many, so the kill lands between two of them
        PostgresOptions options = postgres.options().withPoolSize(2).withApplicationName(applicationName).withCopyChunkBytes(16 * 1024);
        backend = postgres.open(options);
        staged = postgres.open(options.withCopyTarget(CopyTarget.STAGING_TABLE));
    }

    /** Terminates the server process that is running this runtime's COPY; returns how many it terminated. */
    private static int terminateCopyingBackend() {
        try (Connection admin = PostgresTestServer.connect();
             PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     + " WHERE application_name = ? AND state = 'active' AND query LIKE 'COPY %'")) {
            kill.setString(1, applicationName);
            int killed = 0;
            try (ResultSet rs = kill.executeQuery()) {
                while (rs.next()) {
                    killed += rs.getBoolean(1) ? 1 : 0;
                }
            }
            return killed;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql, UUID session) throws SQLException {
        try (Connection c = PostgresTestServer.connect(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, session);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CopyTarget.class)
    void aBackendKilledMidCopySurfacesTheErrorLeavesTheTickAbsentAndARetryStoresItExactlyOnce(CopyTarget target) throws SQLException {
        PostgresRuntime backend = target == CopyTarget.STAGING_TABLE ? staged : PostgresFaultTest.backend;
        try (World world = TestWorlds.creatures(memory.root(), 21, 20_000, 1)) {
            UUID session = UUID.randomUUID();
            backend.createSession(session, world);
            AtomicInteger killed = new AtomicInteger();
            PersistOptions killMidway = PersistOptions.DEFAULT.withProgress((table, done, total) -> {
                if (killed.get() == 0 && done > 0 && done < total) {
                    killed.set(terminateCopyingBackend());
                }
            });

            PersistenceException e = assertThrows(PersistenceException.class, () -> backend.persistTick(session, world, killMidway));
            assertEquals(1, killed.get(), "exactly one COPY was running and was terminated");
            assertEquals(Problem.DATABASE, e.problem());
            assertTrue(e.getMessage().contains("persisting tick 1 of session " + session), e.getMessage());

            String journal = "\"" + postgres.name() + "\".\"creatures_v1\"";
            assertEquals(0, count("SELECT count(*) FROM \"" + postgres.name() + "\".\"tick\" WHERE session_id = ?", session));
            assertEquals(0, count("SELECT count(*) FROM " + journal + " WHERE \"_session_id\" = ?", session));
            PersistenceException absent = assertThrows(PersistenceException.class, () -> backend.hydrate(session, 1, memory.root()));
            assertEquals(Problem.NO_SUCH_TICK, absent.problem());

            assertEquals(PersistOutcome.STORED, backend.persistTick(session, world));
            assertEquals(world.totalRows(), count("SELECT count(*) FROM " + journal + " WHERE \"_session_id\" = ?", session));
            assertEquals(1, count("SELECT count(*) FROM \"" + postgres.name() + "\".\"tick\" WHERE session_id = ?", session));
            try (World back = backend.hydrate(session, 1, memory.root())) {
                assertArrayEquals(ContentHash.of(world), ContentHash.of(back));
            }
        }
    }

    @Test
    void thePoolReplacesAKilledConnectionForLaterCalls() {
        try (World world = TestWorlds.graph(memory.root(), 22, 3_000, 2, 0)) {
            UUID session = UUID.randomUUID();
            backend.createSession(session, world);
            AtomicInteger killed = new AtomicInteger();
            assertThrows(PersistenceException.class, () -> backend.persistTick(session, world, PersistOptions.DEFAULT.withProgress((t, d, n) -> {
                if (killed.get() == 0) {
                    killed.set(terminateCopyingBackend());
                }
            })));
            assertEquals(1, killed.get());
            for (int i = 0; i < 4; i++) {
                backend.setMetadata(session, "attempt", Integer.toString(i));
            }
            assertEquals("3", backend.getMetadata(session, "attempt").orElseThrow());
        }
    }
}
