package io.tickstore.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Opening a journal to read it creates nothing, changes nothing, and says so when there is nothing to read. */
class OpenExistingTest {
    @TempDir
    Path directory;

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @Test
    void aMissingSqliteFileIsNoJournalAndIsNotCreated() {
        Path file = directory.resolve("absent").resolve("r1.sqlite");
        PersistenceException e = assertThrows(PersistenceException.class, () -> Backends.openExisting("sqlite:" + file));
        assertEquals(Problem.NO_JOURNAL, e.problem());
        assertEquals("sqlite:" + file + ": no such SQLite journal: the file does not exist", e.getMessage());
        assertFalse(Files.exists(file.getParent()), "not even the directory is created");
    }

    @Test
    void readingASqliteJournalLeavesItsBytesAndNoOtherFile() throws Exception {
        Path file = directory.resolve("r1.sqlite");
        UUID session = UUID.randomUUID();
        byte[] hash;
        try (RuntimePersistence writer = Backends.open("sqlite:" + file); World world = TestWorlds.graph(memory.root(), 5, 30, 2, 3)) {
            writer.createSession(session, world);
            writer.persistTick(session, world);
            hash = ContentHash.of(world);
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        byte[] before = Files.readAllBytes(file);
        List<Path> filesBefore = list(directory);

        try (RuntimePersistence reader = Backends.openExisting("sqlite:" + file)) {
            try (World back = reader.hydrateLatest(session, memory.root())) {
                assertArrayEquals(hash, ContentHash.of(back));
            }
            assertEquals(Problem.UNKNOWN_SESSION,
                    assertThrows(PersistenceException.class, () -> reader.hydrateLatest(UUID.randomUUID(), memory.root())).problem());
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> reader.setMetadata(session, "k", "v"));
            assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
            assertThrows(IllegalStateException.class, () -> reader.createSession(UUID.randomUUID(), List.of(TestWorlds.NODES)));
        }

        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(file));
        assertEquals(filesBefore, list(directory), "no -wal or -shm file is left behind");
    }

    @Test
    void aSqliteDatabaseWithoutTheJournalTablesIsNoJournalAndStaysAsItWas() throws Exception {
        Path file = directory.resolve("other.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE unrelated (x INTEGER)");
        }
        byte[] before = Files.readAllBytes(file);
        PersistenceException e = assertThrows(PersistenceException.class, () -> Backends.openExisting("sqlite:" + file));
        assertEquals(Problem.NO_JOURNAL, e.problem());
        assertEquals("sqlite:" + file + ": the file holds no Tickstore journal", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), list(directory));
    }

    @Test
    void aFileThatIsNoDatabaseIsNoJournal() throws Exception {
        Path file = directory.resolve("notes.sqlite");
        Files.writeString(file, "not a database, but long enough to have a header of its own: ".repeat(4));
        PersistenceException e = assertThrows(PersistenceException.class, () -> Backends.openExisting("sqlite:" + file));
        assertEquals(Problem.NO_JOURNAL, e.problem());
        assertTrue(e.getMessage().startsWith("sqlite:" + file + ": not a SQLite database"), e.getMessage());
    }

    @Test
    void anInMemoryDatabaseHasNothingToRead() {
        assertEquals(Problem.NO_JOURNAL, assertThrows(PersistenceException.class, () -> Backends.openExisting("sqlite::memory:")).problem());
    }

    @Test
    void aPostgresSchemaThatDoesNotExistIsNoJournalAndIsNotCreated() throws SQLException {
        PostgresTestServer.assumeAvailable();
        String schema = PostgresTestServer.freshSchema("existing");
        try {
            PersistenceException e = assertThrows(PersistenceException.class,
                    () -> Backends.openExisting("postgres:" + PostgresTestServer.url(), PostgresOptions.defaults().withSchema(schema)));
            assertEquals(Problem.NO_JOURNAL, e.problem());
            assertTrue(e.getMessage().contains("schema " + schema + " does not exist"), e.getMessage());
            assertFalse(schemaExists(schema));

            try (Connection c = PostgresTestServer.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA \"" + schema + "\"");
                st.execute("CREATE TABLE \"" + schema + "\".\"session\" (session_id uuid PRIMARY KEY)");
            }
            PersistenceException partial = assertThrows(PersistenceException.class,
                    () -> Backends.openExisting("postgres:" + PostgresTestServer.url(), PostgresOptions.defaults().withSchema(schema)));
            assertEquals(Problem.NO_JOURNAL, partial.problem());
            assertTrue(partial.getMessage().contains("session_table"), partial.getMessage());
            assertEquals(1, tableCount(schema), "no table was created");
        } finally {
            PostgresTestServer.dropSchema(schema);
        }
    }

    @Test
    void aPostgresJournalIsReadThroughReadOnlyConnections() throws SQLException {
        PostgresTestServer.assumeAvailable();
        String schema = PostgresTestServer.freshSchema("existing");
        PostgresOptions options = PostgresOptions.defaults().withSchema(schema);
        String spec = "postgres:" + PostgresTestServer.url();
        try {
            UUID session = UUID.randomUUID();
            try (RuntimePersistence writer = Backends.open(spec, options); World world = TestWorlds.graph(memory.root(), 9, 30, 2, 4)) {
                writer.createSession(session, world);
                writer.persistTick(session, world);
                try (RuntimePersistence reader = Backends.openExisting(spec, options); World back = reader.hydrate(session, 4, memory.root())) {
                    assertArrayEquals(ContentHash.of(world), ContentHash.of(back));
                    assertThrows(IllegalStateException.class, () -> ((PostgresExtensions) reader).initSchema());
                    assertThrows(IllegalStateException.class, () -> reader.persistTick(session, world));
                }
            }
        } finally {
            PostgresTestServer.dropSchema(schema);
        }
    }

    private static boolean schemaExists(String schema) throws SQLException {
        try (Connection c = PostgresTestServer.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static int tableCount(String schema) throws SQLException {
        try (Connection c = PostgresTestServer.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<Path> list(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
