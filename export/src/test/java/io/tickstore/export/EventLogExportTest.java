package io.tickstore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.eventlog.EventLogOptions;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.eventlog.EventLogWriter;
import io.tickstore.snapshot.eventlog.ValueKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The two post-processors: CSV and SQLite hold every record, with names and values readable without the codebook. */
class EventLogExportTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    Path logDir;

    @BeforeEach
    void writeLog() throws IOException {
        logDir = dir.resolve("events");
        try (EventLogWriter log = EventLogWriter.create(logDir, memory.root(), small(2))) {
            int energy = log.key("creatures.energy", ValueKind.F64);
            int count = log.key("count", ValueKind.I64);
            int action = log.key("action, said", ValueKind.SYMBOL);
            int born = log.key("creatures.$born", ValueKind.NONE);
            log.append(1, 7, energy, 0.25);
            log.appendBits(1, 7, count, -3);
            log.append(2, 8, action, log.symbol("eat \"fast\""));
            log.appendBits(2, 9, born, 0);
        }
    }

    @Test
    void csvHasOneLinePerRecordWithKeyNamesAndReadableValues() throws IOException {
        Path csv = dir.resolve("events.csv");
        try (EventLogReader log = EventLogReader.open(logDir)) {
            assertEquals(4, EventLogExport.toCsv(log, csv));
        }
        assertEquals(List.of(
                "tick,entity,key,value",
                "1,7,creatures.energy,0.25",
                "1,7,count,-3",
                "2,8,\"action, said\",\"eat \"\"fast\"\"\"",
                "2,9,creatures.$born,"), Files.readAllLines(csv));
    }

    @Test
    void sqliteHoldsEventsKeysSymbolsAndANamedView() throws IOException, SQLException {
        Path db = dir.resolve("events.sqlite");
        try (EventLogReader log = EventLogReader.open(logDir)) {
            assertEquals(4, EventLogExport.toSqlite(log, db));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT tick, entity, key, value FROM events_named ORDER BY seq")) {
                r.next();
                assertEquals("creatures.energy", r.getString(3));
                assertEquals(0.25, r.getDouble(4));
                r.next();
                assertEquals(-3, r.getLong(4), "an i64 value is stored as an INTEGER");
                r.next();
                assertEquals(0, r.getLong(4), "a symbol's code");
                r.next();
                r.getObject(4);
                assertEquals(true, r.wasNull(), "keys without a value hold NULL");
            }
            try (ResultSet r = s.executeQuery("SELECT text FROM symbols WHERE code = 0")) {
                r.next();
                assertEquals("eat \"fast\"", r.getString(1));
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM events WHERE entity = 7")) {
                r.next();
                assertEquals(2, r.getInt(1));
            }
        }
    }

    @Test
    void aFailedExportLeavesNoFileBehind() throws IOException {
        Path missingDir = dir.resolve("no-such-dir").resolve("events.csv");
        try (EventLogReader log = EventLogReader.open(logDir)) {
            org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> EventLogExport.toCsv(log, missingDir));
        }
        assertFalse(Files.exists(missingDir.getParent()));
    }

    /** Small buffers (so a few records make several chunks), page cache, no shutdown hook. */
    private static EventLogOptions small(int bufferRecords) {
        return EventLogOptions.defaults().withBufferRecords(bufferRecords).withDurability(Durability.PAGE_CACHE)
                .withShutdownHook(false);
    }
}
