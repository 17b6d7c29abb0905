package io.tickstore.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Journaling a running simulation: the calls {@code ./tickstore run --persist} makes. */
class TickJournalTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    /** Runs six ticks, checkpointing every second one; returns the session. */
    private UUID journalARun(RuntimePersistence backend, World world) {
        CreatureSimulation sim = new CreatureSimulation(world);
        TickJournal journal = TickJournal.start(backend, UUID.randomUUID(), world, Map.of("seed", "51"));
        for (int t = 0; t <= 6; t++) {
            if (t % 2 == 0) {
                journal.checkpoint(world, 1.5);
            }
            if (t < 6) {
                sim.step();
            }
        }
        journal.finish("completed");
        return journal.sessionId();
    }

    @Test
    void aJournaledRunRecordsItsTicksLogsAndMetadata() {
        try (RuntimePersistence backend = Backends.open("sqlite::memory:"); World world = TestWorlds.creatures(memory.root(), 51, 500, 0)) {
            UUID session = journalARun(backend, world);
            assertEquals(Optional.of("51"), backend.getMetadata(session, "seed"));
            assertEquals(Optional.of("0"), backend.getMetadata(session, TickJournal.START_TICK));
            assertEquals(Optional.of("6"), backend.getMetadata(session, TickJournal.END_TICK));
            assertEquals(Optional.of("completed"), backend.getMetadata(session, TickJournal.STATUS));
            try (World latest = backend.hydrateLatest(session, memory.root())) {
                assertArrayEquals(ContentHash.of(world), ContentHash.of(latest));
            }
            TickLog log = backend.tickLog(session, 4).orElseThrow();
            assertEquals(32, log.rngState().length);
            assertEquals(1.5, log.wallTimeMs().getAsDouble());
            assertTrue(backend.tickLog(session, 3).isEmpty());
        }
    }

    @Test
    void onPostgresEveryCheckpointIsAlsoSummarised() throws SQLException {
        PostgresTestServer.assumeAvailable();
        String schema = PostgresTestServer.freshSchema("journal");
        try (RuntimePersistence backend = Backends.open("postgres:" + PostgresTestServer.url(), PostgresOptions.defaults().withSchema(schema));
             World world = TestWorlds.creatures(memory.root(), 52, 500, 0)) {
            UUID session = journalARun(backend, world);
            assertEquals(4, ((PostgresExtensions) backend).columnSummaries(session, CreatureSimulation.TABLE, "energy").size());
        } finally {
            PostgresTestServer.dropSchema(schema);
        }
    }
}
