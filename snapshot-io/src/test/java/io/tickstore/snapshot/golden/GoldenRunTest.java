package io.tickstore.snapshot.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.replay.RunHistory;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run in {@code data/golden/run-v1} (snapshots and event log, format version 1 of each) is kept forever:
 * every future reader must rebuild its ticks to the same content hashes. If this test fails, the event log or
 * snapshot format changed in a way that breaks existing runs; fix the reader, never the golden files
 * (see data/golden/README.md).
 */
class GoldenRunTest {
    /** World content hashes of the golden run at some ticks; also recorded in data/golden/README.md. */
    static final Map<Long, String> GOLDEN_HASHES = Map.of(
            150L, "35790a33d0863d3c27e7980f3e1e19252193525c26862ba46b7856f58423b7ab",
            350L, "997f3225738dfe82c2318331e313ea0c455d6b9bfbd341cbd8db50ef6d6f9f97",
            400L, "cda58a555fcaa81987ecd20140966fef35d97d88ffa8296dd37aaa11c1412c24");
    static final long RECORDS = 7_860;

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    static Path golden() {
        return RepoRoot.locate().resolve(GoldenRunGenerator.GOLDEN_DIR);
    }

    @Test
    void everyRecordedTickIsRebuiltToItsHash() throws IOException {
        try (RunHistory history = RunHistory.open(golden())) {
            assertEquals(List.of(0L, 100L, 200L, 300L, 400L), history.snapshotTicks());
            assertEquals(400, history.lastCompleteTick());
            for (Map.Entry<Long, String> golden : GOLDEN_HASHES.entrySet()) {
                try (World world = history.reconstructAt(golden.getKey(), memory.root())) {
                    assertEquals(golden.getValue(), ContentHash.hex(world), "tick " + golden.getKey());
                }
            }
        }
    }

    @Test
    void theLogHasEveryRecordNoTornTailAndTheCodebookOfTheRecordedRun() throws IOException {
        try (EventLogReader log = EventLogReader.open(EventLogLayout.logDir(golden()))) {
            assertEquals(RECORDS, log.recordCount());
            assertEquals(8, log.chunks().size());
            assertTrue(log.tornTail().isEmpty());
            assertEquals(0, log.recordsLost());
            assertEquals(GoldenRunGenerator.RUN_ID, log.runId());
            assertEquals(List.of("$tick_end", "$rng", "creatures.$born", "creatures.$died", "creatures.pos_x", "creatures.pos_y",
                    "creatures.vel_x", "creatures.vel_y", "creatures.energy", "creatures.birth_t", "creatures.id", "creatures.gen"),
                    log.codebook().keyNames());
        }
    }

    @Test
    void everyGoldenSnapshotVerifies() throws IOException {
        for (VerifyReport report : SnapshotVerifier.verifyAll(golden())) {
            assertTrue(report.ok(), report.summary());
        }
    }

    @Test
    void theRecordedHashesAreTheOnesTheReadmeDocuments() throws IOException {
        String readme = Files.readString(RepoRoot.locate().resolve("data/golden/README.md"));
        GOLDEN_HASHES.values().forEach(hash -> assertTrue(readme.contains(hash), "data/golden/README.md records " + hash));
    }

    @Test
    void theGeneratorStillWritesExactlyTheGoldenFiles() throws IOException {
        Path fresh = temp.resolve("run");
        List<String> hashes = GoldenRunGenerator.writeRun(fresh, memory.root());
        GOLDEN_HASHES.forEach((tick, hash) -> assertEquals(hash, hashes.get(tick.intValue()), "live tick " + tick));
        List<Path> files = files(golden());
        assertEquals(files.stream().map(p -> golden().relativize(p)).toList(),
                files(fresh).stream().map(p -> fresh.relativize(p)).toList());
        for (Path file : files) {
            Path relative = golden().relativize(file);
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(fresh.resolve(relative)), relative.toString());
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
