package io.tickstore.backends.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.testing.SqlRows;
import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Schema;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to SQLite: files and memory, the write-ahead log, floats REAL cannot hold, its identifier rules. */
class SqliteRuntimeTest {
    @TempDir
    Path directory;

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private static List<String> rows(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return SqlRows.of(c, sql);
        }
    }

    @Test
    void aFileDatabaseUsesTheWriteAheadLog() {
        try (SqliteRuntime backend = SqliteRuntime.open(directory.resolve("wal.sqlite"))) {
            assertEquals("wal", backend.journalMode());
        }
    }

    @Test
    void anInMemoryDatabaseHoldsSessionsUntilClosed() {
        try (SqliteRuntime backend = SqliteRuntime.inMemory(); World world = TestWorlds.graph(memory.root(), 61, 40, 2, 0)) {
            UUID session = UUID.randomUUID();
            backend.createSession(session, world);
            backend.persistTick(session, world);
            try (World back = backend.hydrate(session, 0, memory.root())) {
                assertArrayEquals(ContentHash.of(world), ContentHash.of(back));
            }
            assertEquals("memory", backend.journalMode());
        }
    }

    @Test
    void aRunsDatabaseIsNamedAfterItsRun() {
        try (SqliteRuntime backend = SqliteRuntime.forRun(directory.resolve("runs"), "run-7")) {
            assertTrue(Files.exists(directory.resolve("runs").resolve("run-7.sqlite")));
            assertEquals("sqlite:" + directory.resolve("runs").resolve("run-7.sqlite"), backend.describe());
        }
        assertEquals(Problem.INVALID_INPUT, assertThrows(PersistenceException.class, () -> SqliteRuntime.forRun(directory, "../escape")).problem());
    }

    @Test
    void nanAndNegativeZeroAreReadableInTheJournalAndExactInTheExceptionTable() throws SQLException {
        Path file = directory.resolve("floats.sqlite");
        try (SqliteRuntime backend = SqliteRuntime.open(file); World world = TestWorlds.allTypes(memory.root(), 1)) {
            UUID session = UUID.randomUUID();
            backend.createSession(session, world);
            backend.persistTick(session, world);
            try (World back = backend.hydrate(session, 1, memory.root())) {
                assertArrayEquals(ContentHash.of(world), ContentHash.of(back));
            }
        }
        assertEquals(List.of("0 0.0 0.0", "1 null null"), rows(file, "SELECT _slot, \"select\", \"MixedCase\" FROM all_types_v2 WHERE _slot < 2 ORDER BY _slot"));
        assertEquals(List.of("0 MixedCase " + Long.MIN_VALUE, "0 select " + 0x8000_0000L, "1 MixedCase " + 0x7ff8_0000_0000_0abcL, "1 select " + 0x7fc0_0001),
                rows(file, "SELECT slot, column_name, bits FROM float_exception WHERE slot < 2 ORDER BY slot, column_name"));
    }

    @Test
    void u64IsStoredAsItsTwosComplementBits() throws SQLException {
        Path file = directory.resolve("u64.sqlite");
        try (SqliteRuntime backend = SqliteRuntime.open(file); World world = TestWorlds.allTypes(memory.root(), 1)) {
            UUID session = UUID.randomUUID();
            backend.createSession(session, world);
            backend.persistTick(session, world);
        }
        assertEquals(List.of("-1 4294967295 255"), rows(file, "SELECT u64, u32, u8 FROM all_types_v2 WHERE _slot = 1"));
    }

    @Test
    void columnsDifferingOnlyInCaseAreRefusedBecauseSqliteCannotTellThemApart() {
        Schema schema = Schema.builder("movers", 1).column("Speed", ColumnType.F32).column("speed", ColumnType.F32).build();
        UUID session = UUID.randomUUID();
        try (SqliteRuntime backend = SqliteRuntime.inMemory()) {
            PersistenceException e = assertThrows(PersistenceException.class, () -> backend.createSession(session, List.of(schema)));
            assertEquals(Problem.INVALID_IDENTIFIER, e.problem());
            assertTrue(e.getMessage().contains("'Speed' and 'speed'"), e.getMessage());
            assertEquals(Problem.UNKNOWN_SESSION, assertThrows(PersistenceException.class, () -> backend.getMetadata(session, "k")).problem());
        }
    }

    @Test
    void tablesDifferingOnlyInCaseAndTheSqlitePrefixAreRefused() {
        Schema lower = Schema.builder("nodes", 1).column("x", ColumnType.I32).build();
        Schema upper = Schema.builder("Nodes", 1).column("x", ColumnType.I32).build();
        Schema reserved = Schema.builder("sqlite_stats", 1).column("x", ColumnType.I32).build();
        try (SqliteRuntime backend = SqliteRuntime.inMemory()) {
            PersistenceException e = assertThrows(PersistenceException.class,
                    () -> backend.createSession(UUID.randomUUID(), List.of(lower, upper, reserved)));
            assertEquals(Problem.INVALID_IDENTIFIER, e.problem());
            assertTrue(e.getMessage().contains("differ only in case"), e.getMessage());
            assertTrue(e.getMessage().contains("'sqlite_stats' starts with 'sqlite_'"), e.getMessage());
        }
    }

    @Test
    void aSessionRecordedInAFileIsVisibleAfterReopening() {
        Path file = directory.resolve("reopen.sqlite");
        UUID session = UUID.randomUUID();
        byte[] expected;
        try (SqliteRuntime backend = SqliteRuntime.open(file); World world = TestWorlds.creatures(memory.root(), 62, 800, 2)) {
            backend.createSession(session, world);
            backend.persistTick(session, world);
            expected = ContentHash.of(world);
        }
        try (SqliteRuntime backend = SqliteRuntime.open(file); World back = backend.hydrateLatest(session, memory.root())) {
            assertArrayEquals(expected, ContentHash.of(back));
        }
    }
}
