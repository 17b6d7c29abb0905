package io.tickstore.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.postgres.PostgresRuntime;
import io.tickstore.backends.sqlite.SqliteRuntime;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.columns.TickstoreException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a backend from the text a user types. */
class BackendsTest {
    @TempDir
    Path directory;

    @Test
    void sqliteMemoryOpensAPrivateDatabaseWithoutPostgresExtensions() {
        try (RuntimePersistence backend = Backends.open("sqlite::memory:")) {
            assertInstanceOf(SqliteRuntime.class, backend);
            assertFalse(backend instanceof PostgresExtensions);
            assertEquals("sqlite::memory:", backend.describe());
        }
    }

    @Test
    void sqliteWithAPathCreatesTheFileAndItsDirectories() {
        Path file = directory.resolve("data").resolve("runs").resolve("r1.sqlite");
        try (RuntimePersistence backend = Backends.open("sqlite:" + file)) {
            assertTrue(Files.exists(file));
            assertEquals("sqlite:" + file, backend.describe());
        }
    }

    @Test
    void postgresWithAJdbcUrlOpensAnInitialisedRuntime() throws SQLException {
        PostgresTestServer.assumeAvailable();
        String schema = PostgresTestServer.freshSchema("backends");
        try (RuntimePersistence backend = Backends.open("postgres:" + PostgresTestServer.url(), PostgresOptions.defaults().withSchema(schema))) {
            assertInstanceOf(PostgresRuntime.class, backend);
            assertTrue(backend instanceof PostgresExtensions);
            assertFalse(backend.describe().contains("password"), "no credentials in messages: " + backend.describe());
            backend.createSession(UUID.randomUUID(), List.of(TestWorlds.NODES));
        } finally {
            PostgresTestServer.dropSchema(schema);
        }
    }

    @Test
    void aSpecNamingNoBackendListsTheFormsThatDo() {
        for (String spec : new String[] {"mysql:x", "sqlite:", "postgres:mysql://host/db", "", "SQLITE::memory:"}) {
            PersistenceException e = assertThrows(PersistenceException.class, () -> Backends.open(spec));
            assertEquals(Problem.INVALID_INPUT, e.problem());
            assertTrue(e.getMessage().contains("sqlite:PATH") && e.getMessage().contains("postgres:jdbc:postgresql://"), e.getMessage());
        }
    }

    @Test
    void anUnreachableServerIsADatabaseErrorNamingIt() {
        PersistenceException e = assertThrows(PersistenceException.class, () -> Backends.open("postgres:jdbc:postgresql://127.0.0.1:1/test?user=x",
                PostgresOptions.defaults().withConnectTimeoutSeconds(2)));
        assertEquals(Problem.DATABASE, e.problem());
        assertTrue(e.getMessage().contains("127.0.0.1:1/test") && e.getMessage().contains("cannot connect"), e.getMessage());
    }
}
