package io.tickstore.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.examples.creatures.Creatures;
import io.tickstore.recording.Recording;
import io.tickstore.recording.RecordingBuilder;
import io.tickstore.snapshot.replay.RunHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Journaling a recording into a backend: what {@code ./tickstore run --persist} does. */
class JournalTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    private RecordingBuilder creatures(Path runDir, long seed, int entities, long every) {
        return Recording.at(runDir).checkpointEvery(every).fsync(false).logBufferRecords(1024)
                .simulation(new Creatures(), new SimulationSettings(seed, entities));
    }

    /** Records ticks up to {@code end} (closing there), journaled into {@code journal}; returns the live hashes. */
    private List<String> record(RecordingBuilder builder, Journal journal, long end) throws IOException {
        List<String> hashes = new ArrayList<>();
        try (Recording rec = builder.endTick(end).observer(journal).createOrResume(memory.root())) {
            List<SimulationSystem> systems = new CreatureSimulation(rec.world()).systems();
            while (rec.tick() < end) {
                rec.step(systems);
                hashes.add(ContentHash.hex(rec.world()));
            }
        }
        return hashes;
    }

    @Test
    void aJournaledRecordingPersistsEveryCheckpointAndLogsEveryTickWithItsTimings() throws IOException {
        try (RuntimePersistence backend = Backends.open("sqlite::memory:")) {
            Journal journal = Journal.to(backend);
            record(creatures(dir.resolve("run"), 51, 500, 2), journal, 6);
            UUID session = journal.sessionId();
            assertEquals(List.of(0L, 2L, 4L, 6L), backend.ticks(session));
            assertEquals(Optional.of("51"), backend.getMetadata(session, "seed"));
            assertEquals(Optional.of("creatures"), backend.getMetadata(session, "simulation"));
            assertEquals(Optional.of("0"), backend.getMetadata(session, Journal.START_TICK));
            assertEquals(Optional.of("6"), backend.getMetadata(session, Journal.END_TICK));
            assertEquals(Optional.of("completed"), backend.getMetadata(session, Journal.STATUS));
            for (long tick = 1; tick <= 6; tick++) {
                TickLog log = backend.tickLog(session, tick).orElseThrow(AssertionError::new);
                assertTrue(log.wallTimeMs().getAsDouble() > 0, "tick " + tick + " has its real wall time: " + log);
                assertEquals(List.of("act", "cleanup"), List.copyOf(log.systemTimingsMs().keySet()), "tick " + tick);
                assertTrue(log.systemTimingsMs().values().stream().allMatch(ms -> ms > 0), log.toString());
            }
            assertEquals(32, backend.tickLog(session, 4).orElseThrow().rngState().length);
            try (RunHistory history = RunHistory.open(dir.resolve("run"));
                 World replayed = history.reconstructAt(6, memory.root());
                 World journaled = backend.hydrate(session, 6, memory.root())) {
                assertArrayEquals(ContentHash.of(replayed), ContentHash.of(journaled));
            }
        }
    }

    /**
     * The database goes away in the middle of a run: the run fails at its next checkpoint. A resume journals into the
     * same session and first fills the checkpointed ticks the session lacks, so the journal has no gap.
     */
    @Test
    void aResumedRunContinuesItsSessionWithNoGap() throws IOException {
        Path file = dir.resolve("journal.sqlite");
        Path runDir = dir.resolve("run");
        UUID session;
        try (RuntimePersistence real = Backends.open("sqlite:" + file);
             OutageBackend flaky = new OutageBackend(real, 6)) {
            Journal journal = Journal.to(flaky);
            assertThrows(Exception.class, () -> record(creatures(runDir, 52, 400, 2), journal, 20));
            session = journal.sessionId();
            assertTrue(real.ticks(session).containsAll(List.of(0L, 2L, 4L)), real.ticks(session).toString());
            assertTrue(!real.ticks(session).contains(6L), "tick 6 never reached the database");
        }
        try (RuntimePersistence backend = Backends.open("sqlite:" + file)) {
            Journal journal = Journal.to(backend);
            List<String> hashes = record(creatures(runDir, 52, 400, 2), journal, 20);
            assertEquals(session, journal.sessionId(), "the same session continues");
            assertTrue(journal.ticksBackfilled() > 0, "the ticks the outage kept out were filled in");
            List<Long> expected = new ArrayList<>();
            for (long t = 0; t <= 20; t += 2) {
                expected.add(t);
            }
            assertEquals(expected, backend.ticks(session));
            assertEquals(Optional.of("completed"), backend.getMetadata(session, Journal.STATUS));
            assertTrue(backend.getMetadata(session, Journal.LAST_INTERRUPTION).orElse("").startsWith("failed at tick"),
                    backend.getMetadata(session, Journal.LAST_INTERRUPTION).toString());
            try (World journaled = backend.hydrate(session, 20, memory.root())) {
                assertEquals(hashes.get(hashes.size() - 1), ContentHash.hex(journaled));
            }
            try (RunHistory history = RunHistory.open(runDir)) {
                for (long t : expected) {
                    try (World replayed = history.reconstructAt(t, memory.root());
                         World journaled = backend.hydrate(session, t, memory.root())) {
                        assertArrayEquals(ContentHash.of(replayed), ContentHash.of(journaled), "tick " + t);
                    }
                }
            }
        }
    }

    @Test
    void onPostgresEveryPersistedTickIsAlsoSummarised() throws SQLException, IOException {
        PostgresTestServer.assumeAvailable();
        String schema = PostgresTestServer.freshSchema("journal");
        try (RuntimePersistence backend = Backends.open("postgres:" + PostgresTestServer.url(), PostgresOptions.defaults().withSchema(schema))) {
            Journal journal = Journal.to(backend);
            record(creatures(dir.resolve("pg"), 53, 500, 2), journal, 6);
            assertEquals(4, ((PostgresExtensions) backend).columnSummaries(journal.sessionId(), CreatureSimulation.TABLE, "energy").size());
        } finally {
            PostgresTestServer.dropSchema(schema);
        }
    }
}
