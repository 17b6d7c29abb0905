package io.tickstore.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.examples.creatures.Creatures;
import io.tickstore.snapshot.replay.RunHistory;
import io.tickstore.snapshot.store.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agrona.UnsafeApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The recording lifecycle: create, record by construction, checkpoint, close, resume; and what it refuses. */
class RecordingTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    /** A program's own table: every column type. */
    static final Schema ALL = Schema.builder("things", 1)
            .column("a", ColumnType.I8).column("b", ColumnType.U8).column("c", ColumnType.I16).column("d", ColumnType.U16)
            .column("e", ColumnType.I32).column("f", ColumnType.U32).column("g", ColumnType.I64).column("h", ColumnType.U64)
            .column("i", ColumnType.F32).column("j", ColumnType.F64).column("k", ColumnType.BOOL)
            .build();

    static void populate(World world, SimRandom random) {
        Table t = world.createTable(ALL, 64);
        for (int i = 0; i < 40; i++) {
            t.addRow();
            write(t, t.rowCount() - 1, random);
        }
    }

    static void write(Table t, long row, SimRandom random) {
        t.setByte(0, row, (byte) random.nextLong());
        t.setByte(1, row, (byte) random.nextLong());
        t.setShort(2, row, (short) random.nextLong());
        t.setShort(3, row, (short) random.nextLong());
        t.setInt(4, row, (int) random.nextLong());
        t.setInt(5, row, (int) random.nextLong());
        t.setLong(6, row, random.nextLong());
        t.setLong(7, row, random.nextLong());
        t.setFloat(8, row, Float.intBitsToFloat((int) random.nextLong() & 0x7F7FFFFF));
        t.setDouble(9, row, random.nextDouble() * 1e300);
        t.setBoolean(10, row, random.nextFloat() < 0.5f);
    }

    /** One tick of the program: a few writes, a birth and a death, all through the Table API. */
    static void tick(Recording rec) {
        Table t = rec.world().table("things");
        SimRandom random = rec.random();
        for (int w = 0; w < 5; w++) {
            write(t, random.nextInt((int) t.rowCount()), random);
        }
        t.removeRow(random.nextInt((int) t.rowCount()));
        long born = t.addRow();
        write(t, born, random);
    }

    private RecordingBuilder things(Path runDir) {
        return Recording.at(runDir).checkpointEvery(5).fsync(false).logBufferRecords(256).seed(3);
    }

    @Test
    void aProgramsOwnWorldIsLoggedByConstructionAndEveryTickReplaysExactly() throws IOException {
        Path runDir = dir.resolve("store/things");
        List<String> live = new ArrayList<>();
        try (Recording rec = things(runDir).create(memory.root(), RecordingTest::populate)) {
            live.add(ContentHash.hex(rec.world()));
            for (int t = 1; t <= 23; t++) {
                tick(rec);
                rec.endTick();
                live.add(ContentHash.hex(rec.world()));
            }
            assertEquals(List.of(0L, 5L, 10L, 15L, 20L), rec.stats().snapshots());
        }
        assertEquals(RunStatus.STOPPED, Recording.readSettings(runDir).status(), "no end tick given: stopped, not completed");
        try (RunHistory history = RunHistory.open(runDir)) {
            assertEquals(List.of(0L, 5L, 10L, 15L, 20L, 23L), history.snapshotTicks(), "closing checkpoints the last tick");
            for (int t = 0; t <= 23; t++) {
                try (World world = history.reconstructAt(t, memory.root())) {
                    assertEquals(live.get(t), ContentHash.hex(world), "tick " + t);
                }
            }
        }
    }

    @Test
    void aResumeContinuesExactlyAsTheUninterruptedRun() throws IOException {
        List<String> straight = new ArrayList<>();
        try (Recording rec = things(dir.resolve("straight")).create(memory.root(), RecordingTest::populate)) {
            for (int t = 1; t <= 30; t++) {
                tick(rec);
                rec.endTick();
                straight.add(ContentHash.hex(rec.world()));
            }
        }
        Path runDir = dir.resolve("stopped");
        try (Recording rec = things(runDir).endTick(30).create(memory.root(), RecordingTest::populate)) {
            for (int t = 1; t <= 12; t++) {
                tick(rec);
                rec.endTick();
            }
        }
        try (Recording rec = Recording.at(runDir).resume(memory.root())) {
            ResumeReport report = rec.resumed().orElseThrow();
            assertEquals(RunStatus.STOPPED, report.previousStatus());
            assertEquals(12, report.tick());
            assertEquals(0, report.recordsLost());
            assertEquals(straight.get(11), ContentHash.hex(rec.world()), "the world and its generator at tick 12");
            while (rec.tick() < 30) {
                tick(rec);
                rec.endTick();
                assertEquals(straight.get((int) rec.tick() - 1), ContentHash.hex(rec.world()), "tick " + rec.tick());
            }
        }
        assertEquals(RunStatus.COMPLETED, Recording.readSettings(runDir).status());
    }

    @Test
    void aSecondRecordingOfTheSameRunIsRefusedAndChangesNothing() throws IOException {
        Path runDir = dir.resolve("busy");
        try (Recording rec = things(runDir).create(memory.root(), RecordingTest::populate)) {
            tick(rec);
            rec.endTick();
            byte[] settings = Files.readAllBytes(runDir.resolve("run.json"));
            TickstoreException e = assertThrows(TickstoreException.class, () -> Recording.at(runDir).resume(memory.root()));
            assertEquals(Problem.RUN_LOCKED, e.problem());
            assertTrue(e.getMessage().contains("run 'busy' is being written by this process"), e.getMessage());
            assertArrayEquals(settings, Files.readAllBytes(runDir.resolve("run.json")));
            assertEquals(RunStatus.RUNNING, Recording.readSettings(runDir).status(), "held: running, not crashed");
        }
    }

    @Test
    void aRunThatFailsToStartLeavesNothingOnDisk() {
        Path store = dir.resolve("fresh-store");
        RecordingObserver failing = new RecordingObserver() {
            @Override
            public void started(RecordingStart start) {
                throw new IllegalStateException("the database said no");
            }
        };
        assertThrows(IllegalStateException.class,
                () -> things(store.resolve("r")).observer(failing).create(memory.root(), RecordingTest::populate));
        assertFalse(Files.exists(store), "neither the run nor the store it created is left behind");
        assertThrows(IllegalArgumentException.class, () -> things(store.resolve("r")).create(memory.root(), (world, random) -> {
            throw new IllegalArgumentException("no such county");
        }));
        assertFalse(Files.exists(store));
    }

    @Test
    void creatingAnExistingRunOrResumingAMissingOneIsRefusedWithoutCreatingAnything() throws IOException {
        Path runDir = dir.resolve("s/once");
        try (Recording rec = things(runDir).create(memory.root(), RecordingTest::populate)) {
            rec.endTick();
        }
        TickstoreException exists = assertThrows(TickstoreException.class, () -> things(runDir).create(memory.root(), RecordingTest::populate));
        assertEquals(Problem.RUN_EXISTS, exists.problem());
        TickstoreException missing = assertThrows(TickstoreException.class,
                () -> Recording.at(dir.resolve("nowhere/run")).resume(memory.root()));
        assertEquals(Problem.NO_SUCH_RUN, missing.problem());
        assertTrue(missing.getMessage().contains("there is no store"), missing.getMessage());
        assertFalse(Files.exists(dir.resolve("nowhere")));
        TickstoreException other = assertThrows(TickstoreException.class, () -> Recording.at(dir.resolve("s/other")).resume(memory.root()));
        assertTrue(other.getMessage().contains("(runs: once)"), other.getMessage());
    }

    @Test
    void aWorldTooLargeForThisMachineIsRefusedBeforeAnythingIsCreated() {
        Path store = dir.resolve("big");
        TickstoreException e = assertThrows(TickstoreException.class, () -> Recording.at(store.resolve("r"))
                .simulation(new Creatures(), new SimulationSettings(1, Integer.MAX_VALUE)).create(memory.root()));
        assertEquals(Problem.WONT_FIT, e.problem());
        assertTrue(e.getMessage().matches(".*2147483647 entities need about [0-9.]+ [GT]iB of memory.*at most about \\d+ entities fit"),
                e.getMessage());
        assertFalse(Files.exists(store));
    }

    @Test
    void theReplayCheckNamesAWriteThatBypassedTheRecording() throws IOException {
        try (Recording rec = things(dir.resolve("sneaky")).verifyReplay(true).create(memory.root(), RecordingTest::populate)) {
            for (int t = 1; t <= 4; t++) {
                tick(rec);
                rec.endTick();
            }
            Table t = rec.world().table("things");
            long entity = t.entityId(3);
            // a write through raw memory: the table cannot see it, so the log does not have it
            UnsafeApi.putFloat(t.columnAddress(8) + 3 * 4, 1234.5f);
            TickstoreException e = assertThrows(TickstoreException.class, rec::endTick);
            assertEquals(Problem.UNRECORDED_WRITE, e.problem());
            assertTrue(e.getMessage().contains("at tick 5 the live world and its replay"), e.getMessage());
            assertTrue(e.getMessage().contains("table 'things', column 'i' of entity " + entity + ": 1234.5"), e.getMessage());
        }
    }

    @Test
    void tablesAddedOrBulkLoadedBehindTheRecordingsBackAreRefused() throws IOException {
        try (Recording rec = things(dir.resolve("late")).create(memory.root(), RecordingTest::populate)) {
            IllegalStateException bulk = assertThrows(IllegalStateException.class,
                    () -> rec.world().table("things").adoptLoadedRows(0, 0));
            assertTrue(bulk.getMessage().contains("bypasses its event log"), bulk.getMessage());
            rec.world().createTable(Schema.builder("late", 1).column("x", ColumnType.F32).build(), 4);
            TickstoreException e = assertThrows(TickstoreException.class, rec::endTick);
            assertTrue(e.getMessage().contains("(added: late)"), e.getMessage());
        }
    }

    @Test
    void observersSeeTheLifecycleWithSystemTimingsAndStagedCopies() throws IOException {
        List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        RecordingObserver observer = new RecordingObserver() {
            @Override
            public void started(RecordingStart start) {
                calls.add("started " + start.world().tick() + " resume=" + start.isResume());
            }

            @Override
            public void tickEnded(TickReport tick) {
                assertEquals(List.of("act", "cleanup"), tick.systems().stream().map(TickReport.SystemTiming::name).toList());
                assertTrue(tick.wallNanos() > 0 && tick.mutations() > 0, tick.toString());
                calls.add("tick " + tick.tick());
            }

            @Override
            public void checkpointed(World staged, TickReport tick, boolean snapshot) {
                calls.add("checkpointed " + staged.tick() + (snapshot ? "" : " followed"));
            }

            @Override
            public void ended(RunStatus status) {
                calls.add("ended " + status.label());
            }
        };
        try (Recording rec = Recording.at(dir.resolve("watched")).checkpointEvery(2).fsync(false).endTick(4).observer(observer)
                .simulation(new Creatures(), new SimulationSettings(5, 300)).create(memory.root())) {
            List<SimulationSystem> systems = new CreatureSimulation(rec.world()).systems();
            while (rec.tick() < 4) {
                rec.step(systems);
            }
        }
        assertEquals(List.of("started 0 resume=false", "checkpointed 0", "tick 1", "tick 2", "checkpointed 2", "tick 3", "tick 4",
                "checkpointed 4", "ended completed"), orderByTick(calls));
    }

    @Test
    void anObserversFailureAfterTheLastTickIsWhatClosingThrows() throws Exception {
        IllegalStateException refused = new IllegalStateException("the journal refused tick 5");
        java.util.concurrent.CountDownLatch failing = new java.util.concurrent.CountDownLatch(1);
        RecordingObserver observer = new RecordingObserver() {
            @Override
            public void checkpointed(World staged, TickReport tick, boolean snapshot) {
                if (staged.tick() == 5) {
                    failing.countDown();
                    throw refused;
                }
            }
        };
        Recording rec = things(dir.resolve("refused")).observer(observer).create(memory.root(), RecordingTest::populate);
        for (int i = 0; i < 5; i++) {
            tick(rec);
            rec.endTick();
        }
        failing.await();
        Thread.sleep(50); // the checkpointer keeps the failure; closing meets it twice (the last checkpoint, the wait)
        assertEquals(refused, assertThrows(IllegalStateException.class, rec::close));
    }

    /** Checkpoint callbacks run on another thread: put each right after the tick it follows, as the writer sees them. */
    private static List<String> orderByTick(List<String> calls) {
        List<String> sorted = new ArrayList<>(calls);
        sorted.sort((a, b) -> Long.compare(key(a), key(b)));
        return sorted;
    }

    private static long key(String call) {
        String[] parts = call.split(" ");
        if (call.startsWith("started")) {
            return -1;
        }
        if (call.startsWith("ended")) {
            return Long.MAX_VALUE;
        }
        return Long.parseLong(parts[1]) * 2 + (call.startsWith("checkpointed") ? 1 : 0);
    }

    @Test
    void aRunFileThatSaysRunningWhileNobodyHoldsTheRunMeansItCrashed() throws IOException {
        Path runDir = dir.resolve("killed");
        try (Recording rec = things(runDir).create(memory.root(), RecordingTest::populate)) {
            rec.endTick();
        }
        RunSettings closed = Recording.readSettings(runDir);
        RunSettingsFile.write(runDir, closed.withStatus(RunStatus.RUNNING), false);
        assertEquals(RunStatus.CRASHED, Recording.readSettings(runDir).status());
        try (RunLock held = RunLock.acquire(runDir)) {
            assertEquals(RunStatus.RUNNING, Recording.readSettings(runDir).status());
        }
        try (Recording rec = Recording.at(runDir).resume(memory.root())) {
            assertEquals(RunStatus.CRASHED, rec.resumed().orElseThrow().previousStatus());
        }
    }

    @Test
    void aResumeRefusesSettingsThatContradictTheRunsOwn() throws IOException {
        Path runDir = dir.resolve("settled");
        try (Recording rec = things(runDir).create(memory.root(), RecordingTest::populate)) {
            rec.endTick();
        }
        TickstoreException e = assertThrows(TickstoreException.class,
                () -> Recording.at(runDir).checkpointEvery(7).seed(9).resume(memory.root()));
        assertEquals(Problem.BAD_RUN_SETTINGS, e.problem());
        assertTrue(e.getMessage().contains("a checkpoint every 5 ticks, not 7; seed 3, not 9"), e.getMessage());
        assertEquals(Map.of(), Recording.readSettings(runDir).attributes());
    }
}
