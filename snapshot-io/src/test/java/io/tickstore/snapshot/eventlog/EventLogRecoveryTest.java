package io.tickstore.snapshot.eventlog;

import static io.tickstore.snapshot.eventlog.LogFixtures.all;
import static io.tickstore.snapshot.eventlog.LogFixtures.appendNumbered;
import static io.tickstore.snapshot.eventlog.LogFixtures.contents;
import static io.tickstore.snapshot.eventlog.LogFixtures.crashCopy;
import static io.tickstore.snapshot.eventlog.LogFixtures.lastSegment;
import static io.tickstore.snapshot.eventlog.LogFixtures.numbered;
import static io.tickstore.snapshot.eventlog.LogFixtures.small;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash leaves and what reopening does with it: a torn last chunk is found, reported with the number of
 * records lost and cut off; anything that is not a torn write (damage earlier in the log, a chunk or codebook of
 * another run) is an error that changes nothing on disk.
 */
class EventLogRecoveryTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    /** Three chunks of 16 records, then a fourth of 5; returns the log directory. */
    private Path fourChunks() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(16))) {
            int key = log.key("k", ValueKind.F64);
            appendNumbered(log, key, 0, 48);
            log.flush();
            appendNumbered(log, key, 48, 53);
        }
        return logDir;
    }

    private static void truncateBy(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - bytes);
        }
    }

    private static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    @Test
    void aLogIsNeverSeenWithoutItsAppendCounter() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(16))) {
            Path crashed = crashCopy(logDir, dir.resolve("right-after-create"));
            try (EventLogReader reader = EventLogReader.open(crashed)) {
                assertEquals(0, reader.recordsLost(), "a kill right after create: the counter is there and says zero");
            }
        }
        // a kill between the counter and the codebook leaves a lone counter: no log yet, and create starts one
        Path lone = dir.resolve("lone-counter");
        Files.createDirectories(lone);
        Files.copy(EventLogLayout.counter(logDir), EventLogLayout.counter(lone));
        try (EventLogWriter log = EventLogWriter.create(lone, memory.root(), small(16))) {
            appendNumbered(log, log.key("k", ValueKind.F64), 0, 20);
        }
        try (EventLogReader reader = EventLogReader.open(lone)) {
            assertEquals(numbered(0, 0, 20), all(reader));
            assertEquals(0, reader.recordsLost());
        }
    }

    @Test
    void aChunkCutShortAnywhereIsATornTailThatReadersSkip() throws IOException {
        long chunkBytes = ChunkHeader.BYTES + 5L * EventRecord.BYTES + ChunkTrailer.BYTES;
        for (long cut : new long[] {1, ChunkTrailer.BYTES, ChunkTrailer.BYTES + 30, chunkBytes - ChunkHeader.BYTES + 3, chunkBytes - 1}) {
            Path logDir = fourChunks();
            truncateBy(lastSegment(logDir), cut);
            try (EventLogReader reader = EventLogReader.open(logDir)) {
                assertEquals(numbered(0, 0, 48), all(reader), "cut " + cut);
                TornTail tail = reader.tornTail().orElseThrow();
                assertEquals(chunkBytes - cut, tail.bytes());
                assertEquals(5, reader.recordsLost(), "the counter knows 53 were appended");
            }
            Files.walk(logDir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void reopeningCutsTheTornTailReportsTheLossAndAppendsAfterTheLastCompleteChunk() throws IOException {
        Path logDir = fourChunks();
        truncateBy(lastSegment(logDir), 7);
        try (EventLogWriter log = EventLogWriter.openForAppend(logDir, memory.root(), small(16))) {
            RecoveryReport report = log.recovery();
            assertEquals(3, report.chunksKept());
            assertEquals(48, report.recordsKept());
            assertEquals(5, report.tornTail().orElseThrow().recordsInHeader(), "the torn chunk's header survived");
            assertEquals(5, report.recordsLost());
            assertTrue(report.counterKnown());
            assertTrue(report.warning().contains("5 records lost"), report.warning());
            appendNumbered(log, 0, 48, 60);
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertEquals(numbered(0, 0, 60), all(reader));
            assertTrue(reader.tornTail().isEmpty());
            assertEquals(3, reader.chunks().get(3).sequence(), "the sequence continues where the complete chunks end");
        }
    }

    @Test
    void garbageOrZerosAfterTheLastChunkAreNeverTakenForRecords() throws IOException {
        byte[] garbage = new byte[500];
        new Random(7).nextBytes(garbage);
        for (byte[] tail : new byte[][] {garbage, new byte[4096]}) {
            Path logDir = fourChunks();
            append(lastSegment(logDir), tail);
            try (EventLogReader reader = EventLogReader.open(logDir)) {
                assertEquals(numbered(0, 0, 53), all(reader));
                assertEquals(tail.length, reader.tornTail().orElseThrow().bytes());
                assertTrue(reader.tornTail().get().reason().contains("no chunk header"), reader.tornTail().get().reason());
            }
            Files.walk(logDir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * A kill -9 while the writer is open: the directory as it is on disk at that moment. Whatever the writer thread
     * had finished, the loss is exactly appended minus kept, and within the documented bound of two buffers.
     */
    @Test
    void aKillLosesAtMostTwoBuffersAndTheCounterSaysExactlyHowMany() throws IOException {
        Path logDir = dir.resolve("events");
        EventLogOptions options = small(100);
        Path crashed;
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), options)) {
            appendNumbered(log, log.key("k", ValueKind.F64), 0, 250);
            crashed = crashCopy(logDir, dir.resolve("crashed"));
        }
        try (EventLogWriter log = EventLogWriter.openForAppend(crashed, memory.root(), options)) {
            RecoveryReport report = log.recovery();
            assertTrue(report.counterKnown());
            assertEquals(250 - report.recordsKept(), report.recordsLost());
            assertTrue(report.recordsLost() <= options.killLossBound(), report.recordsLost() + " lost, bound " + options.killLossBound());
            assertTrue(report.recordsKept() >= 100, "the first buffer was written before the third was needed");
        }
    }

    @Test
    void damageBeforeTheLastSegmentIsAnErrorAndReopeningChangesNothing() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(16).withSegmentBytes(4096))) {
            appendNumbered(log, log.key("k", ValueKind.F64), 0, 500);
        }
        Path first = SegmentScan.segmentFiles(logDir).get(0);
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0x55}), ChunkHeader.BYTES + 3);
        }
        Map<String, byte[]> before = contents(logDir);
        EventLogException read = assertThrows(EventLogException.class, () -> EventLogReader.open(logDir));
        assertEquals(Problem.DAMAGED_CHUNK, read.problem());
        assertEquals(Problem.CHECKSUM_MISMATCH, ((EventLogException) read.getCause()).problem(), "what failed in the chunk");
        assertEquals(first, read.file());
        assertEquals(OptionalLong.of(0), read.sequence());
        assertEquals(OptionalLong.of(0), read.offset());
        assertTrue(read.getMessage().startsWith(first.toString()), read.getMessage());
        assertThrows(EventLogException.class, () -> EventLogWriter.openForAppend(logDir, memory.root(), small(16)));
        assertContentsEqual(before, contents(logDir));
    }

    @Test
    void aChunkFromAnotherRunIsRejectedNamingBothRuns() throws IOException {
        Path ours = dir.resolve("ours");
        Path theirs = dir.resolve("theirs");
        try (EventLogWriter a = EventLogWriter.create(ours, memory.root(), small(16).withRunId(0xAAAAL));
             EventLogWriter b = EventLogWriter.create(theirs, memory.root(), small(16).withRunId(0xBBBBL))) {
            appendNumbered(a, a.key("k", ValueKind.F64), 0, 32);
            appendNumbered(b, b.key("k", ValueKind.F64), 0, 48);
        }
        // their third chunk (sequence 2) appended where our third chunk would go
        byte[] segment = Files.readAllBytes(lastSegment(theirs));
        long chunk = ChunkHeader.BYTES + 16L * EventRecord.BYTES + ChunkTrailer.BYTES;
        append(lastSegment(ours), java.util.Arrays.copyOfRange(segment, (int) (2 * chunk), (int) (3 * chunk)));
        Map<String, byte[]> before = contents(ours);
        EventLogException e = assertThrows(EventLogException.class, () -> EventLogReader.open(ours));
        assertEquals(Problem.DAMAGED_CHUNK, e.problem(), "a whole chunk of another run inside the log is damage");
        assertEquals(Problem.FOREIGN_RUN, ((EventLogException) e.getCause()).problem());
        assertEquals(OptionalLong.of(2), e.sequence());
        assertEquals(OptionalLong.of(2 * chunk), e.offset());
        assertTrue(e.getMessage().contains("belongs to run 000000000000bbbb, not to this log's run 000000000000aaaa"), e.getMessage());
        assertThrows(EventLogException.class, () -> EventLogWriter.openForAppend(ours, memory.root(), small(16)));
        assertContentsEqual(before, contents(ours));
    }

    @Test
    void aCodebookThatLacksCodesTheChunksUseDoesNotMatch() throws IOException {
        Path logDir = dir.resolve("events");
        byte[] early;
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(16))) {
            early = Files.readAllBytes(EventLogLayout.codebook(logDir));
            appendNumbered(log, log.key("k", ValueKind.F64), 0, 32);
        }
        Files.write(EventLogLayout.codebook(logDir), early);
        EventLogException e = assertThrows(EventLogException.class, () -> EventLogReader.open(logDir));
        assertEquals(Problem.CODEBOOK_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains("the codebook does not match this log"), e.getMessage());
    }

    @Test
    void aCodebookOfAnotherRunIsRejected() throws IOException {
        Path ours = dir.resolve("ours");
        Path theirs = dir.resolve("theirs");
        try (EventLogWriter a = EventLogWriter.create(ours, memory.root(), small(16).withRunId(1));
             EventLogWriter b = EventLogWriter.create(theirs, memory.root(), small(16).withRunId(2))) {
            appendNumbered(a, a.key("k", ValueKind.F64), 0, 32);
            b.key("k", ValueKind.F64);
        }
        Files.copy(EventLogLayout.codebook(theirs), EventLogLayout.codebook(ours), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        EventLogException e = assertThrows(EventLogException.class, () -> EventLogReader.open(ours));
        assertEquals(Problem.FOREIGN_RUN, e.problem());
    }

    @Test
    void aDamagedCodebookFailsItsChecksum() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(16))) {
            log.key("energy", ValueKind.F64);
        }
        Path file = EventLogLayout.codebook(logDir);
        Files.writeString(file, Files.readString(file).replace("energy", "enerqy"));
        EventLogException e = assertThrows(EventLogException.class, () -> EventLogReader.open(logDir));
        assertEquals(Problem.CHECKSUM_MISMATCH, e.problem());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void reopeningThroughATickDropsEveryLaterRecordAndKeepsTheChunkPrefix() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(64))) {
            appendNumbered(log, log.key("k", ValueKind.F64), 0, 500);
        }
        try (EventLogWriter log = EventLogWriter.openForAppend(logDir, memory.root(), small(64), 25)) {
            assertEquals(260, log.recovery().recordsKept(), "ticks 0..25 are records 0..259");
            assertEquals(240, log.recovery().recordsTrimmed());
            assertEquals(0, log.recovery().recordsLost());
            appendNumbered(log, 0, 260, 300);
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertEquals(numbered(0, 0, 300), all(reader));
        }
    }

    @Test
    void withoutTheCounterTheLossIsBoundedByTheTornBytes() throws IOException {
        Path logDir = fourChunks();
        truncateBy(lastSegment(logDir), 7);
        Files.delete(EventLogLayout.counter(logDir));
        try (EventLogWriter log = EventLogWriter.openForAppend(logDir, memory.root(), small(16))) {
            assertEquals(5, log.recovery().recordsLost(), "the torn chunk's surviving header says 5");
            assertTrue(!log.recovery().counterKnown());
        }
    }

    private static void assertContentsEqual(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        for (String name : before.keySet()) {
            assertArrayEquals(before.get(name), after.get(name), name + " changed");
        }
    }
}
