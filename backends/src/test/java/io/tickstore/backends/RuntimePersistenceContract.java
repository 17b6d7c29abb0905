package io.tickstore.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The semantics every backend promises ({@link RuntimePersistence}), as one suite that each backend's test class
 * extends. A subclass supplies a backend shared by its tests; every test works in sessions of its own.
 */
public abstract class RuntimePersistenceContract {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    /** The backend under test, open for the whole class. */
    protected abstract RuntimePersistence backend();

    /** A second, independent backend over the same storage, which the test closes. */
    protected abstract RuntimePersistence openAnother();

    private UUID sessionFor(World world) {
        UUID session = UUID.randomUUID();
        backend().createSession(session, world);
        return session;
    }

    private static byte[] hash(World world) {
        return ContentHash.of(world);
    }

    private static PersistenceException refused(Problem problem, org.junit.jupiter.api.function.Executable call) {
        PersistenceException e = assertThrows(PersistenceException.class, call);
        assertEquals(problem, e.problem(), e.getMessage());
        return e;
    }

    // ------------------------------------------------------------------ persist and hydrate

    @Test
    void aPersistedTickHydratesToTheSameContentHash() {
        try (World world = TestWorlds.creatures(memory.root(), 11, 3_000, 5)) {
            UUID session = sessionFor(world);
            assertEquals(PersistOutcome.STORED, backend().persistTick(session, world));
            try (World back = backend().hydrate(session, world.tick(), memory.root())) {
                assertArrayEquals(hash(world), hash(back));
                assertEquals(world.tick(), back.tick());
                assertArrayEquals(world.rngState(), back.rngState());
            }
        }
    }

    @Test
    void everyKindOfColumnRoundTripsExactly() {
        try (World world = TestWorlds.everyKind(memory.root(), 21, 150, 4)) {
            UUID session = sessionFor(world);
            assertEquals(PersistOutcome.STORED, backend().persistTick(session, world));
            assertEquals(PersistOutcome.UNCHANGED, backend().persistTick(session, world));
            try (World back = backend().hydrate(session, 4, memory.root())) {
                assertArrayEquals(hash(world), hash(back));
                Table expected = world.table("every_kind");
                Table actual = back.table("every_kind");
                for (long slot = 0; slot < expected.rowCount(); slot++) {
                    assertEquals(expected.entityId(slot), actual.entityId(slot));
                    for (int c = 0; c < expected.schema().columnCount(); c++) {
                        Object a = io.tickstore.columns.testing.AllKinds.read(expected, c, slot);
                        Object b = io.tickstore.columns.testing.AllKinds.read(actual, c, slot);
                        assertTrue(io.tickstore.columns.testing.AllKinds.same(a, b), "column " + expected.schema().column(c).name()
                                + " slot " + slot + ": " + io.tickstore.columns.testing.AllKinds.show(a) + " came back as "
                                + io.tickstore.columns.testing.AllKinds.show(b));
                    }
                }
                actual.setString(actual.columnIndex("attributes"), 3, "{\"changed\": [1, 2.50]}");
                back.setTick(5);
                assertEquals(PersistOutcome.STORED, backend().persistTick(session, back), "a hydrated world persists like any other");
            }
            world.table("every_kind").setString(world.table("every_kind").columnIndex("note"), 0, "another note");
            refused(Problem.TICK_CONFLICT, () -> backend().persistTick(session, world));
            try (World five = backend().hydrate(session, 5, memory.root())) {
                assertEquals("{\"changed\":[1,2.50]}", five.table("every_kind").getString(five.table("every_kind").columnIndex("attributes"), 3));
            }
        }
    }

    @Test
    void aCategoricalColumnComesBackAsItsStringsWhateverItsCodes() {
        Schema schema = Schema.builder("counties", 1).categorical("name").column("code", io.tickstore.columns.ColumnLayout.categorical(
                ColumnType.U8), 1, "none").build();
        try (World world = new World(memory.root())) {
            Table t = world.createTable(schema, 8);
            for (String unused : List.of("never", "used", "here")) {
                t.intern(0, unused);
            }
            for (String name : List.of("Travis", "Bexar", "Travis", "Doña Ana", "東京", "")) {
                long row = t.addRow();
                t.setString(0, row, name);
            }
            world.setTick(1);
            UUID session = sessionFor(world);
            backend().persistTick(session, world);
            try (World back = backend().hydrate(session, 1, memory.root())) {
                Table b = back.table("counties");
                for (long row = 0; row < t.rowCount(); row++) {
                    assertEquals(t.getString(0, row), b.getString(0, row));
                    assertEquals("none", b.getString(1, row));
                }
                assertTrue(b.dictionary(0).size() < t.dictionary(0).size(), "the strings no row holds are not journaled");
                assertArrayEquals(hash(world), hash(back), "the content hash is of the strings, not the codes");
            }
        }
    }

    @Test
    void aHydratedSimulationContinuesExactlyAsTheUninterruptedOne() {
        try (World world = TestWorlds.creatures(memory.root(), 12, 2_000, 3)) {
            UUID session = sessionFor(world);
            backend().persistTick(session, world);
            try (World back = backend().hydrate(session, world.tick(), memory.root())) {
                new CreatureSimulation(world).run(4);
                new CreatureSimulation(back).run(4);
                assertArrayEquals(hash(world), hash(back));
            }
        }
    }

    @Test
    void everyColumnTypeRoundTripsBitForBit() {
        try (World world = TestWorlds.allTypes(memory.root(), 3)) {
            UUID session = sessionFor(world);
            backend().persistTick(session, world);
            try (World back = backend().hydrate(session, 3, memory.root())) {
                Table expected = world.table("all_types");
                Table actual = back.table("all_types");
                assertEquals(expected.rowCount(), actual.rowCount());
                for (long slot = 0; slot < expected.rowCount(); slot++) {
                    assertEquals(expected.entityId(slot), actual.entityId(slot));
                    for (int c = 0; c < expected.schema().columnCount(); c++) {
                        assertEquals(expected.getBits(c, slot), actual.getBits(c, slot),
                                "column " + expected.schema().column(c).name() + " slot " + slot);
                    }
                }
                assertEquals(TestWorlds.ALL_TYPES, actual.schema());
                assertArrayEquals(hash(world), hash(back));
            }
        }
    }

    @Test
    void aWorldOfSeveralTablesRoundTrips() {
        try (World world = TestWorlds.graph(memory.root(), 5, 300, 4, 9)) {
            UUID session = sessionFor(world);
            backend().persistTick(session, world);
            try (World back = backend().hydrate(session, 9, memory.root())) {
                assertEquals(List.of("edges", "nodes"), back.tables().stream().map(Table::name).toList());
                assertArrayEquals(hash(world), hash(back));
            }
        }
    }

    @Test
    void emptyTablesRoundTrip() {
        try (World world = TestWorlds.graph(memory.root(), 5, 0, 0, 0)) {
            UUID session = sessionFor(world);
            backend().persistTick(session, world);
            try (World back = backend().hydrate(session, 0, memory.root())) {
                assertEquals(0, back.totalRows());
                assertArrayEquals(hash(world), hash(back));
            }
        }
    }

    @Test
    void hydratedTablesContinueEntityIdsWhereThePersistedOnesStopped() {
        try (World world = TestWorlds.creatures(memory.root(), 13, 500, 2)) {
            Table creatures = world.table(CreatureSimulation.TABLE);
            creatures.removeRow(creatures.rowCount() - 1);
            long next = creatures.nextEntityId();
            UUID session = sessionFor(world);
            backend().persistTick(session, world);
            try (World back = backend().hydrate(session, world.tick(), memory.root())) {
                Table table = back.table(CreatureSimulation.TABLE);
                assertEquals(next, table.nextEntityId());
                assertEquals(next, table.entityId(table.addRow()));
            }
        }
    }

    @Test
    void hydrateLatestReturnsTheHighestStoredTick() {
        try (World world = TestWorlds.creatures(memory.root(), 14, 300, 0)) {
            UUID session = sessionFor(world);
            CreatureSimulation sim = new CreatureSimulation(world);
            for (int i = 0; i < 3; i++) {
                backend().persistTick(session, world);
                sim.step();
            }
            world.setTick(world.tick() - 1);
            try (World back = backend().hydrateLatest(session, memory.root())) {
                assertEquals(2, back.tick());
            }
        }
    }

    @Test
    void hydratingATickThatIsNotStoredNamesTheTick() {
        try (World world = TestWorlds.graph(memory.root(), 1, 10, 1, 4)) {
            UUID session = sessionFor(world);
            backend().persistTick(session, world);
            PersistenceException e = refused(Problem.NO_SUCH_TICK, () -> backend().hydrate(session, 5, memory.root()));
            assertTrue(e.getMessage().contains("tick 5"), e.getMessage());
            assertTrue(e.getMessage().contains(session.toString()), e.getMessage());
        }
    }

    @Test
    void hydrateLatestOfASessionWithoutTicksIsNoSuchTick() {
        try (World world = TestWorlds.graph(memory.root(), 1, 10, 1, 4)) {
            UUID session = sessionFor(world);
            refused(Problem.NO_SUCH_TICK, () -> backend().hydrateLatest(session, memory.root()));
        }
    }

    // ------------------------------------------------------------------ idempotency and conflicts

    @Test
    void persistingTheSameTickTwiceChangesNothing() {
        try (World world = TestWorlds.creatures(memory.root(), 15, 1_000, 2)) {
            UUID session = sessionFor(world);
            assertEquals(PersistOutcome.STORED, backend().persistTick(session, world));
            assertEquals(PersistOutcome.UNCHANGED, backend().persistTick(session, world));
            try (World back = backend().hydrate(session, world.tick(), memory.root())) {
                assertArrayEquals(hash(world), hash(back));
            }
        }
    }

    @Test
    void persistingDifferentContentForAStoredTickIsAConflictThatKeepsTheStoredContent() {
        try (World world = TestWorlds.creatures(memory.root(), 16, 1_000, 2)) {
            UUID session = sessionFor(world);
            backend().persistTick(session, world);
            byte[] stored = hash(world);
            world.table(CreatureSimulation.TABLE).setFloat(4, 0, 123f);
            PersistenceException e = refused(Problem.TICK_CONFLICT, () -> backend().persistTick(session, world));
            assertTrue(e.getMessage().contains("withOverwrite"), e.getMessage());
            try (World back = backend().hydrate(session, world.tick(), memory.root())) {
                assertArrayEquals(stored, hash(back));
            }
        }
    }

    @Test
    void differentEventsForAStoredTickAreAConflict() {
        try (World world = TestWorlds.graph(memory.root(), 2, 20, 2, 1)) {
            UUID session = sessionFor(world);
            backend().persistTick(session, world, PersistOptions.DEFAULT.withEvents(List.of(TickEvent.of("a", "{}"))));
            refused(Problem.TICK_CONFLICT,
                    () -> backend().persistTick(session, world, PersistOptions.DEFAULT.withEvents(List.of(TickEvent.of("b", "{}")))));
            assertEquals(List.of(TickEvent.of("a", "{}")), backend().events(session, 1));
        }
    }

    @Test
    void overwritingReplacesTheRowsAndEventsOfAStoredTick() {
        try (World world = TestWorlds.creatures(memory.root(), 17, 1_000, 2)) {
            UUID session = sessionFor(world);
            backend().persistTick(session, world, PersistOptions.DEFAULT.withEvents(List.of(TickEvent.of("old", "1"))));
            Table creatures = world.table(CreatureSimulation.TABLE);
            creatures.removeRow(0);
            creatures.setFloat(0, 1, -0.0f);
            PersistOptions overwrite = PersistOptions.DEFAULT.withOverwrite(true).withEvents(List.of(TickEvent.of("new", "2")));
            assertEquals(PersistOutcome.OVERWRITTEN, backend().persistTick(session, world, overwrite));
            try (World back = backend().hydrate(session, world.tick(), memory.root())) {
                assertArrayEquals(hash(world), hash(back));
            }
            assertEquals(List.of(TickEvent.of("new", "2")), backend().events(session, world.tick()));
        }
    }

    @Test
    void aCancelledPersistLeavesTheTickAbsentAndARetryStoresItOnce() {
        try (World world = TestWorlds.graph(memory.root(), 3, 1_500, 2, 6)) {
            UUID session = sessionFor(world);
            IllegalStateException crash = new IllegalStateException("simulated crash mid-persist");
            List<String> seen = new ArrayList<>();
            PersistOptions failing = PersistOptions.DEFAULT.withEvents(List.of(TickEvent.of("e", "{}"))).withProgress((table, done, total) -> {
                seen.add(table + " " + done + "/" + total);
                throw crash;
            });
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> backend().persistTick(session, world, failing));
            assertSame(crash, thrown);
            assertEquals(1, seen.size());
            refused(Problem.NO_SUCH_TICK, () -> backend().hydrate(session, 6, memory.root()));
            refused(Problem.NO_SUCH_TICK, () -> backend().events(session, 6));

            assertEquals(PersistOutcome.STORED,
                    backend().persistTick(session, world, PersistOptions.DEFAULT.withEvents(List.of(TickEvent.of("e", "{}")))));
            try (World back = backend().hydrate(session, 6, memory.root())) {
                assertArrayEquals(hash(world), hash(back));
                assertEquals(world.totalRows(), back.totalRows());
            }
            assertEquals(1, backend().events(session, 6).size());
        }
    }

    @Test
    void progressIsReportedUpToEveryTablesLastRow() {
        try (World world = TestWorlds.graph(memory.root(), 4, 1_200, 3, 2)) {
            UUID session = sessionFor(world);
            Map<String, long[]> last = new java.util.TreeMap<>();
            backend().persistTick(session, world, PersistOptions.DEFAULT.withProgress((table, done, total) -> last.put(table, new long[] {done, total})));
            assertArrayEquals(new long[] {3_600, 3_600}, last.get("edges"));
            assertArrayEquals(new long[] {1_200, 1_200}, last.get("nodes"));
        }
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void anUnknownSessionIsRefusedByEveryOperationAndNothingIsWritten() {
        try (World world = TestWorlds.graph(memory.root(), 6, 10, 1, 0)) {
            UUID unknown = UUID.randomUUID();
            List<org.junit.jupiter.api.function.Executable> calls = List.of(
                    () -> backend().persistTick(unknown, world),
                    () -> backend().hydrate(unknown, 0, memory.root()),
                    () -> backend().hydrateLatest(unknown, memory.root()),
                    () -> backend().logTick(unknown, TickLog.builder(0).wallTimeMs(1).build()),
                    () -> backend().setMetadata(unknown, "k", "v"),
                    () -> backend().getMetadata(unknown, "k"),
                    () -> backend().events(unknown, 0),
                    () -> backend().tickLog(unknown, 0));
            for (org.junit.jupiter.api.function.Executable call : calls) {
                PersistenceException e = refused(Problem.UNKNOWN_SESSION, call);
                assertTrue(e.getMessage().contains(unknown.toString()), e.getMessage());
            }
            backend().createSession(unknown, world);
            refused(Problem.NO_SUCH_TICK, () -> backend().hydrateLatest(unknown, memory.root()));
            assertEquals(Optional.empty(), backend().getMetadata(unknown, "k"));
            assertEquals(Optional.empty(), backend().tickLog(unknown, 0));
        }
    }

    @Test
    void aWorldWithATableTheSessionLacksIsRefusedAndNothingIsWritten() {
        try (World world = TestWorlds.graph(memory.root(), 7, 10, 1, 0)) {
            UUID session = UUID.randomUUID();
            backend().createSession(session, List.of(TestWorlds.NODES));
            PersistenceException e = refused(Problem.SCHEMA_MISMATCH, () -> backend().persistTick(session, world));
            assertTrue(e.getMessage().contains("'edges'"), e.getMessage());
            refused(Problem.NO_SUCH_TICK, () -> backend().hydrateLatest(session, memory.root()));
        }
    }

    @Test
    void aWorldMissingATableOfTheSessionIsRefused() {
        try (World world = TestWorlds.graph(memory.root(), 8, 10, 1, 0)) {
            UUID session = UUID.randomUUID();
            backend().createSession(session, List.of(TestWorlds.NODES, TestWorlds.EDGES, TestWorlds.ALL_TYPES));
            PersistenceException e = refused(Problem.SCHEMA_MISMATCH, () -> backend().persistTick(session, world));
            assertTrue(e.getMessage().contains("lacks table 'all_types'"), e.getMessage());
        }
    }

    @Test
    void aWorldWhoseTableHasAnotherSchemaIsRefused() {
        Schema other = Schema.builder("nodes", 1).column("x", ColumnType.F64).build();
        try (World world = new World(memory.root())) {
            world.createTable(other, 4).addRow();
            UUID session = UUID.randomUUID();
            backend().createSession(session, List.of(TestWorlds.NODES));
            refused(Problem.SCHEMA_MISMATCH, () -> backend().persistTick(session, world));
            refused(Problem.NO_SUCH_TICK, () -> backend().hydrateLatest(session, memory.root()));
        }
    }

    @Test
    void creatingASessionAgainWithTheSameSchemasChangesNothing() {
        UUID session = UUID.randomUUID();
        backend().createSession(session, List.of(TestWorlds.NODES, TestWorlds.EDGES));
        assertDoesNotThrow(() -> backend().createSession(session, List.of(TestWorlds.EDGES, TestWorlds.NODES)));
    }

    @Test
    void creatingASessionAgainWithOtherSchemasIsRefused() {
        UUID session = UUID.randomUUID();
        backend().createSession(session, List.of(TestWorlds.NODES));
        refused(Problem.SCHEMA_MISMATCH, () -> backend().createSession(session, List.of(TestWorlds.NODES, TestWorlds.EDGES)));
    }

    @Test
    void aSchemaThatChangedItsColumnsWithoutANewVersionIsRefused() {
        String name = "drift_" + UUID.randomUUID().toString().substring(0, 8);
        backend().createSession(UUID.randomUUID(), List.of(Schema.builder(name, 1).column("a", ColumnType.I32).build()));
        UUID second = UUID.randomUUID();
        PersistenceException e = refused(Problem.SCHEMA_MISMATCH,
                () -> backend().createSession(second, List.of(Schema.builder(name, 1).column("a", ColumnType.F32).build())));
        assertTrue(e.getMessage().contains("new version"), e.getMessage());
        refused(Problem.UNKNOWN_SESSION, () -> backend().getMetadata(second, "k"));
    }

    @Test
    void aSessionWithoutTablesIsRefused() {
        refused(Problem.INVALID_INPUT, () -> backend().createSession(UUID.randomUUID(), List.of()));
    }

    @Test
    void aNegativeTickIsRefused() {
        try (World world = TestWorlds.graph(memory.root(), 9, 5, 1, 0)) {
            UUID session = sessionFor(world);
            world.setTick(-1);
            refused(Problem.INVALID_INPUT, () -> backend().persistTick(session, world));
            refused(Problem.INVALID_INPUT, () -> backend().hydrate(session, -3, memory.root()));
        }
    }

    @Test
    void aBoolByteOtherThanZeroOrOneIsRefusedAndTheTickStaysAbsent() {
        try (World world = TestWorlds.graph(memory.root(), 10, 50, 1, 3)) {
            UUID session = sessionFor(world);
            Table nodes = world.table("nodes");
            nodes.setBits(nodes.columnIndex("active"), 7, 2);
            PersistenceException e = refused(Problem.INVALID_INPUT, () -> backend().persistTick(session, world));
            assertTrue(e.getMessage().contains("'active' slot 7"), e.getMessage());
            refused(Problem.NO_SUCH_TICK, () -> backend().hydrate(session, 3, memory.root()));
        }
    }

    // ------------------------------------------------------------------ logs, events, metadata

    @Test
    void aTickLogRoundTrips() {
        try (World world = TestWorlds.graph(memory.root(), 11, 5, 1, 0)) {
            UUID session = sessionFor(world);
            TickLog log = TickLog.builder(8).rngState(new byte[] {9, 8, 7}).mutations("[{\"entity\": 3, \"op\": \"move\"}]")
                    .invariantChecks("{\"energy_conserved\": true}").wallTimeMs(12.25).systemTiming("move", 3.5).systemTiming("cleanup", 0.75)
                    .build();
            backend().logTick(session, log);
            assertEquals(Optional.of(log), backend().tickLog(session, 8));
        }
    }

    @Test
    void aTickLogWithOnlyATickRoundTrips() {
        try (World world = TestWorlds.graph(memory.root(), 12, 5, 1, 0)) {
            UUID session = sessionFor(world);
            TickLog log = TickLog.builder(0).build();
            backend().logTick(session, log);
            assertEquals(Optional.of(log), backend().tickLog(session, 0));
        }
    }

    @Test
    void loggingATickAgainReplacesItsLog() {
        try (World world = TestWorlds.graph(memory.root(), 13, 5, 1, 0)) {
            UUID session = sessionFor(world);
            backend().logTick(session, TickLog.builder(2).wallTimeMs(5).build());
            TickLog second = TickLog.builder(2).wallTimeMs(7).mutations("3").build();
            backend().logTick(session, second);
            assertEquals(Optional.of(second), backend().tickLog(session, 2));
        }
    }

    @Test
    void metadataRoundTripsAndASecondValueReplacesTheFirst() {
        try (World world = TestWorlds.graph(memory.root(), 14, 5, 1, 0)) {
            UUID session = sessionFor(world);
            assertEquals(Optional.empty(), backend().getMetadata(session, "seed"));
            backend().setMetadata(session, "seed", "42");
            backend().setMetadata(session, "status", "running");
            backend().setMetadata(session, "status", "done ✓");
            assertEquals(Optional.of("42"), backend().getMetadata(session, "seed"));
            assertEquals(Optional.of("done ✓"), backend().getMetadata(session, "status"));
        }
    }

    @Test
    void metadataBelongsToItsSession() {
        try (World world = TestWorlds.graph(memory.root(), 15, 5, 1, 0)) {
            UUID a = sessionFor(world);
            UUID b = sessionFor(world);
            backend().setMetadata(a, "k", "a");
            assertEquals(Optional.empty(), backend().getMetadata(b, "k"));
        }
    }

    @Test
    void eventsRoundTripInTheirOrderAsCanonicalJson() {
        try (World world = TestWorlds.graph(memory.root(), 16, 5, 1, 4)) {
            UUID session = sessionFor(world);
            List<TickEvent> events = List.of(
                    TickEvent.about("birth", 17, "{ \"parent\": 3, \"energy\": 0.5 }"),
                    TickEvent.of("census", "{\"z\": [1, 2.50, 1e2], \"a\": {\"nested\": \"yes ✓\"}}"),
                    TickEvent.about("death", 0, "null"));
            backend().persistTick(session, world, PersistOptions.DEFAULT.withEvents(events));
            List<TickEvent> back = backend().events(session, 4);
            assertEquals(events, back);
            assertEquals("{\"energy\":0.5,\"parent\":3}", back.get(0).payloadJson());
            assertFalse(back.get(1).hasEntity());
        }
    }

    @Test
    void eventsOfATickThatIsNotStoredAreNoSuchTick() {
        try (World world = TestWorlds.graph(memory.root(), 17, 5, 1, 4)) {
            UUID session = sessionFor(world);
            refused(Problem.NO_SUCH_TICK, () -> backend().events(session, 4));
        }
    }

    // ------------------------------------------------------------------ sessions and lifecycle

    @Test
    void tenSessionsPersistingInterleavedTicksConcurrentlyEachHydrateExactlyTheirOwnData() throws Exception {
        int sessions = 10;
        int ticks = 4;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<byte[]>>> results = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                long seed = 100 + s;
                Callable<List<byte[]>> run = () -> {
                    List<byte[]> hashes = new ArrayList<>();
                    try (World world = TestWorlds.creatures(memory.root(), seed, 400 + (int) seed, 0)) {
                        backend().createSession(id, world);
                        CreatureSimulation sim = new CreatureSimulation(world);
                        start.await();
                        for (int t = 0; t < ticks; t++) {
                            backend().persistTick(id, world);
                            hashes.add(ContentHash.of(world));
                            sim.step();
                        }
                    }
                    return hashes;
                };
                results.add(pool.submit(run));
            }
            start.countDown();
            for (int s = 0; s < sessions; s++) {
                List<byte[]> expected = results.get(s).get(2, TimeUnit.MINUTES);
                for (int t = 0; t < ticks; t++) {
                    try (World back = backend().hydrate(ids.get(s), t, memory.root())) {
                        assertArrayEquals(expected.get(t), hash(back), "session " + s + " tick " + t);
                    }
                }
                try (World latest = backend().hydrateLatest(ids.get(s), memory.root())) {
                    assertEquals(ticks - 1, latest.tick());
                }
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
    }

    @Test
    void aSessionIsVisibleToAnotherInstanceOverTheSameStorage() {
        try (World world = TestWorlds.graph(memory.root(), 18, 30, 2, 5)) {
            UUID session = sessionFor(world);
            backend().persistTick(session, world);
            backend().setMetadata(session, "k", "v");
            try (RuntimePersistence other = openAnother(); World back = other.hydrate(session, 5, memory.root())) {
                assertArrayEquals(hash(world), hash(back));
                assertEquals(Optional.of("v"), other.getMetadata(session, "k"));
            }
        }
    }

    @Test
    void everyOperationAfterCloseThrowsAndCloseIsIdempotent() {
        RuntimePersistence other = openAnother();
        other.close();
        other.close();
        UUID session = UUID.randomUUID();
        List<Consumer<RuntimePersistence>> calls = List.of(
                b -> b.createSession(session, List.of(TestWorlds.NODES)),
                b -> b.getMetadata(session, "k"),
                b -> b.hydrateLatest(session, memory.root()),
                b -> b.logTick(session, TickLog.builder(0).build()));
        for (Consumer<RuntimePersistence> call : calls) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> call.accept(other));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }
}
