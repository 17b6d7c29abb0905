package io.tickstore.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.store.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run opened read-only from the recording's entry point: everything a reader needs, nothing on disk created or
 * changed, and a live recording of the run neither refuses it nor loses its writer lock to it.
 */
class RecordedRunTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    private RecordingBuilder things(Path runDir) {
        return Recording.at(runDir).checkpointEvery(5).fsync(false).logBufferRecords(256).seed(3);
    }

    @Test
    void aFinishedRunReadsEverythingAndNoFileIsCreatedOrChanged() throws IOException {
        Path runDir = dir.resolve("store/things");
        List<String> live = new ArrayList<>();
        try (Recording rec = things(runDir).create(memory.root(), RecordingTest::populate)) {
            live.add(ContentHash.hex(rec.world()));
            for (int t = 1; t <= 12; t++) {
                RecordingTest.tick(rec);
                rec.endTick();
                live.add(ContentHash.hex(rec.world()));
            }
        }
        Map<String, String> before = listing(runDir);
        RecordedRun run = Recording.at(runDir).openReadOnly();
        try (run) {
            assertEquals(runDir, run.runDir());
            assertEquals(3, run.settings().seed());
            assertEquals(5, run.settings().checkpointEvery());
            assertEquals(RunStatus.STOPPED, run.settings().status());
            assertEquals(RunStatus.STOPPED, run.status());
            assertEquals(List.of(0L, 5L, 10L, 12L), run.snapshotTicks());
            assertEquals(12, run.lastCompleteTick());
            for (int t = 0; t <= 12; t++) {
                try (World world = run.reconstructAt(t, memory.root())) {
                    assertEquals(live.get(t), ContentHash.hex(world), "tick " + t);
                }
            }
            try (var rebuilt = run.reconstruct(8, memory.root())) {
                assertEquals(5, rebuilt.snapshotTick());
            }
            long[] ticksSeen = {0};
            run.log().forTicks(3, 4, e -> ticksSeen[0]++);
            assertTrue(ticksSeen[0] > 0, "the log answers queries");
            assertEquals(List.of(0L, 5L, 10L, 12L), run.history().snapshotTicks());
        }
        run.close(); // idempotent
        assertEquals(before, listing(runDir), "reading created, removed or touched no file");
    }

    @Test
    void aLiveRecordingDoesNotRefuseReadersAndKeepsItsWriterLock() throws IOException {
        Path runDir = dir.resolve("store/live");
        List<String> live = new ArrayList<>();
        try (Recording rec = things(runDir).create(memory.root(), RecordingTest::populate)) {
            live.add(ContentHash.hex(rec.world()));
            for (int t = 1; t <= 7; t++) {
                RecordingTest.tick(rec);
                rec.endTick();
                live.add(ContentHash.hex(rec.world()));
            }
            rec.flush();
            Path lockFile = runDir.resolve(RunLock.FILE);
            assertTrue(heldByThisProcess(lockFile), "the recording holds its lock before anyone reads");
            try (RecordedRun run = Recording.at(runDir).openReadOnly()) {
                assertEquals(RunStatus.RUNNING, run.settings().status());
                assertEquals(RunStatus.RUNNING, run.status(), "held: running, not crashed");
                assertEquals(7, run.lastCompleteTick(), "flushed: the log holds every ended tick");
                try (World world = run.reconstructAt(7, memory.root())) {
                    assertEquals(live.get(7), ContentHash.hex(world));
                }
            }
            // closing a descriptor of the lock file inside the writer's JVM would release its POSIX lock: reading
            // the status must not have done so
            assertTrue(heldByThisProcess(lockFile), "the recording still holds its lock after the reader closed");
            TickstoreException second = assertThrows(TickstoreException.class, () -> Recording.at(runDir).resume(memory.root()));
            assertEquals(Problem.RUN_LOCKED, second.problem());
            for (int t = 8; t <= 10; t++) {
                RecordingTest.tick(rec);
                rec.endTick();
                live.add(ContentHash.hex(rec.world()));
            }
        }
        try (RecordedRun run = Recording.at(runDir).openReadOnly()) {
            assertEquals(RunStatus.STOPPED, run.status());
            assertEquals(10, run.lastCompleteTick());
            try (World world = run.reconstructAt(10, memory.root())) {
                assertEquals(live.get(10), ContentHash.hex(world), "the recording went on undisturbed");
            }
        }
    }

    @Test
    void aMissingRunIsRefusedNamingItAndNothingIsCreated() {
        Path runDir = dir.resolve("nowhere/run");
        TickstoreException e = assertThrows(TickstoreException.class, () -> Recording.at(runDir).openReadOnly());
        assertEquals(Problem.NO_SUCH_RUN, e.problem());
        assertTrue(e.getMessage().startsWith(runDir + ": no such run to open"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }

    @Test
    void aDirectoryWithoutRunSettingsIsRefusedAsNoRun() throws IOException {
        Path runDir = Files.createDirectories(dir.resolve("store/empty"));
        TickstoreException e = assertThrows(TickstoreException.class, () -> Recording.at(runDir).openReadOnly());
        assertEquals(Problem.BAD_RUN_SETTINGS, e.problem());
        assertTrue(e.getMessage().contains("run.json: missing"), e.getMessage());
        try (Stream<Path> left = Files.list(runDir)) {
            assertEquals(0, left.count(), "nothing created in it");
        }
    }

    /** Every file and directory under {@code root} with its size and modification time. */
    private static Map<String, String> listing(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                entries.put(root.relativize(p).toString(), (a.isDirectory() ? "dir " : a.size() + " bytes ") + a.lastModifiedTime().toMillis());
            }
        }
        return entries;
    }

    /** Whether the kernel lists a POSIX lock of this process on the file ({@code /proc/locks}; true where there is none). */
    private static boolean heldByThisProcess(Path file) throws IOException {
        Path locks = Path.of("/proc/locks");
        if (!Files.isReadable(locks)) {
            return true;
        }
        long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        String pid = " " + ProcessHandle.current().pid() + " ";
        for (String line : Files.readAllLines(locks)) {
            if (line.contains("POSIX") && line.contains(pid) && line.contains(":" + inode + " ")) {
                return true;
            }
        }
        return false;
    }
}
