package io.tickstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.store.RunStore;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshot appears whole or not at all. A write stopped at any {@link WriteStep} (a hook that throws stands
 * for a crash or an interrupt there) publishes nothing for its tick, leaves the earlier snapshots intact, and
 * whatever a crash would leave behind is a hidden directory that readers never list and
 * {@link RunStore#open} removes.
 */
class AtomicPublishTest {
    static final WriteOptions FAST = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE);

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    Path runDir;
    World world;
    List<String> publishedHashes = new ArrayList<>();

    @BeforeEach
    void publishTicksOneAndTwo() throws IOException {
        runDir = temp.resolve("run");
        world = SampleWorlds.creatures(memory.root(), 7, 300, 0);
        CreatureSimulation sim = new CreatureSimulation(world);
        try (RunStore store = RunStore.open(runDir, FAST)) {
            for (int i = 0; i < 2; i++) {
                sim.step();
                store.write(world);
                publishedHashes.add(ContentHash.hex(world));
            }
        }
        sim.step();
    }

    @AfterEach
    void closeWorld() {
        world.close();
    }

    @ParameterizedTest(name = "crash {0}")
    @EnumSource(WriteStep.class)
    void aWriteStoppedAtAnyStepPublishesNothingAndHarmsNothing(WriteStep crashAt) throws IOException {
        Path crashImage = runDir.resolve(SnapshotLayout.temporaryDirName(3, "crashed"));
        List<List<Long>> ticksSeenDuringTheWrite = new ArrayList<>();
        WriteHook crash = (step, temporaryDir) -> {
            if (step == crashAt) {
                try (RunStore reader = RunStore.openReadOnly(runDir)) {
                    ticksSeenDuringTheWrite.add(reader.ticks());
                }
                copyTree(temporaryDir, crashImage);
                throw new IOException("simulated crash " + step);
            }
        };

        IOException e = assertThrows(IOException.class, () -> SnapshotWriter.write(world, runDir, FAST.withHook(crash)));
        assertTrue(e.getMessage().startsWith(runDir.toString()) && e.getMessage().endsWith(": simulated crash " + crashAt),
                "the failure names where the write was: " + e.getMessage());

        assertEquals(List.of(List.of(1L, 2L)), ticksSeenDuringTheWrite, "a reader never sees the partial snapshot");
        assertEquals(List.of(crashImage.getFileName().toString(), SnapshotLayout.snapshotDirName(1), SnapshotLayout.snapshotDirName(2)),
                entries(runDir), "the writer removed its own temporary directory; only the crash image is left");
        for (VerifyReport report : SnapshotVerifier.verifyAll(runDir)) {
            assertTrue(report.ok(), report.summary());
        }

        try (RunStore reopened = RunStore.open(runDir, FAST)) {
            assertEquals(List.of(crashImage.getFileName().toString()), reopened.removedTemporaryDirs());
            assertEquals(List.of(1L, 2L), reopened.ticks());
            try (World latest = reopened.openLatest(memory.root())) {
                assertEquals(publishedHashes.get(1), ContentHash.hex(latest));
            }
            assertFalse(Files.exists(crashImage));
            reopened.write(world);
            assertEquals(List.of(1L, 2L, 3L), reopened.ticks(), "the tick can be written once the crash is cleaned up");
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 3})
    void anInterruptedWriterCleansUpAfterItself(int threads) throws IOException {
        Thread.currentThread().interrupt();
        try {
            assertThrows(IOException.class, () -> SnapshotWriter.write(world, runDir, FAST.withThreads(threads)));
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(SnapshotLayout.snapshotDirName(1), SnapshotLayout.snapshotDirName(2)), entries(runDir));
    }

    @Test
    void aHookThatThrowsAnUncheckedExceptionAlsoLeavesNothing() throws IOException {
        WriteHook bug = (step, dir) -> {
            throw new IllegalStateException("bug at " + step);
        };
        assertThrows(IllegalStateException.class, () -> SnapshotWriter.write(world, runDir, FAST.withHook(bug)));
        assertEquals(2, entries(runDir).size());
    }

    /**
     * {@code FileChannel.write} reports a full disk as a bare {@code IOException("No space left on device")}, with no
     * path. A disk that fills up during a write (a hook throwing exactly that) fails naming where the snapshot was
     * being written, in words, and leaves nothing behind.
     */
    @ParameterizedTest(name = "disk full {0}")
    @EnumSource(WriteStep.class)
    void aDiskThatFillsUpDuringAWriteIsReportedWithThePath(WriteStep fullAt) throws IOException {
        List<Path> writingInto = new ArrayList<>();
        WriteHook full = (step, dir) -> {
            if (step == fullAt) {
                writingInto.add(dir);
                throw new IOException("No space left on device");
            }
        };
        FileSystemException e = assertThrows(FileSystemException.class, () -> SnapshotWriter.write(world, runDir, FAST.withHook(full)));
        assertEquals(writingInto.get(0).toString(), e.getFile());
        assertEquals(writingInto.get(0) + ": no space left on device", e.getMessage());
        assertEquals(List.of(SnapshotLayout.snapshotDirName(1), SnapshotLayout.snapshotDirName(2)), entries(runDir));
    }

    @Test
    void writingATickThatAlreadyHasASnapshotFailsNamingIt() throws IOException {
        world.setTick(2);
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> SnapshotWriter.write(world, runDir, FAST));
        assertTrue(e.getMessage().contains(SnapshotLayout.snapshotDirName(2)), e.getMessage());
        assertTrue(e.getMessage().contains("already has a snapshot at tick 2"), e.getMessage());
        try (World stored = SnapshotReader.read(SnapshotLayout.snapshotDir(runDir, 2), memory.root())) {
            assertEquals(publishedHashes.get(1), ContentHash.hex(stored), "the existing snapshot is untouched");
        }
    }

    @Test
    void replacingASnapshotPublishesTheNewOneAndDeletesTheOld() throws IOException {
        world.setTick(2);
        SnapshotWriter.write(world, runDir, FAST.withReplaceExisting(true));
        try (World stored = SnapshotReader.read(SnapshotLayout.snapshotDir(runDir, 2), memory.root())) {
            assertEquals(ContentHash.hex(world), ContentHash.hex(stored));
        }
        assertEquals(List.of(SnapshotLayout.snapshotDirName(1), SnapshotLayout.snapshotDirName(2)), entries(runDir));
    }

    @Test
    void aReplacementStoppedBeforeTheRenameKeepsTheOldSnapshot() throws IOException {
        world.setTick(2);
        WriteHook crash = (step, dir) -> {
            if (step == WriteStep.BEFORE_RENAME) {
                throw new IOException("simulated crash");
            }
        };
        assertThrows(IOException.class, () -> SnapshotWriter.write(world, runDir, FAST.withReplaceExisting(true).withHook(crash)));
        try (World stored = SnapshotReader.read(SnapshotLayout.snapshotDir(runDir, 2), memory.root())) {
            assertEquals(publishedHashes.get(1), ContentHash.hex(stored));
        }
    }

    @Test
    void theHookSeesEveryStepInOrderBeforeTheSnapshotIsPublished() throws IOException {
        List<WriteStep> seen = new ArrayList<>();
        Path published = SnapshotLayout.snapshotDir(runDir, 3);
        WriteHook record = (step, dir) -> {
            assertFalse(Files.exists(published), "nothing is published before the rename");
            assertTrue(SnapshotLayout.isTemporary(dir.getFileName().toString()));
            seen.add(step);
        };
        SnapshotWriter.write(world, runDir, WriteOptions.defaults().withHook(record));
        assertEquals(List.of(WriteStep.values()), seen);
        assertTrue(Files.exists(SnapshotLayout.manifest(published)));
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()));
            }
        }
    }
}
