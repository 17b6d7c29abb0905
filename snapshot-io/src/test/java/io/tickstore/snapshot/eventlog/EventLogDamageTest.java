package io.tickstore.snapshot.eventlog;

import static io.tickstore.snapshot.eventlog.LogFixtures.all;
import static io.tickstore.snapshot.eventlog.LogFixtures.appendNumbered;
import static io.tickstore.snapshot.eventlog.LogFixtures.contents;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the last chunk of a log can be torn: a chunk that fails its checks with a chunk of this log after it, in the
 * same (last) segment, is damage. Readers and recovery refuse it naming the segment, the chunk and the offset, and
 * point to salvage; nothing on disk changes. What a crash does leave at the end (a chunk cut short, a byte of the
 * last chunk wrong, zero pages a power cut added) stays a torn tail.
 */
class EventLogDamageTest {
    static final int RECORDS_PER_CHUNK = 16;
    static final long CHUNK_BYTES = ChunkHeader.BYTES + RECORDS_PER_CHUNK * EventRecord.BYTES + ChunkTrailer.BYTES;

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    /** Ten chunks of 16 records, records 0..159, in one segment. */
    static Path tenChunks(Path logDir, LeakCheckingAllocator memory) throws IOException {
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(RECORDS_PER_CHUNK))) {
            appendNumbered(log, log.key("k", ValueKind.F64), 0, 10 * RECORDS_PER_CHUNK);
        }
        return logDir;
    }

    static void flip(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 0x55)).rewind();
            channel.write(b, offset);
        }
    }

    @Test
    void aFlippedByteInAChunkWithValidChunksAfterItIsDamageNotATornTail() throws IOException {
        // the magic, a header field, a record, the trailer's CRC32C, the trailer's magic: each fails a different check
        long[] within = {3, 30, ChunkHeader.BYTES + 5, CHUNK_BYTES - 7, CHUNK_BYTES - 2};
        for (long at : within) {
            Path logDir = tenChunks(dir.resolve("flip-" + at), memory);
            Path segment = lastSegment(logDir);
            long chunk3 = 3 * CHUNK_BYTES;
            flip(segment, chunk3 + at);
            Map<String, byte[]> before = contents(logDir);

            EventLogException read = assertThrows(EventLogException.class, () -> EventLogReader.open(logDir));
            String message = read.getMessage();
            assertEquals(Problem.DAMAGED_CHUNK, read.problem());
            assertEquals(OptionalLong.of(3), read.sequence());
            assertEquals(OptionalLong.of(chunk3), read.offset());
            assertTrue(message.startsWith(segment.toString()), message);
            assertTrue(message.contains("offset " + chunk3), "names the offset: " + message);
            assertTrue(message.contains("chunk 3 belongs, not a torn tail"), "names the chunk: " + message);
            assertTrue(message.contains("chunk 4 of this log follows at offset " + (chunk3 + CHUNK_BYTES)), message);
            assertTrue(message.contains("./tickstore salvage " + logDir), "says the way out: " + message);

            EventLogException resume = assertThrows(EventLogException.class,
                    () -> EventLogWriter.openForAppend(logDir, memory.root(), small(RECORDS_PER_CHUNK)));
            assertEquals(message, resume.getMessage());
            assertContentsEqual(before, contents(logDir));
        }
    }

    @Test
    void aChunkOfThisLogFarPastTheDamageStillMakesItDamage() throws IOException {
        Path logDir = tenChunks(dir.resolve("events"), memory);
        Path segment = lastSegment(logDir);
        // chunks 3..8 overwritten with zeros: only chunk 9 is left after the failure
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate((int) (6 * CHUNK_BYTES)), 3 * CHUNK_BYTES);
        }
        EventLogException e = assertThrows(EventLogException.class, () -> EventLogReader.open(logDir));
        assertEquals(Problem.DAMAGED_CHUNK, e.problem());
        assertEquals(Problem.BAD_MAGIC, ((EventLogException) e.getCause()).problem());
        assertTrue(e.getMessage().contains("chunk 9 of this log follows at offset " + 9 * CHUNK_BYTES), e.getMessage());
    }

    @Test
    void aFlippedByteInTheLastChunkIsATornTailSinceNothingFollowsIt() throws IOException {
        Path logDir = tenChunks(dir.resolve("events"), memory);
        flip(lastSegment(logDir), 9 * CHUNK_BYTES + ChunkHeader.BYTES + 5);
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertEquals(numbered(0, 0, 9 * RECORDS_PER_CHUNK), all(reader));
            TornTail tail = reader.tornTail().orElseThrow();
            assertEquals(9 * CHUNK_BYTES, tail.offset());
            assertEquals(RECORDS_PER_CHUNK, tail.recordsInHeader());
        }
    }

    /**
     * A power cut can leave the file's length extended past what reached the disk, the missing pages reading as zeros:
     * the last chunk partly zeros, then more zeros. No whole chunk follows, so it is the torn tail.
     */
    @Test
    void zeroPagesAPowerCutLeavesAfterTheLastChunkAreATornTail() throws IOException {
        Path logDir = tenChunks(dir.resolve("events"), memory);
        Path segment = lastSegment(logDir);
        long lastChunk = 9 * CHUNK_BYTES;
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate((int) (CHUNK_BYTES - 100 + 8192)), lastChunk + 100);
        }
        try (EventLogWriter log = EventLogWriter.openForAppend(logDir, memory.root(), small(RECORDS_PER_CHUNK))) {
            TornTail tail = log.recovery().tornTail().orElseThrow();
            assertEquals(lastChunk, tail.offset());
            assertEquals(CHUNK_BYTES + 8192, tail.bytes());
            assertEquals(RECORDS_PER_CHUNK, log.recovery().recordsLost(), "the counter knows what was appended");
        }
        assertEquals(lastChunk, Files.size(segment), "the torn tail was cut, nothing more");
    }

    @Test
    void aChunkOfAnotherRunAfterTheFailureIsNoEvidenceOfDamage() throws IOException {
        Path logDir = tenChunks(dir.resolve("ours"), memory);
        Path theirs = dir.resolve("theirs");
        try (EventLogWriter log = EventLogWriter.create(theirs, memory.root(), small(RECORDS_PER_CHUNK).withRunId(0xBBBBL))) {
            appendNumbered(log, log.key("k", ValueKind.F64), 0, 2 * RECORDS_PER_CHUNK);
        }
        Path segment = lastSegment(logDir);
        // our last chunk cut short, then (as stale bytes of a reused block could be) a whole chunk of another run
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(9 * CHUNK_BYTES + 50);
        }
        byte[] foreign = Files.readAllBytes(lastSegment(theirs));
        Files.write(segment, java.util.Arrays.copyOfRange(foreign, (int) CHUNK_BYTES, (int) (2 * CHUNK_BYTES)),
                StandardOpenOption.APPEND);
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertEquals(9 * CHUNK_BYTES, reader.tornTail().orElseThrow().offset());
        }
    }

    static void assertContentsEqual(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        for (String name : before.keySet()) {
            assertArrayEquals(before.get(name), after.get(name), name + " changed");
        }
    }
}
