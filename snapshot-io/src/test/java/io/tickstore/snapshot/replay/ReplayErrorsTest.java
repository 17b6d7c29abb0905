package io.tickstore.snapshot.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.internal.Directories;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.eventlog.EventLogWriter;
import io.tickstore.snapshot.eventlog.ValueKind;
import io.tickstore.recording.TableLogging;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that cannot be replayed is refused with an error naming what and where, and nothing on disk changes:
 * a log of another run, a codebook that does not match the world, a record for an entity that does not exist at
 * its tick, a snapshot newer than the tick asked for, a tick the log does not reach.
 */
class ReplayErrorsTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    @Test
    void aLogOfAnotherRunIsRefusedBeforeAnythingIsApplied() throws IOException {
        Path ours = dir.resolve("ours");
        Path theirs = dir.resolve("theirs");
        RecordedRun.record(ours, memory.root(), 1, 300, 30, 10);
        RecordedRun.record(theirs, memory.root(), 2, 300, 30, 10);
        try (RunStore run = RunStore.openReadOnly(ours); World world = run.openAt(10, memory.root());
             EventLogReader foreign = EventLogReader.open(EventLogLayout.logDir(theirs))) {
            ReplayException e = assertThrows(ReplayException.class, () -> LogReplayer.replay(world, foreign, 20));
            assertEquals(Problem.WORLD_MISMATCH, e.problem());
            assertTrue(e.getMessage().contains("at the end of tick 10") && e.getMessage().contains("belongs to another run"),
                    e.getMessage());
            assertEquals(10, world.tick(), "nothing was applied");
        }
    }

    @Test
    void aSnapshotNewerThanTheRequestedTickIsRefused() throws IOException {
        Path runDir = dir.resolve("run");
        RecordedRun.record(runDir, memory.root(), 3, 300, 30, 10);
        try (RunStore run = RunStore.openReadOnly(runDir); World world = run.openAt(20, memory.root());
             EventLogReader log = EventLogReader.open(EventLogLayout.logDir(runDir))) {
            ReplayException e = assertThrows(ReplayException.class, () -> LogReplayer.replay(world, log, 15));
            assertEquals(Problem.NO_SNAPSHOT, e.problem());
            assertTrue(e.getMessage().contains("the world is at tick 20, after the requested tick 15"), e.getMessage());
        }
        Directories.deleteRecursively(SnapshotLayout.snapshotDir(runDir, 0));
        try (RunHistory history = RunHistory.open(runDir)) {
            ReplayException e = assertThrows(ReplayException.class, () -> history.reconstructAt(5, memory.root()));
            assertEquals(Problem.NO_SNAPSHOT, e.problem());
            assertEquals(runDir, e.file());
            assertTrue(e.getMessage().contains("no snapshot at or before tick 5: the oldest is tick-00000000000000000010"),
                    e.getMessage());
        }
    }

    @Test
    void aTickAfterTheLogsLastCompleteTickIsRefused() throws IOException {
        Path runDir = dir.resolve("run");
        RecordedRun.record(runDir, memory.root(), 4, 300, 30, 10);
        try (RunHistory history = RunHistory.open(runDir)) {
            ReplayException e = assertThrows(ReplayException.class, () -> history.reconstructAt(31, memory.root()));
            assertEquals(Problem.TICK_AFTER_LOG, e.problem());
            assertTrue(e.getMessage().contains("tick 31 is after the log's last complete tick 30"), e.getMessage());
        }
    }

    /** A hand-written log: tick 0's end with the world's generator state, then one record of tick 1. */
    private Path runWithOneRecord(String key, ValueKind kind, long entity, long valueBits) throws IOException {
        Path runDir = dir.resolve("hand");
        try (World world = CreatureSimulation.newWorld(memory.root(), 9, 50);
             EventLogWriter log = EventLogWriter.create(EventLogLayout.logDir(runDir), memory.root(), RecordedRun.logOptions())) {
            SnapshotWriter.write(world, runDir, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE));
            try (TableLogging logging = TableLogging.tickEndsOnly(log, world)) {
                logging.tickEnded(world);
                log.appendBits(1, entity, log.key(key, kind), valueBits);
                world.setTick(1);
                logging.tickEnded(world);
            }
        }
        return runDir;
    }

    @Test
    void aRecordForAnEntityThatDoesNotExistAtItsTickIsRefusedNamingChunkRecordAndTick() throws IOException {
        Path runDir = runWithOneRecord("creatures.energy", ValueKind.F64, 999_999, Double.doubleToRawLongBits(1.5));
        Map<String, byte[]> before = contents(runDir);
        try (RunHistory history = RunHistory.open(runDir)) {
            ReplayException e = assertThrows(ReplayException.class, () -> history.reconstructAt(1, memory.root()));
            assertEquals(Problem.INCONSISTENT_RECORD, e.problem());
            assertTrue(e.getMessage().contains("chunk 0 record 5 (tick 1): 'creatures.energy' is written for entity 999999,"
                    + " which does not exist in table 'creatures' at that tick"), e.getMessage());
            assertTrue(e.getMessage().startsWith(EventLogLayout.logDir(runDir).toString()), e.getMessage());
        }
        assertContentsEqual(before, contents(runDir));
    }

    @Test
    void aDeathOfAnEntityThatDoesNotExistIsRefused() throws IOException {
        Path runDir = runWithOneRecord("creatures.$died", ValueKind.NONE, 12_345, 0);
        try (RunHistory history = RunHistory.open(runDir)) {
            ReplayException e = assertThrows(ReplayException.class, () -> history.reconstructAt(1, memory.root()));
            assertEquals(Problem.INCONSISTENT_RECORD, e.problem());
            assertTrue(e.getMessage().contains("entity 12345 dies, but it does not exist in table 'creatures'"), e.getMessage());
        }
    }

    @Test
    void aCodebookWhoseKindsDoNotMatchTheWorldsSchemaIsRefused() throws IOException {
        Path runDir = runWithOneRecord("creatures.energy", ValueKind.I64, 0, 7);
        try (RunHistory history = RunHistory.open(runDir)) {
            ReplayException e = assertThrows(ReplayException.class, () -> history.reconstructAt(1, memory.root()));
            assertEquals(Problem.WORLD_MISMATCH, e.problem());
            assertTrue(e.getMessage().contains("key 'creatures.energy' has kind i64, but column 'energy' of table 'creatures' is f32"),
                    e.getMessage());
            assertTrue(e.getMessage().startsWith(EventLogLayout.codebook(EventLogLayout.logDir(runDir)).toString()), e.getMessage());
        }
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(root.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private static void assertContentsEqual(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " changed"));
    }
}
