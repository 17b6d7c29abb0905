package io.tickstore.archive.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.archive.Archive;
import io.tickstore.archive.ArchiveCheck;
import io.tickstore.archive.ArchivedSession;
import io.tickstore.archive.QueryResult;
import io.tickstore.archive.backup.StoreBackups;
import io.tickstore.backends.Backends;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.recording.StoreStats;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.verify.EventLogVerifier;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden archive and backup, written by archive format version 1 and backup format version 1
 * ({@code data/golden/README.md}), keep verifying, reading and restoring with every later Tickstore.
 */
class GoldenArchiveTest {
    static final Path ROOT = Path.of(System.getenv().getOrDefault("TICKSTORE_REPO_ROOT", "..")).resolve("data/golden");

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    @Test
    void theGoldenArchiveVerifiesAndReads() throws Exception {
        Path archive = ROOT.resolve("archive-v1");
        try (Archive golden = Archive.at(archive)) {
            List<ArchivedSession> sessions = golden.list();
            assertEquals(1, sessions.size());
            assertEquals(GoldenArchiveGenerator.SESSION, sessions.get(0).session());
            assertEquals(Map.of("creatures_v1", 150L, "float_exception", 0L, "metadata", 2L, "session", 1L, "session_table", 1L, "tick", 3L,
                    "tick_event", 0L, "tick_log", 11L, "tick_table", 3L, "trace_log", 20L), sessions.get(0).rows());
            ArchiveCheck check = golden.verify(null, GoldenArchiveGenerator.SESSION);
            assertTrue(check.ok(), check.problems().toString());
            QueryResult q = golden.query("SELECT _tick, count(*), sum(_entity_id) FROM creatures_v1 GROUP BY _tick ORDER BY _tick", 10);
            assertEquals(List.of(0L, 5L, 10L), q.rows().stream().map(r -> ((Number) r.get(0)).longValue()).toList());
            assertEquals(List.of(50L, 50L, 50L), q.rows().stream().map(r -> ((Number) r.get(1)).longValue()).toList());
            QueryResult summaries = golden.query("SELECT count(*) FROM trace_log WHERE system = 'act' AND event = 'acted'", 10);
            assertEquals(10L, ((Number) summaries.rows().get(0).get(0)).longValue());
        }
    }

    @Test
    void theGoldenBackupRestoresVerifiedAndItsJournalHydratesToItsSnapshot() throws Exception {
        Path restored = dir.resolve("store");
        StoreBackups.restore(ROOT.resolve("backup-v1/golden"), restored);
        for (VerifyReport report : SnapshotVerifier.verifyAll(restored)) {
            assertTrue(report.ok(), report.toString());
        }
        assertTrue(EventLogVerifier.firstBad(EventLogVerifier.verifyAll(restored)).isEmpty());
        StoreStats stats = StoreStats.of(restored);
        assertEquals(3, stats.snapshots());
        assertEquals(11, stats.ticks());
        try (RuntimePersistence journal = Backends.openExisting("sqlite:" + restored.resolve("journal.sqlite"));
             World fromJournal = journal.hydrate(GoldenArchiveGenerator.SESSION, 10, memory.root());
             World fromSnapshot = SnapshotReader.read(restored.resolve("creatures/tick-00000000000000000010"), memory.root())) {
            assertEquals(ContentHash.hex(fromSnapshot), ContentHash.hex(fromJournal));
        }
    }
}
