package io.tickstore.snapshot.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tick with a snapshot of its own is that snapshot: it is rebuilt even when the log holds no complete chunk, as a
 * run killed after its tick-0 snapshot but before its first chunk was written leaves it.
 */
class ReconstructWithoutTheLogTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    @Test
    void aSnapshotsOwnTickIsRebuiltFromALogWithOnlyATornChunkOrNoSegmentAtAll() throws IOException {
        Path runDir = dir.resolve("run");
        List<String> live = RecordedRun.record(runDir, memory.root(), 5, 300, 30, 10);
        List<Path> segments = segments(runDir);
        for (Path later : segments.subList(1, segments.size())) {
            Files.delete(later);
        }
        try (FileChannel channel = FileChannel.open(segments.get(0), StandardOpenOption.WRITE)) {
            channel.truncate(50);
        }
        try (RunHistory history = RunHistory.open(runDir)) {
            assertEquals(-1, history.lastCompleteTick());
            assertTrue(history.log().tornTail().isPresent());
            try (RunHistory.Reconstruction rebuilt = history.reconstruct(0, memory.root())) {
                assertEquals(live.get(0), ContentHash.hex(rebuilt.world()));
                assertEquals(0, rebuilt.snapshotTick());
                assertEquals(0, rebuilt.replay().recordsRead());
            }
            try (World world = history.reconstructAt(10, memory.root())) {
                assertEquals(live.get(10), ContentHash.hex(world));
            }
            ReplayException e = assertThrows(ReplayException.class, () -> history.reconstructAt(5, memory.root()));
            assertEquals(TickstoreException.Problem.TICK_AFTER_LOG, e.problem());
            assertTrue(e.getMessage().contains("tick 5 is after the log's last complete tick -1 (the log holds no complete tick), "
                    + "and there is no snapshot of tick 5"), e.getMessage());
        }
        Files.delete(segments.get(0));
        try (RunHistory history = RunHistory.open(runDir); World world = history.reconstructAt(0, memory.root())) {
            assertEquals(live.get(0), ContentHash.hex(world));
        }
    }

    private static List<Path> segments(Path runDir) throws IOException {
        try (Stream<Path> files = Files.list(EventLogLayout.logDir(runDir))) {
            return files.filter(f -> f.getFileName().toString().endsWith(EventLogLayout.SEGMENT_SUFFIX)).sorted().toList();
        }
    }
}
