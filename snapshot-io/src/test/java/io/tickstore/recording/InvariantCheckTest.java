package io.tickstore.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.replay.RunHistory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant checks registered on the builder: run at each tick end (or every N ticks), reported to observers with
 * the live world, and a failing one stops the tick, naming itself, the tick and its message, and leaves the run
 * resumable at the tick before, exactly as an uninterrupted run.
 */
class InvariantCheckTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    private RecordingBuilder things(Path runDir) {
        return Recording.at(runDir).checkpointEvery(5).fsync(false).logBufferRecords(256).seed(3);
    }

    private static long rows(World world) {
        return world.table("things").rowCount();
    }

    @Test
    void checksRunAtTickEndsAndObserversSeeWhichRanAndTheLiveWorld() throws IOException {
        List<TickReport> reports = new ArrayList<>();
        List<Long> worldTicks = new ArrayList<>();
        List<Long> checkedTicks = new ArrayList<>();
        RecordingObserver observer = new RecordingObserver() {
            @Override
            public void tickEnded(World world, TickReport tick) {
                worldTicks.add(world.tick());
                assertEquals(tick.rows(), world.totalRows(), "the world at the end of the reported tick");
                reports.add(tick);
            }
        };
        try (Recording rec = things(dir.resolve("checked")).observer(observer)
                .invariant("rows stay forty", world -> rows(world) == 40 ? null : rows(world) + " rows")
                .invariant("every third tick", 3, world -> {
                    checkedTicks.add(world.tick());
                    return null;
                })
                .create(memory.root(), RecordingTest::populate)) {
            for (int t = 1; t <= 7; t++) {
                RecordingTest.tick(rec);
                rec.endTick();
            }
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), worldTicks);
        assertEquals(List.of(3L, 6L), checkedTicks, "a check every 3 ticks sees the tick that is ending");
        for (TickReport r : reports) {
            List<String> expected = r.tick() % 3 == 0 ? List.of("rows stay forty", "every third tick") : List.of("rows stay forty");
            assertEquals(expected, r.invariantsChecked(), "tick " + r.tick());
        }
    }

    @Test
    void aFailingCheckStopsTheTickNamingItAndTheRunResumesFromTheTickBefore() throws IOException {
        List<String> straight = new ArrayList<>();
        try (Recording rec = things(dir.resolve("straight")).create(memory.root(), RecordingTest::populate)) {
            straight.add(ContentHash.hex(rec.world()));
            for (int t = 1; t <= 12; t++) {
                RecordingTest.tick(rec);
                rec.endTick();
                straight.add(ContentHash.hex(rec.world()));
            }
        }
        Path runDir = dir.resolve("store/violated");
        List<Long> observed = new ArrayList<>();
        RecordingObserver observer = new RecordingObserver() {
            @Override
            public void tickEnded(TickReport tick) {
                observed.add(tick.tick());
            }
        };
        Recording rec = things(runDir).observer(observer)
                .invariant("stops before tick 8", world -> world.tick() < 8 ? null : "tick " + world.tick() + " is too late")
                .create(memory.root(), RecordingTest::populate);
        try (rec) {
            for (int t = 1; t <= 7; t++) {
                RecordingTest.tick(rec);
                rec.endTick();
            }
            RecordingTest.tick(rec);
            TickstoreException e = assertThrows(TickstoreException.class, rec::endTick);
            assertEquals(Problem.INVARIANT_VIOLATED, e.problem());
            assertEquals(runDir + ": invariant 'stops before tick 8' failed at tick 8: tick 8 is too late; tick 8 was not"
                    + " recorded, the run resumes from tick 7", e.getMessage());
            assertEquals(7, rec.tick(), "the world stays at its last complete tick");
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), observed, "observers never heard of tick 8");
        }
        assertEquals(RunStatus.FAILED, Recording.readSettings(runDir).status());
        try (RunHistory history = RunHistory.open(runDir)) {
            assertEquals(7, history.lastCompleteTick(), "the log holds tick 7 completely, and not tick 8");
        }
        try (Recording resumed = Recording.at(runDir).resume(memory.root())) {
            assertEquals(RunStatus.FAILED, resumed.resumed().orElseThrow().previousStatus());
            assertEquals(7, resumed.tick());
            assertEquals(straight.get(7), ContentHash.hex(resumed.world()), "the world and its generator at tick 7");
            while (resumed.tick() < 12) {
                RecordingTest.tick(resumed);
                resumed.endTick();
                assertEquals(straight.get((int) resumed.tick()), ContentHash.hex(resumed.world()), "tick " + resumed.tick());
            }
        }
    }

    @Test
    void aCheckThatThrowsIsAViolationWithItsMessageAndCause() throws IOException {
        IllegalStateException thrown = new IllegalStateException("table 'things' has a hole at row 3");
        try (Recording rec = things(dir.resolve("throws"))
                .invariant("no holes", world -> {
                    throw thrown;
                })
                .create(memory.root(), RecordingTest::populate)) {
            RecordingTest.tick(rec);
            TickstoreException e = assertThrows(TickstoreException.class, rec::endTick);
            assertEquals(Problem.INVARIANT_VIOLATED, e.problem());
            assertTrue(e.getMessage().contains("invariant 'no holes' failed at tick 1: table 'things' has a hole at row 3"),
                    e.getMessage());
            assertSame(thrown, e.getCause());
        }
    }

    @Test
    void theBuilderRefusesUnnamedDuplicateAndNeverRunChecks() {
        RecordingBuilder builder = Recording.at(dir.resolve("r")).invariant("positive", world -> null);
        assertThrows(IllegalArgumentException.class, () -> builder.invariant("positive", world -> null));
        assertThrows(IllegalArgumentException.class, () -> builder.invariant(" ", world -> null));
        IllegalArgumentException never = assertThrows(IllegalArgumentException.class, () -> builder.invariant("costly", 0, world -> null));
        assertTrue(never.getMessage().contains("invariant 'costly' every 0 ticks"), never.getMessage());
    }

    /**
     * Without checks a tick end's invariant step makes no object, and with checks that are all due and hold it makes
     * none either (the list of their names is made once). Counted with the JVM's per-thread allocation counter.
     */
    @Test
    void runningNoChecksOrAllDueChecksAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        InvariantChecks some = new InvariantChecks(List.of(new InvariantChecks.Registered("a", 1, world -> null),
                new InvariantChecks.Registered("b", 1, world -> world.tick() >= 0 ? null : "negative")));
        Path runDir = dir.resolve("r");
        try (World world = new World(memory.root())) {
            for (InvariantChecks checks : List.of(InvariantChecks.NONE, some)) {
                run(checks, world, runDir, 100_000); // warm up
                long before = threads.getThreadAllocatedBytes(me);
                run(checks, world, runDir, 1_000_000);
                long allocated = threads.getThreadAllocatedBytes(me) - before;
                assertTrue(allocated < 1024, allocated + " bytes allocated by a million tick ends' checks");
            }
        }
    }

    private static void run(InvariantChecks checks, World world, Path runDir, int ticks) {
        for (int t = 0; t < ticks; t++) {
            world.setTick(t);
            if (checks.runAt(world, runDir).size() > 2) {
                throw new AssertionError();
            }
        }
    }
}
