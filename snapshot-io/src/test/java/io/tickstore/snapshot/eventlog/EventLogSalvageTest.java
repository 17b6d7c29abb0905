package io.tickstore.snapshot.eventlog;

import static io.tickstore.snapshot.eventlog.EventLogDamageTest.CHUNK_BYTES;
import static io.tickstore.snapshot.eventlog.EventLogDamageTest.RECORDS_PER_CHUNK;
import static io.tickstore.snapshot.eventlog.EventLogDamageTest.assertContentsEqual;
import static io.tickstore.snapshot.eventlog.EventLogDamageTest.flip;
import static io.tickstore.snapshot.eventlog.EventLogDamageTest.tenChunks;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Salvage: the one explicit way past damage. It cuts the log before the first damaged chunk so it can be appended to
 * again, and keeps every byte it removes in {@code salvaged-<UTC time>/} with a description.
 */
class EventLogSalvageTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2024-05-06T12:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    @Test
    void salvageCutsBeforeTheDamagedChunkKeepsEveryRemovedByteAndTheLogGoesOn() throws IOException {
        Path logDir = tenChunks(dir.resolve("events"), memory);
        Path segment = lastSegment(logDir);
        flip(segment, 3 * CHUNK_BYTES + ChunkHeader.BYTES + 5);
        byte[] damaged = Files.readAllBytes(segment);

        SalvageReport report = EventLogSalvage.salvage(logDir, NOON);
        SalvageReport.Cut cut = report.cut().orElseThrow();
        assertEquals(segment, cut.segment());
        assertEquals(3, cut.sequence());
        assertEquals(3 * CHUNK_BYTES, cut.offset());
        assertEquals(6, cut.chunksRemoved(), "chunks 4..9 are whole");
        assertEquals(6 * RECORDS_PER_CHUNK, cut.recordsRemoved());
        assertEquals(RECORDS_PER_CHUNK, cut.damagedChunkRecords(), "the damaged chunk's header is whole");
        assertEquals(7 * CHUNK_BYTES, cut.bytesRemoved());
        assertEquals(3, report.chunksKept());
        assertEquals(3 * RECORDS_PER_CHUNK, report.recordsKept());
        assertTrue(cut.reason().contains("chunk 3 belongs, not a torn tail"), cut.reason());

        Path salvaged = logDir.resolve("salvaged-20240506T120000Z");
        assertEquals(salvaged, cut.salvageDir());
        assertArrayEquals(damaged, Files.readAllBytes(salvaged.resolve(segment.getFileName())), "the segment, whole, as it was");
        JsonNode description = new ObjectMapper().readTree(salvaged.resolve(EventLogSalvage.DESCRIPTION).toFile());
        assertEquals(3 * CHUNK_BYTES, description.get("cut").get("offset").asLong());
        assertEquals(3, description.get("cut").get("sequence").asLong());
        assertEquals(6 * RECORDS_PER_CHUNK, description.get("recordsRemoved").asLong());
        assertTrue(description.get("why").asText().contains("fails its CRC32C"), description.toString());
        assertEquals(3 * CHUNK_BYTES, Files.size(segment));

        try (EventLogWriter log = EventLogWriter.openForAppend(logDir, memory.root(), small(RECORDS_PER_CHUNK))) {
            assertEquals(0, log.recovery().recordsLost(), "the counter was set to what the log keeps");
            assertTrue(log.recovery().tornTail().isEmpty());
            appendNumbered(log, 0, 48, 60);
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertEquals(numbered(0, 0, 60), all(reader));
            assertEquals(3, reader.chunks().get(3).sequence(), "the sequence continues after the kept chunks");
        }
    }

    @Test
    void damageBeforeTheLastSegmentMovesEveryLaterSegmentOut() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(RECORDS_PER_CHUNK).withSegmentBytes(4096))) {
            appendNumbered(log, log.key("k", ValueKind.F64), 0, 500);
        }
        List<Path> segments = SegmentScan.segmentFiles(logDir);
        assertTrue(segments.size() >= 4, segments.toString());
        long chunksPerSegment = EventLogLayout.firstSequenceOf(segments.get(1).getFileName().toString());
        flip(segments.get(1), CHUNK_BYTES + 40);

        SalvageReport report = EventLogSalvage.salvage(logDir, NOON);
        SalvageReport.Cut cut = report.cut().orElseThrow();
        assertEquals(segments.get(1), cut.segment());
        assertEquals(chunksPerSegment + 1, cut.sequence());
        assertEquals(CHUNK_BYTES, cut.offset());
        assertEquals(-1, cut.damagedChunkRecords(), "the damaged header cannot say");
        long total = (500 + RECORDS_PER_CHUNK - 1) / RECORDS_PER_CHUNK;
        assertEquals(total - cut.sequence() - 1, cut.chunksRemoved());
        assertEquals(500 - (cut.sequence() + 1) * RECORDS_PER_CHUNK, cut.recordsRemoved());
        assertEquals(List.of(segments.get(0), segments.get(1)), SegmentScan.segmentFiles(logDir));
        for (Path moved : segments.subList(1, segments.size())) {
            assertTrue(Files.exists(cut.salvageDir().resolve(moved.getFileName())), moved + " kept");
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertEquals(numbered(0, 0, (int) (cut.sequence() * RECORDS_PER_CHUNK)), all(reader));
            assertTrue(reader.tornTail().isEmpty());
        }
    }

    @Test
    void aSegmentOutOfSequenceIsMovedOutWhole() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(RECORDS_PER_CHUNK).withSegmentBytes(4096))) {
            appendNumbered(log, log.key("k", ValueKind.F64), 0, 500);
        }
        List<Path> segments = SegmentScan.segmentFiles(logDir);
        Files.delete(segments.get(1));
        SalvageReport.Cut cut = EventLogSalvage.salvage(logDir, NOON).cut().orElseThrow();
        assertEquals(segments.get(2), cut.segment());
        assertEquals(0, cut.offset());
        assertEquals(List.of(segments.get(0)), SegmentScan.segmentFiles(logDir));
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertTrue(reader.tornTail().isEmpty());
            assertEquals(EventLogLayout.firstSequenceOf(segments.get(1).getFileName().toString()), reader.chunks().size());
        }
    }

    @Test
    void aLogThatIsOnlyTornIsLeftAsItIs() throws IOException {
        Path logDir = tenChunks(dir.resolve("events"), memory);
        try (FileChannel channel = FileChannel.open(lastSegment(logDir), StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 9);
        }
        Map<String, byte[]> before = contents(logDir);
        SalvageReport report = EventLogSalvage.salvage(logDir, NOON);
        assertTrue(report.cut().isEmpty());
        assertEquals(9 * CHUNK_BYTES, report.tornTail().orElseThrow().offset());
        assertTrue(report.summary().contains("is not damaged"), report.summary());
        assertContentsEqual(before, contents(logDir));
    }

    @Test
    void whatCuttingCannotFixIsRefusedAndNothingChanges() throws IOException {
        Path logDir = dir.resolve("events");
        byte[] early;
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(RECORDS_PER_CHUNK))) {
            early = Files.readAllBytes(EventLogLayout.codebook(logDir));
            appendNumbered(log, log.key("k", ValueKind.F64), 0, 32);
        }
        Files.write(EventLogLayout.codebook(logDir), early);
        Map<String, byte[]> before = contents(logDir);
        EventLogException e = assertThrows(EventLogException.class, () -> EventLogSalvage.salvage(logDir, NOON));
        assertEquals(Problem.CODEBOOK_MISMATCH, e.problem(), "the codebook does not match: cutting chunks would not help");
        assertContentsEqual(before, contents(logDir));
        try (Stream<Path> files = Files.list(logDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(EventLogSalvage.DIR_PREFIX)));
        }
    }

    @Test
    void twoSalvagesInOneSecondGetTwoDirectories() throws IOException {
        Path logDir = tenChunks(dir.resolve("events"), memory);
        flip(lastSegment(logDir), 5 * CHUNK_BYTES + 3);
        Path first = EventLogSalvage.salvage(logDir, NOON).cut().orElseThrow().salvageDir();
        flip(lastSegment(logDir), 2 * CHUNK_BYTES + 3);
        flip(lastSegment(logDir), 4 * CHUNK_BYTES - 3);
        Path second = EventLogSalvage.salvage(logDir, NOON).cut().orElseThrow().salvageDir();
        assertEquals(logDir.resolve("salvaged-20240506T120000Z"), first);
        assertEquals(logDir.resolve("salvaged-20240506T120000Z-2"), second);
    }
}
