package io.tickstore.snapshot.eventlog;

import static io.tickstore.snapshot.eventlog.LogFixtures.all;
import static io.tickstore.snapshot.eventlog.LogFixtures.appendNumbered;
import static io.tickstore.snapshot.eventlog.LogFixtures.numbered;
import static io.tickstore.snapshot.eventlog.LogFixtures.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.eventlog.LogFixtures.Rec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a log while its run is still writing it ({@code ./tickstore log} on a live run): the writer may publish a
 * larger codebook and a chunk that needs it between the reader's codebook read and its scan.
 */
class LiveLogReaderTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    @Test
    void aCodebookThatGrewDuringTheScanIsReadAgainAndTheScanRepeated() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(100))) {
            int energy = log.key("energy", ValueKind.F64);
            appendNumbered(log, energy, 0, 100);
            log.flush();
            Codebook before = Codebook.read(EventLogLayout.codebook(logDir));
            int age = log.key("age", ValueKind.F64);
            appendNumbered(log, age, 100, 200);
            log.flush();

            AtomicInteger reads = new AtomicInteger();
            // the reader's first read of the codebook happened before the writer added "age"
            try (EventLogReader reader = EventLogReader.open(logDir,
                    () -> reads.getAndIncrement() == 0 ? before : Codebook.read(EventLogLayout.codebook(logDir)))) {
                List<Rec> expected = new ArrayList<>(numbered(energy, 0, 100));
                expected.addAll(numbered(age, 100, 200));
                assertEquals(expected, all(reader));
                assertEquals(2, reader.codebook().entries());
            }
            assertEquals(2, reads.get(), "one read more, after the scan met the chunk that needs the new key");
        }
    }

    @Test
    void aCodebookThatDoesNotGrowIsStillAnInconsistentLog() throws IOException {
        Path logDir = dir.resolve("events");
        Codebook before;
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(100))) {
            appendNumbered(log, log.key("energy", ValueKind.F64), 0, 100);
            log.flush();
            before = Codebook.read(EventLogLayout.codebook(logDir));
            appendNumbered(log, log.key("age", ValueKind.F64), 100, 200);
        }
        EventLogException e = assertThrows(EventLogException.class, () -> EventLogReader.open(logDir, () -> before));
        assertEquals(TickstoreException.Problem.CODEBOOK_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains("codebook"), e.getMessage());
    }
}
