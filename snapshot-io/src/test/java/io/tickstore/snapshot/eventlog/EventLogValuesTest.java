package io.tickstore.snapshot.eventlog;

import static io.tickstore.snapshot.eventlog.LogFixtures.small;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Records whose values live in a chunk's value area (chunk and codebook format version 2). */
class EventLogValuesTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    private static byte[] value(int i) {
        return ("value " + i + " " + "é".repeat(i % 50)).getBytes(StandardCharsets.UTF_8);
    }

    /** Record i: tick i / 10, entity i, a bytes value every other record, an f64 in between. */
    private static void appendMixed(EventLogWriter log, int bytesKey, int numberKey, int from, int to) {
        for (int i = from; i < to; i++) {
            if (i % 2 == 0) {
                byte[] v = value(i);
                log.appendBytes(i / 10, i, bytesKey, v, 0, v.length);
            } else {
                log.append(i / 10, i, numberKey, i);
            }
        }
    }

    private static List<String> read(EventLogReader reader) throws IOException {
        List<String> out = new ArrayList<>();
        reader.forEach(e -> {
            if (e.kind() == ValueKind.BYTES) {
                ByteBuffer b = e.valueBytes();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.add(e.tick() + " " + e.entityId() + " " + new String(bytes, StandardCharsets.UTF_8));
            } else {
                out.add(e.tick() + " " + e.entityId() + " " + e.value());
            }
        });
        return out;
    }

    private static List<String> expected(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(i / 10 + " " + i + " " + (i % 2 == 0 ? new String(value(i), StandardCharsets.UTF_8) : Double.toString(i)));
        }
        return out;
    }

    @Test
    void valuesComeBackAcrossChunksAndAChunkWithThemIsVersion2() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(32).withSegmentBytes(8192))) {
            appendMixed(log, log.key("t.note", ValueKind.BYTES), log.key("t.n", ValueKind.F64), 0, 500);
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertEquals(expected(0, 500), read(reader));
            assertTrue(reader.chunks().stream().allMatch(c -> c.header().version() == 2 && c.header().valueBytes() > 0));
        }
        assertTrue(Files.readString(io.tickstore.snapshot.eventlog.EventLogLayout.codebook(logDir)).contains("\"formatVersion\" : 2"));
    }

    @Test
    void aLogWithoutValuesIsWhatVersion1WroteAndSoIsItsCodebook() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(32))) {
            LogFixtures.appendNumbered(log, log.key("k", ValueKind.F64), 0, 100);
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertTrue(reader.chunks().stream().allMatch(c -> c.header().version() == 1));
        }
        assertTrue(Files.readString(io.tickstore.snapshot.eventlog.EventLogLayout.codebook(logDir)).contains("\"formatVersion\" : 1"));
    }

    @Test
    void aValueLargerThanABufferGrowsItsValueArea() throws IOException {
        Path logDir = dir.resolve("events");
        byte[] big = new byte[3 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(16))) {
            int key = log.key("t.embedding", ValueKind.BYTES);
            log.appendBytes(1, 1, key, new byte[] {1}, 0, 1);
            log.appendBytes(1, 2, key, big, 0, big.length);
            log.appendBytes(1, 3, key, new byte[0], 0, 0);
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            List<byte[]> values = new ArrayList<>();
            reader.forEach(e -> {
                ByteBuffer b = e.valueBytes();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                values.add(bytes);
            });
            assertArrayEquals(new byte[] {1}, values.get(0));
            assertArrayEquals(big, values.get(1));
            assertEquals(0, values.get(2).length);
        }
    }

    @Test
    void cuttingAChunkWithValuesKeepsTheValuesOfTheRecordsBeforeTheCut() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(1000))) {
            appendMixed(log, log.key("t.note", ValueKind.BYTES), log.key("t.n", ValueKind.F64), 0, 95);
        }
        try (EventLogWriter log = EventLogWriter.openForAppend(logDir, memory.root(), small(1000), 6)) {
            assertEquals(70, log.appendedRecords());
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertEquals(expected(0, 70), read(reader), "ticks 0..6 kept, their values with them");
        }
    }

    @Test
    void aTornChunkWithValuesIsCutLikeAnyOther() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(20))) {
            appendMixed(log, log.key("t.note", ValueKind.BYTES), log.key("t.n", ValueKind.F64), 0, 60);
        }
        Path segment = SegmentScan.segmentFiles(logDir).get(0);
        long size = Files.size(segment);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size - 40);
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertTrue(reader.tornTail().isPresent());
            assertEquals(expected(0, 40), read(reader));
        }
    }

    @Test
    void aValueOutsideWhatAChunkHoldsIsRefused() throws IOException {
        try (EventLogWriter log = EventLogWriter.create(dir.resolve("events"), memory.root(), small(16))) {
            int key = log.key("t.v", ValueKind.BYTES);
            assertThrows(IllegalArgumentException.class, () -> log.appendBytes(0, 0, key, 0L, -1));
        }
    }
}
