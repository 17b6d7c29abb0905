package io.tickstore.backends.hex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickstore.backends.testing.PostgresTestSchema;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.backends.testing.SqlRows;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.examples.geo.GeoWorld;
import io.tickstore.recording.Recording;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection dies in the middle of a tick of the hex journal, between its journal rows and its cache refresh: the
 * server process is terminated from another connection. The tick's transaction leaves nothing; the journal tries the
 * tick once more on a fresh connection and stores it exactly once; when that dies too, the run fails with the tick
 * absent, and a resume stores it.
 */
class HexJournalFaultTest {
    @RegisterExtension
    static final PostgresTestSchema postgres = new PostgresTestSchema("hex_fault");

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    static final GeoWorld GEO = new GeoWorld();
    static final SimulationSettings SMALL = new SimulationSettings(4, 0, Map.of("resolution", "3"));

    /**
     * Connections whose server process is terminated when they are about to refresh hex_latest once the journal rows of
     * {@code tick} are written in their transaction, the first {@code kills} times.
     */
    static final class KillingSource implements DataSource {
        final AtomicInteger kills;
        final int tick;
        HexJournal journal;

        KillingSource(int kills, int tick) {
            this.kills = new AtomicInteger(kills);
            this.tick = tick;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = PostgresTestServer.connect();
            int pid;
            try (Statement st = real.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                if (method.getName().equals("prepareStatement") && args[0] instanceof String && ((String) args[0]).startsWith("UPDATE hex_latest")
                        && kills.get() > 0 && holdsTick(real) && kills.getAndDecrement() > 0) {
                    terminate(pid);
                }
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }

        /** Whether the connection's transaction has written the tick's territory (it sees its own rows). */
        private boolean holdsTick(Connection c) throws SQLException {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM territory_snapshot WHERE game_id = ? AND tick = ?")) {
                q.setObject(1, journal.sessionId());
                q.setInt(2, tick);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next();
                }
            }
        }

        private static void terminate(int pid) throws SQLException {
            try (Connection admin = PostgresTestServer.connect();
                 PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                kill.setInt(1, pid);
                kill.execute();
            }
        }

        @Override
        public Connection getConnection(String user, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    static Connection connect() throws SQLException {
        Connection c = PostgresTestServer.connect();
        try (Statement st = c.createStatement()) {
            st.execute("SET search_path TO \"" + postgres.name() + "\", public");
        }
        return c;
    }

    static List<String> perTick(Connection c, String table, UUID session) throws SQLException {
        return SqlRows.of(c, "SELECT tick, count(*) FROM " + table + " WHERE game_id = '" + session + "' GROUP BY tick ORDER BY tick");
    }

    @Test
    void aConnectionKilledBeforeTheRefreshIsRetriedAndTheTickStoredExactlyOnce() throws Exception {
        KillingSource source = new KillingSource(1, 2);
        HexJournal journal = HexJournal.to(source, postgres.name()).everyTick();
        source.journal = journal;
        try (Recording rec = Recording.at(dir.resolve("once")).fsync(false).simulation(GEO, SMALL).observer(journal).create(memory.root())) {
            for (int t = 0; t < 3; t++) {
                rec.step(GEO.systems(rec.world()));
            }
        }
        assertEquals(0, source.kills.get(), "the connection was killed");
        try (Connection c = connect()) {
            int counties = 64;
            assertEquals(List.of("0 " + counties, "1 " + counties, "2 " + counties, "3 " + counties),
                    perTick(c, "territory_snapshot", journal.sessionId()));
            assertEquals(List.of("3"), SqlRows.of(c, "SELECT DISTINCT tick FROM hex_latest WHERE game_id = '" + journal.sessionId() + "'"));
            assertEquals(4, journal.ticksPersisted());
        }
    }

    @Test
    void aTickWhoseRetryDiesTooIsAbsentWholeAndAResumeStoresIt() throws Exception {
        KillingSource source = new KillingSource(2, 2);
        HexJournal journal = HexJournal.to(source, postgres.name()).everyTick();
        source.journal = journal;
        Path run = dir.resolve("twice");
        Recording rec = Recording.at(run).fsync(false).simulation(GEO, SMALL).observer(journal).create(memory.root());
        try {
            rec.step(GEO.systems(rec.world()));
            rec.step(GEO.systems(rec.world()));
            // the checkpoint writer's failure reaches the run at its next checkpoint, or at its close
            assertThrows(Exception.class, () -> {
                for (int t = 0; t < 3; t++) {
                    rec.step(GEO.systems(rec.world()));
                }
                rec.close();
            });
        } finally {
            try {
                rec.close();
            } catch (Exception ignored) {
                // the failure asserted above, thrown again
            }
        }
        UUID session = journal.sessionId();
        try (Connection c = connect()) {
            int counties = 64;
            assertEquals(List.of("0 " + counties, "1 " + counties), perTick(c, "territory_snapshot", session));
            assertEquals(List.of(), SqlRows.of(c, "SELECT tick FROM hex_activity WHERE game_id = '" + session + "' AND tick >= 2"));
            assertEquals(List.of("1"), SqlRows.of(c, "SELECT DISTINCT tick FROM hex_latest WHERE game_id = '" + session + "'"));
        }
        KillingSource healthy = new KillingSource(0, 0);
        HexJournal again = HexJournal.to(healthy, postgres.name()).everyTick();
        healthy.journal = again;
        try (Recording resumed = Recording.at(run).fsync(false).observer(again).resume(memory.root())) {
            while (resumed.tick() < 4) {
                resumed.step(GEO.systems(resumed.world()));
            }
        }
        assertEquals(session, again.sessionId(), "the resume continues the session");
        try (Connection c = connect()) {
            List<String> ticks = perTick(c, "territory_snapshot", session);
            assertEquals(ticks.stream().distinct().toList(), ticks);
            assertEquals("4 64", ticks.get(ticks.size() - 1));
        }
    }
}
