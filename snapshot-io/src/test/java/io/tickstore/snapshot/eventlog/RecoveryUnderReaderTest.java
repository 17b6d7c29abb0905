package io.tickstore.snapshot.eventlog;

import static io.tickstore.snapshot.eventlog.LogFixtures.all;
import static io.tickstore.snapshot.eventlog.LogFixtures.appendNumbered;
import static io.tickstore.snapshot.eventlog.LogFixtures.lastSegment;
import static io.tickstore.snapshot.eventlog.LogFixtures.numbered;
import static io.tickstore.snapshot.eventlog.LogFixtures.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader and a recovery at the same time ({@code ./tickstore log} on a run while {@code run --resume} reopens
 * it): the recovery never shortens a file the reader has mapped, so the reader reads what it mapped to the end and
 * never faults; a reader that lists a segment the recovery then removes scans again.
 */
class RecoveryUnderReaderTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    /** 500 records in chunks of 16: about 17 KB, so a cut near the start leaves whole pages of the mapping behind it. */
    private Path fiveHundred(EventLogOptions options) throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), options)) {
            appendNumbered(log, log.key("k", ValueKind.F64), 0, 500);
        }
        return logDir;
    }

    @Test
    void aReaderKeepsReadingWhatItMappedWhileARecoveryCutsTheSegment() throws IOException {
        Path logDir = fiveHundred(small(16));
        Object before = fileKey(lastSegment(logDir));
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            // a resume through tick 2 cuts the segment after record 29, then appends again
            try (EventLogWriter log = EventLogWriter.openForAppend(logDir, memory.root(), small(16), 2)) {
                assertEquals(30, log.recovery().recordsKept());
                appendNumbered(log, 0, 30, 40);
            }
            assertEquals(numbered(0, 0, 500), all(reader), "every record, read through the mapping made before the cut");
        }
        assertNotEquals(before, fileKey(lastSegment(logDir)), "the cut segment is a new file under the old name");
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertEquals(numbered(0, 0, 40), all(reader));
        }
        assertNoTemporaryFiles(logDir);
    }

    @Test
    void aReaderKeepsTheTornTailItMappedWhileARecoveryDropsIt() throws IOException {
        Path logDir = fiveHundred(small(16));
        try (FileChannel channel = FileChannel.open(lastSegment(logDir), StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 5);
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            try (EventLogWriter log = EventLogWriter.openForAppend(logDir, memory.root(), small(16))) {
                assertTrue(log.recovery().tornTail().isPresent());
            }
            assertEquals(numbered(0, 0, 496), all(reader));
            assertTrue(reader.tornTail().isPresent());
        }
    }

    @Test
    void aCutACrashInterruptedLeavesATemporaryFileReadersIgnoreAndTheNextRecoveryRemoves() throws IOException {
        Path logDir = fiveHundred(small(16));
        Path leftover = logDir.resolve("." + lastSegment(logDir).getFileName() + ".tmp-0badc0de");
        Files.write(leftover, new byte[1000]);
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertEquals(numbered(0, 0, 500), all(reader));
        }
        assertTrue(Files.exists(leftover), "a reader changes nothing");
        try (EventLogWriter log = EventLogWriter.openForAppend(logDir, memory.root(), small(16), 10)) {
            assertEquals(110, log.recovery().recordsKept());
        }
        assertNoTemporaryFiles(logDir);
    }

    @Test
    void aSegmentListedButRemovedByARecoveryBeforeItIsMappedMakesTheScanStartAgain() throws IOException {
        Path logDir = fiveHundred(small(16).withSegmentBytes(4096));
        assertTrue(SegmentScan.segmentFiles(logDir).size() >= 3);
        AtomicInteger listings = new AtomicInteger();
        SegmentScan.SegmentLister racing = d -> {
            List<Path> listed = SegmentScan.segmentFiles(d);
            if (listings.getAndIncrement() == 0) {
                // between the listing and the mapping, a resume through tick 2 cuts the first segment and removes the rest
                try (EventLogWriter log = EventLogWriter.openForAppend(d, memory.root(), small(16), 2)) {
                    assertEquals(30, log.recovery().recordsKept());
                }
            }
            return listed;
        };
        try (EventLogReader reader = EventLogReader.open(logDir, () -> Codebook.read(EventLogLayout.codebook(logDir)), racing)) {
            assertEquals(numbered(0, 0, 30), all(reader));
        }
        assertEquals(2, listings.get(), "one scan more");
    }

    @Test
    void aLogThatKeepsChangingUnderTheReaderFailsWithAClearMessage() throws IOException {
        Path logDir = fiveHundred(small(16));
        Path gone = EventLogLayout.segment(logDir, 32); // the segment the 32 chunks would continue in
        AtomicInteger listings = new AtomicInteger();
        SegmentScan.SegmentLister stale = d -> {
            listings.incrementAndGet();
            List<Path> listed = new ArrayList<>(SegmentScan.segmentFiles(d));
            listed.add(gone);
            return listed;
        };
        EventLogException e = assertThrows(EventLogException.class,
                () -> EventLogReader.open(logDir, () -> Codebook.read(EventLogLayout.codebook(logDir)), stale));
        assertEquals(Problem.LOG_CHANGED, e.problem());
        assertEquals(logDir, e.file());
        assertEquals(SegmentScan.CHANGE_RETRIES + 1, listings.get());
        assertTrue(e.getMessage().startsWith(logDir + ": the event log changed while it was being read, 4 times in a row"),
                e.getMessage());
        assertTrue(e.getMessage().contains(gone + " was listed but is gone"), e.getMessage());
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static void assertNoTemporaryFiles(Path logDir) throws IOException {
        try (Stream<Path> files = Files.list(logDir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList();
            assertTrue(names.isEmpty(), names.toString());
        }
    }
}
