package io.tickstore.snapshot.eventlog;

import io.tickstore.snapshot.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Small helpers the event log tests share: options, records written by a formula, and a log directory's bytes. */
final class LogFixtures {
    private LogFixtures() {
    }

    /** Small buffers (so a few hundred records make several chunks), page cache, no shutdown hook. */
    static EventLogOptions small(int bufferRecords) {
        return EventLogOptions.defaults().withBufferRecords(bufferRecords).withDurability(Durability.PAGE_CACHE)
                .withShutdownHook(false);
    }

    /** Record i: tick i / 10, entity i % 7, key {@code key}, value i * 0.5. */
    static void appendNumbered(EventLogWriter log, int key, int from, int to) {
        for (int i = from; i < to; i++) {
            log.append(i / 10, i % 7, key, i * 0.5);
        }
    }

    /** One record as text, for comparisons. */
    record Rec(long tick, long entity, int key, long bits) {
        static Rec of(EventCursor e) {
            return new Rec(e.tick(), e.entityId(), e.key(), e.valueBits());
        }
    }

    static List<Rec> all(EventLogReader log) throws IOException {
        List<Rec> records = new ArrayList<>();
        log.forEach(e -> records.add(Rec.of(e)));
        return records;
    }

    static List<Rec> numbered(int key, int from, int to) {
        List<Rec> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(new Rec(i / 10, i % 7, key, Double.doubleToRawLongBits(i * 0.5)));
        }
        return records;
    }

    /** Every file of a directory (name to bytes): what "nothing on disk changed" compares. */
    static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** The log's only (or last) segment file. */
    static Path lastSegment(Path logDir) throws IOException {
        List<Path> segments = SegmentScan.segmentFiles(logDir);
        return segments.get(segments.size() - 1);
    }

    /**
     * A copy of a log directory as it is on disk right now, while its writer is still open: the state a kill -9
     * at this moment would leave behind (the append counter's mapped page included).
     */
    static Path crashCopy(Path logDir, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> list = Files.list(logDir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
        return to;
    }
}
