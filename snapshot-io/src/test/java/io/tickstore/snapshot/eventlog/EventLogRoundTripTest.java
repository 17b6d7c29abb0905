package io.tickstore.snapshot.eventlog;

import static io.tickstore.snapshot.eventlog.LogFixtures.all;
import static io.tickstore.snapshot.eventlog.LogFixtures.appendNumbered;
import static io.tickstore.snapshot.eventlog.LogFixtures.numbered;
import static io.tickstore.snapshot.eventlog.LogFixtures.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.eventlog.LogFixtures.Rec;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Appending records, reading them back, and the queries: the log as a user first meets it. */
class EventLogRoundTripTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    @Test
    void recordsComeBackInOrderAcrossChunksAndSegments() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(64).withSegmentBytes(4096))) {
            int energy = log.key("creatures.energy", ValueKind.F64);
            appendNumbered(log, energy, 0, 1000);
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            assertEquals(numbered(0, 0, 1000), all(reader));
            assertEquals(1000, reader.recordCount());
            assertEquals(16, reader.chunks().size(), "1000 records in chunks of 64");
            assertTrue(SegmentScan.segmentFiles(logDir).size() > 3, "4 KiB segments roll over");
            assertEquals(0, reader.firstTick());
            assertEquals(99, reader.lastTick());
            assertTrue(reader.tornTail().isEmpty());
            assertEquals(0, reader.recordsLost(), "the counter says every appended record is in the log");
        }
    }

    @Test
    void flushMakesEverythingAppendedSoFarReadable() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(1000))) {
            int key = log.key("k", ValueKind.F64);
            appendNumbered(log, key, 0, 10);
            log.flush();
            try (EventLogReader reader = EventLogReader.open(logDir)) {
                assertEquals(numbered(key, 0, 10), all(reader), "a partly filled buffer is written by flush");
            }
            assertEquals(10, log.stats().writtenRecords());
        }
    }

    @Test
    void theEntityQueryReturnsOneEntitysRecordsAndSkipsChunksByTheirEntityRange() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(10))) {
            int key = log.key("k", ValueKind.F64);
            for (int i = 0; i < 100; i++) {
                log.append(i, i / 10, key, i);          // chunk c holds only entity c
            }
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            List<Double> values = new ArrayList<>();
            reader.forEntity(4, e -> values.add(e.value()));
            assertEquals(List.of(40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0, 49.0), values);
            long holding = reader.chunks().stream().filter(c -> c.mayHoldEntity(4)).count();
            assertEquals(1, holding, "only one chunk's header admits entity 4");
        }
    }

    @Test
    void theTickRangeQueryIsInclusiveAndSkipsChunksOutsideIt() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(64))) {
            int key = log.key("k", ValueKind.F64);
            appendNumbered(log, key, 0, 1000);
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            List<Rec> got = new ArrayList<>();
            reader.forTicks(20, 29, e -> got.add(Rec.of(e)));
            assertEquals(numbered(0, 200, 300), got);
            long read = reader.chunks().stream().filter(c -> c.mayHoldTicks(20, 29)).count();
            assertTrue(read <= 3, read + " of " + reader.chunks().size() + " chunks overlap ticks 20..29");
        }
    }

    @Test
    void codesStayTheSameWhenTheLogIsReopenedAndNewOnesFollowThem() throws IOException {
        Path logDir = dir.resolve("events");
        int energy;
        int eat;
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(16))) {
            energy = log.key("creatures.energy", ValueKind.F64);
            int action = log.key("action", ValueKind.SYMBOL);
            eat = log.symbol("eat");
            log.append(1, 5, action, eat);
        }
        try (EventLogWriter log = EventLogWriter.openForAppend(logDir, memory.root(), small(16))) {
            assertEquals(energy, log.key("creatures.energy", ValueKind.F64));
            assertEquals(eat, log.symbol("eat"));
            assertEquals(2, log.key("pos_x", ValueKind.F64), "a new key takes the next code");
            assertEquals(1, log.symbol("sleep"));
            log.append(2, 5, log.key("action", ValueKind.SYMBOL), log.symbol("sleep"));
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            List<String> lines = new ArrayList<>();
            reader.forEach(e -> lines.add(e.toString()));
            assertEquals(List.of("tick 1 entity 5 action eat", "tick 2 entity 5 action sleep"), lines);
        }
    }

    @Test
    void bothBackPressurePoliciesKeepEveryRecord() throws IOException {
        for (BackPressure policy : BackPressure.values()) {
            Path logDir = dir.resolve(policy.name());
            try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(4).withBackPressure(policy))) {
                appendNumbered(log, log.key("k", ValueKind.F64), 0, 5000);
            }
            try (EventLogReader reader = EventLogReader.open(logDir)) {
                assertEquals(numbered(0, 0, 5000), all(reader), policy.name());
            }
        }
    }

    @Test
    void i64AndRawValuesKeepAll64Bits() throws IOException {
        Path logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(16))) {
            log.appendBits(0, 0, log.key("count", ValueKind.I64), Long.MIN_VALUE + 1);
            log.appendBits(0, 1, log.key("$rng", ValueKind.RAW), 0x7ff4_0000_0000_0001L);   // a signalling NaN pattern
        }
        try (EventLogReader reader = EventLogReader.open(logDir)) {
            List<Rec> got = all(reader);
            assertEquals(Long.MIN_VALUE + 1, got.get(0).bits());
            assertEquals(0x7ff4_0000_0000_0001L, got.get(1).bits());
        }
    }

    @Test
    void aDirectoryThatHoldsALogIsNotCreatedAgain() throws IOException {
        Path logDir = dir.resolve("events");
        EventLogWriter.create(logDir, memory.root(), small(16)).close();
        assertThrows(FileAlreadyExistsException.class, () -> EventLogWriter.create(logDir, memory.root(), small(16)));
    }

    @Test
    void appendingAfterCloseFailsAndCloseIsIdempotent() throws IOException {
        EventLogWriter log = EventLogWriter.create(dir.resolve("events"), memory.root(), small(16));
        int key = log.key("k", ValueKind.F64);
        log.close();
        log.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> log.append(0, 0, key, 1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void aKeyRegisteredAgainWithAnotherKindIsRefused() throws IOException {
        try (EventLogWriter log = EventLogWriter.create(dir.resolve("events"), memory.root(), small(16))) {
            log.key("energy", ValueKind.F64);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.key("energy", ValueKind.I64));
            assertTrue(e.getMessage().contains("'energy' has kind f64"), e.getMessage());
        }
    }
}
