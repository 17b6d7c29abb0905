package io.tickstore.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.columns.trace.TraceLevel;
import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.examples.creatures.Creatures;
import io.tickstore.recording.Recording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions as things, the same on both backends: a traced, journaled recording lists with its status, tick range,
 * rows and bytes; a running session is refused deletion; a deleted session leaves no row behind and no other
 * session is touched, even one persisting while the deletion runs.
 */
public abstract class SessionStoreContract {
    @RegisterExtension
    protected final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    protected Path dir;

    /** A backend open for writing; the test closes it. */
    protected abstract RuntimePersistence open();

    /** A journaled, traced run of the creature world to {@code end}; returns its session. */
    private UUID record(RuntimePersistence backend, String run, long end, TraceLevel level) throws Exception {
        Journal journal = Journal.to(backend);
        try (Recording rec = Recording.at(dir.resolve(run)).checkpointEvery(5).fsync(false).logBufferRecords(1024).endTick(end)
                .simulation(new Creatures(), new SimulationSettings(11, 300)).tracing(level).observer(journal).createOrResume(memory.root())) {
            List<SimulationSystem> systems = new CreatureSimulation(rec.world()).systems();
            while (rec.tick() < end) {
                rec.step(systems);
            }
        }
        return journal.sessionId();
    }

    @Test
    void aTracedRunListsWithItsStatusTicksRowsBytesAndTraces() throws Exception {
        try (RuntimePersistence backend = open()) {
            SessionStore store = (SessionStore) backend;
            UUID session = record(backend, "traced", 12, TraceLevel.DEBUG);
            SessionInfo info = store.session(session);
            assertEquals("completed", info.status());
            assertEquals(0, info.firstTick());
            assertEquals(12, info.lastTick());
            assertEquals(4, info.ticks());                                   // 0, 5, 10, 12
            assertTrue(info.rows().get("creatures_v1") > 4 * 250, info.rows().toString());
            // two SUMMARY events a tick (act, cleanup) for ticks 1..12, plus every birth and death at DEBUG
            long traces = info.rows().get("trace_log");
            assertTrue(traces >= 24, "trace rows " + traces);
            assertTrue(info.bytes() > 0);
            assertEquals("traced", info.metadata().get("run"));
            assertTrue(store.sessions().stream().map(SessionInfo::id).anyMatch(session::equals));
            List<String> summaries = new ArrayList<>();
            store.readDataset(session, dataset(store, session, "trace_log"), rs -> {
                while (rs.next()) {
                    if (rs.getInt("level") == TraceLevel.SUMMARY.value()) {
                        summaries.add(rs.getLong("tick") + " " + rs.getString("system") + "." + rs.getString("event"));
                    }
                }
            });
            assertEquals(24, summaries.size(), summaries.toString());
            assertEquals("1 act.acted", summaries.get(0));
            assertEquals("1 cleanup.applied", summaries.get(1));
        }
    }

    @Test
    void atNoneNothingIsTraced() throws Exception {
        try (RuntimePersistence backend = open()) {
            UUID session = record(backend, "untraced", 6, TraceLevel.NONE);
            assertEquals(0L, ((SessionStore) backend).session(session).rows().getOrDefault("trace_log", 0L));
        }
    }

    private static SessionDataset dataset(SessionStore store, UUID session, String name) {
        return store.datasets(session).stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aSessionBeingWrittenIsRunningAndCannotBeDeleted() throws Exception {
        try (RuntimePersistence backend = open()) {
            SessionStore store = (SessionStore) backend;
            Journal journal = Journal.to(backend);
            try (Recording rec = Recording.at(dir.resolve("live")).checkpointEvery(2).fsync(false).endTick(10)
                    .simulation(new Creatures(), new SimulationSettings(3, 100)).observer(journal).createOrResume(memory.root())) {
                List<SimulationSystem> systems = new CreatureSimulation(rec.world()).systems();
                rec.step(systems);
                rec.step(systems);
                rec.stats();
                waitForSession(store, journal);
                assertEquals("running", store.session(journal.sessionId()).status());
                PersistenceException refused = assertThrows(PersistenceException.class, () -> store.deleteSession(journal.sessionId()));
                assertEquals(Problem.SESSION_ACTIVE, refused.problem());
                assertTrue(refused.getMessage().contains(journal.sessionId().toString()), refused.getMessage());
            }
            assertEquals("stopped", store.session(journal.sessionId()).status());
        }
    }

    private static void waitForSession(SessionStore store, Journal journal) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (store.sessions().stream().anyMatch(s -> s.id().equals(journal.sessionId()))) {
                return;
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aSessionWhoseWriterIsGoneIsCrashed() {
        try (RuntimePersistence backend = open(); World world = TestWorlds.creatures(memory.root(), 5, 50, 3)) {
            UUID session = UUID.randomUUID();
            backend.createSession(session, world);
            backend.persistTick(session, world);
            backend.setMetadata(session, Journal.STATUS, "running");     // what a killed run leaves
            assertEquals("crashed", ((SessionStore) backend).session(session).status());
        }
    }

    @Test
    void deletingASessionRemovesEveryRowAndTouchesNoOtherSessionEvenOnePersistingMeanwhile() throws Exception {
        try (RuntimePersistence backend = open()) {
            SessionStore store = (SessionStore) backend;
            UUID doomed = record(backend, "doomed", 10, TraceLevel.DEBUG);
            UUID other = UUID.randomUUID();
            Map<Long, String> hashes = new java.util.concurrent.ConcurrentHashMap<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            java.util.concurrent.CountDownLatch firstPersisted = new java.util.concurrent.CountDownLatch(1);
            Thread persisting;
            try (World world = TestWorlds.creatures(memory.root(), 9, 400, 0)) {
                backend.createSession(other, world);
                CreatureSimulation sim = new CreatureSimulation(world);
                persisting = new Thread(() -> {
                    try {
                        for (int i = 0; i < 30; i++) {
                            sim.step();
                            backend.persistTick(other, world);
                            hashes.put(world.tick(), ContentHash.hex(world));
                            firstPersisted.countDown();
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    } finally {
                        firstPersisted.countDown();
                    }
                });
                persisting.start();
                firstPersisted.await();      // the delete starts while the other session goes on persisting
                SessionInfo deleted = store.deleteSession(doomed);
                persisting.join();
            }
            if (failure.get() != null) {
                throw new AssertionError("the other session's persist failed", failure.get());
            }
            assertFalse(store.sessions().stream().anyMatch(s -> s.id().equals(doomed)));
            PersistenceException unknown = assertThrows(PersistenceException.class, () -> store.session(doomed));
            assertEquals(Problem.UNKNOWN_SESSION, unknown.problem());
            assertEquals(30, hashes.size());
            for (Map.Entry<Long, String> tick : hashes.entrySet()) {
                try (World back = backend.hydrate(other, tick.getKey(), memory.root())) {
                    assertEquals(tick.getValue(), ContentHash.hex(back), "tick " + tick.getKey());
                }
            }
            assertNoRowsLeft(backend, doomed);
        }
    }

    /** Every table of the journal holds no row of {@code session}. */
    protected abstract void assertNoRowsLeft(RuntimePersistence backend, UUID session) throws Exception;
}
