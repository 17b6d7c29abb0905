package io.tickstore.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.postgres.PostgresRuntime;
import io.tickstore.backends.testing.PostgresTestSchema;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.backends.testing.SqlRows;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.JournalTier;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.recording.Recording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic journal keeps a world's tables in their declared tiers on PostgreSQL: a sparse table's persisted tick
 * holds only the rows touched since the tick persisted before, a once-per-session table only its first tick, and every
 * persisted tick hydrates whole, to the world hash the run had. SQLite refuses tiers; a table that does not fit its
 * tier fails the tick.
 */
class JournalTiersTest {
    @RegisterExtension
    static final PostgresTestSchema postgres = new PostgresTestSchema("tiers");

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    static final Schema LANDMARKS = Schema.builder("landmarks", 1).column("x", ColumnType.F64).categorical("kind").build();
    static final Schema AGENTS = Schema.builder("agents", 1).column("energy", ColumnType.F32).stringList("tags").build();
    static final Schema CLOCK = Schema.builder("clock", 1).column("now", ColumnType.I64).build();
    static final Map<String, JournalTier> TIERS = Map.of("landmarks", JournalTier.ONCE, "agents", JournalTier.SPARSE);

    static void populate(World world, SimRandom random) {
        Table landmarks = world.createTable(LANDMARKS, 64);
        for (int i = 0; i < 50; i++) {
            long slot = landmarks.addRow();
            landmarks.setDouble(0, slot, random.nextDouble());
            landmarks.setString(1, slot, i % 3 == 0 ? "well" : "hill");
        }
        Table agents = world.createTable(AGENTS, 256);
        for (int i = 0; i < 200; i++) {
            agents.setFloat(0, agents.addRow(), random.nextFloat());
        }
        world.createTable(CLOCK, 1).addRow();
    }

    /** A tick: five agents change, one is born every third tick and one dies every fifth; the clock moves. */
    static void step(Recording rec) throws Exception {
        SimRandom random = rec.random();
        Table agents = rec.world().table("agents");
        for (int i = 0; i < 5; i++) {
            long slot = random.nextInt((int) agents.rowCount());
            agents.setFloat(0, slot, random.nextFloat());
            if (i == 0) {
                agents.setStrings(1, slot, List.of("tick-" + (rec.tick() + 1)));
            }
        }
        long next = rec.tick() + 1;
        if (next % 3 == 0) {
            agents.setFloat(0, agents.addRow(), 9f);
        }
        if (next % 5 == 0) {
            agents.removeRow(random.nextInt((int) agents.rowCount()));
        }
        rec.world().table("clock").setLong(0, 0, next);
        rec.endTick();
    }

    @Test
    void sparseAndOnceTablesAreWrittenInPartAndEveryTickHydratesWhole() throws Exception {
        PostgresRuntime backend = postgres.backend();
        Journal journal = Journal.to(backend).tiers(TIERS);
        Map<Long, String> hashes = new TreeMap<>();
        try (Recording rec = Recording.at(dir.resolve("tiers")).fsync(false).checkpointEvery(2).observer(journal)
                .create(memory.root(), JournalTiersTest::populate)) {
            hashes.put(0L, ContentHash.hex(rec.world()));
            while (rec.tick() < 11) {
                step(rec);
                hashes.put(rec.tick(), ContentHash.hex(rec.world()));
            }
        }
        List<Long> stored = backend.ticks(journal.sessionId());
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L, 10L, 11L), stored);
        for (long tick : stored) {
            try (World back = backend.hydrate(journal.sessionId(), tick, memory.root())) {
                assertEquals(hashes.get(tick), ContentHash.hex(back), "tick " + tick + " hydrates to the run's world");
            }
        }
        try (Connection c = PostgresTestServer.connect()) {
            String where = " WHERE _session_id = '" + journal.sessionId() + "' GROUP BY _tick ORDER BY _tick";
            assertEquals(List.of("0 50"), SqlRows.of(c, "SELECT _tick, count(*) FROM \"" + postgres.name() + "\".landmarks_v1" + where));
            List<String> agents = SqlRows.of(c, "SELECT _tick, count(*) FROM \"" + postgres.name() + "\".agents_v1" + where);
            assertEquals("0 200", agents.get(0));
            assertTrue(agents.get(1).startsWith("2 ") && Integer.parseInt(agents.get(1).split(" ")[1]) <= 10,
                    "tick 2 holds the agents ticks 1 and 2 touched: " + agents);
            assertTrue(agents.stream().anyMatch(r -> r.startsWith("6 ") && Integer.parseInt(r.split(" ")[1]) > 150),
                    "tick 6 holds the table whole: tick 5 removed an agent, which moved another's slot: " + agents);
        }
    }

    @Test
    void aTableKeptOnceThatChangesFailsItsTick() throws Exception {
        Journal journal = Journal.to(postgres.backend()).tiers(TIERS);
        try (Recording rec = Recording.at(dir.resolve("once")).fsync(false).observer(journal).create(memory.root(), JournalTiersTest::populate)) {
            step(rec);
            rec.world().table("landmarks").setDouble(0, 7, 2.5);
            PersistenceException e = assertThrows(PersistenceException.class, rec::endTick);
            assertEquals(Problem.TIER_MISFIT, e.problem());
            assertTrue(e.getMessage().contains("'landmarks'") && e.getMessage().contains("tick 2") && e.getMessage().contains("row 7"),
                    e.getMessage());
        }
    }

    @Test
    void sqliteRefusesTiersBeforeTheRunStarts() throws Exception {
        Path db = dir.resolve("tiers.sqlite");
        try (RuntimePersistence sqlite = Backends.open("sqlite:" + db)) {
            Journal journal = Journal.to(sqlite).tiers(TIERS);
            TickstoreException e = assertThrows(TickstoreException.class, () -> Recording.at(dir.resolve("sqlite")).fsync(false)
                    .observer(journal).create(memory.root(), JournalTiersTest::populate));
            assertEquals(Problem.TIER_MISFIT, e.problem());
            assertTrue(e.getMessage().startsWith("sqlite:" + db) && e.getMessage().contains("PostgreSQL"), e.getMessage());
            assertTrue(Files.notExists(dir.resolve("sqlite")), "the run was not created");
        }
    }

    @Test
    void aTierDeclaredForATableTheWorldLacksIsRefused() throws Exception {
        Journal journal = Journal.to(postgres.backend()).tiers(Map.of("weather", JournalTier.SPARSE));
        TickstoreException e = assertThrows(TickstoreException.class, () -> Recording.at(dir.resolve("lacks")).fsync(false)
                .observer(journal).create(memory.root(), JournalTiersTest::populate));
        assertEquals(Problem.TIER_MISFIT, e.problem());
        assertTrue(e.getMessage().contains("'weather'"), e.getMessage());
    }
}
