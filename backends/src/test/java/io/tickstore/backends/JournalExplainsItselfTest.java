package io.tickstore.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.internal.journal.JournalDescriptions;
import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.examples.creatures.Creatures;
import io.tickstore.recording.Recording;
import io.tickstore.recording.RecordingBuilder;
import io.tickstore.recording.RecordingStats;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal explains itself to an analyst: a sessions view (session, run, seed, status, first and last tick), a
 * description of every table, view and column (PostgreSQL comments, SQLite's descriptions table), and the births and
 * deaths of every tick as tick events.
 */
class JournalExplainsItselfTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    private RecordingBuilder creatures(Path runDir, long seed, int entities, long every) {
        return Recording.at(runDir).checkpointEvery(every).fsync(false).logBufferRecords(1024)
                .simulation(new Creatures(), new SimulationSettings(seed, entities));
    }

    private RecordingStats record(RecordingBuilder builder, Journal journal, long end) throws IOException {
        Recording rec = builder.endTick(end).observer(journal).createOrResume(memory.root());
        try (rec) {
            List<SimulationSystem> systems = new CreatureSimulation(rec.world()).systems();
            while (rec.tick() < end) {
                rec.step(systems);
            }
        }
        return rec.stats();
    }

    @Test
    void sqliteDescribesEveryTableAndColumnAndListsItsSessions() throws Exception {
        Path file = dir.resolve("journal.sqlite");
        UUID session;
        RecordingStats stats;
        try (RuntimePersistence backend = Backends.open("sqlite:" + file)) {
            Journal journal = Journal.to(backend);
            stats = record(creatures(dir.resolve("herd"), 61, 2_000, 5), journal, 20);
            session = journal.sessionId();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            List<String> undescribed = new ArrayList<>();
            List<String> objects = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    objects.add(rs.getString(1));
                }
            }
            assertTrue(objects.containsAll(List.of("session", "tick", "tick_event", "sessions", "descriptions", "creatures_v1")), objects.toString());
            for (String object : objects) {
                List<String> columns = new ArrayList<>(List.of(""));
                try (ResultSet rs = st.executeQuery("PRAGMA table_info(\"" + object + "\")")) {
                    while (rs.next()) {
                        columns.add(rs.getString("name"));
                    }
                }
                for (String column : columns) {
                    try (ResultSet rs = st.executeQuery("SELECT description FROM descriptions WHERE table_name = '" + object
                            + "' AND column_name = '" + column + "'")) {
                        if (!rs.next() || rs.getString(1).isBlank()) {
                            undescribed.add(object + (column.isEmpty() ? "" : "." + column));
                        }
                    }
                }
            }
            assertEquals(List.of(), undescribed, "tables, views and columns without a description");
            try (ResultSet rs = st.executeQuery("SELECT description FROM descriptions WHERE table_name = 'creatures_v1' AND column_name = 'energy'")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("creatures.energy: f32, since schema version 1"), rs.getString(1));
            }
            assertSessionsView(st, "", session, "herd", 61, 20);
            assertBirthsAndDeaths(st, "", session, stats);
        }
    }

    @Test
    void postgresCommentsOnEveryTableAndColumnAndListsItsSessions() throws Exception {
        PostgresTestServer.assumeAvailable();
        String schema = PostgresTestServer.freshSchema("explain");
        try {
            UUID session;
            RecordingStats stats;
            try (RuntimePersistence backend = Backends.open("postgres:" + PostgresTestServer.url(), PostgresOptions.defaults().withSchema(schema))) {
                Journal journal = Journal.to(backend);
                stats = record(creatures(dir.resolve("pg-herd"), 62, 2_000, 5), journal, 15);
                session = journal.sessionId();
            }
            try (Connection c = PostgresTestServer.connect(); Statement st = c.createStatement()) {
                List<String> undescribed = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "' AND c.relkind IN ('r', 'v', 'p') AND NOT c.relispartition")) {
                    while (rs.next()) {
                        if (rs.getString(2) == null) {
                            undescribed.add(rs.getString(1));
                        }
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT c.relname, a.attname, col_description(c.oid, a.attnum) FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid"
                        + " WHERE n.nspname = '" + schema + "' AND c.relkind IN ('r', 'v', 'p') AND NOT c.relispartition AND a.attnum > 0"
                        + " AND NOT a.attisdropped")) {
                    int columns = 0;
                    while (rs.next()) {
                        columns++;
                        if (rs.getString(3) == null) {
                            undescribed.add(rs.getString(1) + "." + rs.getString(2));
                        }
                    }
                    assertTrue(columns > 60, columns + " columns");
                }
                assertEquals(List.of(), undescribed, "tables, views and columns without a comment");
                assertSessionsView(st, "\"" + schema + "\".", session, "pg-herd", 62, 15);
                assertBirthsAndDeaths(st, "\"" + schema + "\".", session, stats);
            }
        } finally {
            PostgresTestServer.dropSchema(schema);
        }
    }

    private static void assertSessionsView(Statement st, String schema, UUID session, String run, long seed, long lastTick) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT session, run, simulation, seed, status, first_tick, last_tick, ticks FROM " + schema
                + JournalDescriptions.SESSIONS_VIEW)) {
            assertTrue(rs.next(), "one session");
            assertEquals(session.toString(), rs.getString("session"));
            assertEquals(run, rs.getString("run"));
            assertEquals("creatures", rs.getString("simulation"));
            assertEquals(Long.toString(seed), rs.getString("seed"));
            assertEquals("completed", rs.getString("status"));
            assertEquals(0, rs.getLong("first_tick"));
            assertEquals(lastTick, rs.getLong("last_tick"));
            assertEquals(lastTick / 5 + 1, rs.getLong("ticks"));
            assertFalse(rs.next());
        }
    }

    /** One birth event per row added and one death per row removed, each with its table and the tick it happened in. */
    private static void assertBirthsAndDeaths(Statement st, String schema, UUID session, RecordingStats stats) throws SQLException {
        Map<String, Long> kinds = new TreeMap<>();
        try (ResultSet rs = st.executeQuery("SELECT kind, count(*) FROM " + schema + "tick_event GROUP BY kind")) {
            while (rs.next()) {
                kinds.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertTrue(stats.rowsAdded() > 0, stats.toString());
        Map<String, Long> expected = new TreeMap<>(Map.of(Journal.BIRTH, stats.rowsAdded(), Journal.DEATH, stats.rowsRemoved()));
        expected.values().remove(0L);
        assertEquals(expected, kinds);
        try (ResultSet rs = st.executeQuery("SELECT tick, payload FROM " + schema + "tick_event")) {
            while (rs.next()) {
                long stored = rs.getLong(1);
                String payload = rs.getString(2).replace(" ", "");
                assertTrue(payload.contains("\"table\":\"creatures\""), payload);
                java.util.regex.Matcher tick = java.util.regex.Pattern.compile("\"tick\":(\\d+)").matcher(payload);
                assertTrue(tick.find(), payload);
                long happened = Long.parseLong(tick.group(1));
                assertTrue(happened <= stored && happened > stored - 5, "an event of tick " + happened + " stored with tick " + stored);
            }
        }
    }

    /** A run interrupted by a database outage and resumed journals the same births and deaths, tick for tick, as one that was not. */
    @Test
    void aResumedRunJournalsTheSameBirthsAndDeathsAsAnUninterruptedOne() throws IOException {
        UUID clean;
        UUID resumed;
        try (RuntimePersistence backend = Backends.open("sqlite:" + dir.resolve("a.sqlite"))) {
            Journal journal = Journal.to(backend);
            record(creatures(dir.resolve("clean"), 63, 1_000, 4), journal, 22);
            clean = journal.sessionId();
            List<List<TickEvent>> expected = eventsByTick(backend, clean);
            try (OutageBackend flaky = new OutageBackend(backend, 9)) {
                Journal failing = Journal.to(flaky);
                assertThrows(Exception.class, () -> record(creatures(dir.resolve("interrupted"), 63, 1_000, 4), failing, 22));
            }
            Journal again = Journal.to(backend);
            record(creatures(dir.resolve("interrupted"), 63, 1_000, 4), again, 22);
            resumed = again.sessionId();
            assertEquals(backend.ticks(clean), backend.ticks(resumed));
            assertEquals(expected, eventsByTick(backend, resumed));
            assertTrue(expected.stream().mapToInt(List::size).sum() > 0);
        }
    }

    private static List<List<TickEvent>> eventsByTick(RuntimePersistence backend, UUID session) {
        List<List<TickEvent>> events = new ArrayList<>();
        for (long tick : backend.ticks(session)) {
            events.add(backend.events(session, tick));
        }
        return events;
    }
}
