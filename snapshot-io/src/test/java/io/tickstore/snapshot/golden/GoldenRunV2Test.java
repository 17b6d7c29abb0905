package io.tickstore.snapshot.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.eventlog.Codebook;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.replay.RunHistory;
import io.tickstore.snapshot.verify.EventLogVerifier;
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
 * The run in {@code data/golden/run-v2} (snapshots of format version 2, an event log of format version 2: chunks with
 * value areas, a codebook with bytes keys) is kept forever: every future reader must rebuild its ticks to the same
 * content hashes. If this test fails, fix the reader, never the golden files (see data/golden/README.md).
 */
class GoldenRunV2Test {
    /** World content hashes of the golden run at ticks between its snapshots, and at the end; also in data/golden/README.md. */
    static final Map<Long, String> GOLDEN_HASHES = Map.of(
            15L, "0941945334f6f2cef6614422370ed477cfd204ad73d14356b59691db0e9218b3",
            35L, "38e13d0e83f2b48132001e7529b825c81216e5b895afec03884682a73440bea4",
            55L, "9e4a0cd073af9f2a8f80568e7f3b22eab81a8fdd8a9cb67285947e60ab4b0898",
            60L, "4eb610900bfc80efddefd81777c7da01cec39636b5a932e85a7aef83c2f21511");
    static final long RECORDS = 1_096;

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    static Path golden() {
        return RepoRoot.locate().resolve(GoldenRunV2Generator.GOLDEN_DIR);
    }

    @Test
    void everyRecordedTickIsRebuiltToItsHash() throws IOException {
        try (RunHistory history = RunHistory.open(golden())) {
            assertEquals(List.of(0L, 20L, 40L, 60L), history.snapshotTicks());
            assertEquals(60, history.lastCompleteTick());
            for (Map.Entry<Long, String> golden : GOLDEN_HASHES.entrySet()) {
                try (World world = history.reconstructAt(golden.getKey(), memory.root())) {
                    assertEquals(golden.getValue(), ContentHash.hex(world), "tick " + golden.getKey());
                }
            }
        }
    }

    @Test
    void theLogIsOfFormatVersion2WithEveryRecordAndNoTornTail() throws IOException {
        try (EventLogReader log = EventLogReader.open(EventLogLayout.logDir(golden()))) {
            assertEquals(RECORDS, log.recordCount());
            assertTrue(log.tornTail().isEmpty());
            assertEquals(0, log.recordsLost());
            assertTrue(log.chunks().stream().allMatch(c -> c.header().version() == 2));
            assertTrue(log.codebook().keyNames().containsAll(List.of("hexes.county.$dict", "hexes.tensor", "hexes.tensor.$element",
                    "hexes.attributes", "hexes.org_ids")));
        }
        assertTrue(Files.readString(EventLogLayout.codebook(EventLogLayout.logDir(golden()))).contains("\"formatVersion\" : " + Codebook.FORMAT_VERSION));
        assertTrue(EventLogVerifier.verify(EventLogLayout.logDir(golden())).ok());
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
        List<String> hashes = GoldenRunV2Generator.writeRun(fresh, memory.root());
        GOLDEN_HASHES.forEach((tick, hash) -> assertEquals(hash, hashes.get(tick.intValue()), "live tick " + tick));
        List<Path> files = files(golden());
        assertEquals(files.stream().map(p -> golden().relativize(p)).toList(), files(fresh).stream().map(p -> fresh.relativize(p)).toList());
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
