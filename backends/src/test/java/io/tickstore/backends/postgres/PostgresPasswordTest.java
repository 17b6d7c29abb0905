package io.tickstore.backends.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import io.tickstore.backends.Backends;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password reaches the server and nothing else: not the URL the pool and the driver see (and may print), not a
 * description, not an exception message or any of its causes.
 */
class PostgresPasswordTest {
    private static final String SECRET = "SECRET-7f3a";

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path home;

    /** Every message of {@code e}, its causes and what they suppressed. */
    static List<String> messages(Throwable e) {
        List<String> all = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> pending = new ArrayList<>(List.of(e));
        while (!pending.isEmpty()) {
            Throwable t = pending.remove(pending.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            all.add(t.getClass().getName() + ": " + t.getMessage());
            pending.add(t.getCause());
            pending.addAll(List.of(t.getSuppressed()));
        }
        return all;
    }

    static void assertNoSecret(Throwable e) {
        for (String message : messages(e)) {
            assertFalse(message.contains(SECRET), "the password leaks in: " + message);
        }
    }

    @Test
    void thePoolIsGivenTheUrlWithoutThePasswordAndThePasswordApart() {
        for (String url : new String[] {"jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=" + SECRET + "&sslpassword=" + SECRET,
                                        "jdbc:postgresql://postgres:" + SECRET + "@127.0.0.1:5432/test?sslpassword=" + SECRET}) {
            HikariConfig config = PostgresRuntime.poolConfig(PostgresUrl.parse(url), PostgresOptions.defaults(), false);
            assertEquals("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", config.getJdbcUrl());
            assertFalse(config.getPoolName().contains(SECRET), config.getPoolName());
            assertEquals(SECRET, config.getPassword());
            assertEquals(SECRET, config.getDataSourceProperties().getProperty("sslpassword"));
        }
    }

    @Test
    void withoutOneInTheUrlThePasswordComesFromTheInjectedEnvironment() {
        PostgresOptions options = PostgresOptions.defaults().withPasswordLookup(PasswordLookup.of(Map.of("PGPASSWORD", SECRET), home, "nobody", w -> { }));
        HikariConfig config = PostgresRuntime.poolConfig(PostgresUrl.parse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"), options, false);
        assertEquals(SECRET, config.getPassword());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", config.getJdbcUrl());
    }

    @Test
    void aServerThatDoesNotAnswerIsNamedWithoutThePasswordAndWithWhy() {
        PersistenceException e = assertThrows(PersistenceException.class, () -> Backends.open(
                "postgres:jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=" + SECRET, PostgresOptions.defaults().withConnectTimeoutSeconds(1)));
        assertEquals(Problem.DATABASE, e.problem());
        assertNoSecret(e);
        assertTrue(e.getMessage().startsWith("postgres:jdbc:postgresql://127.0.0.1:1/test?user=postgres schema tickstore: cannot connect: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("refused"), "the cause that says what is wrong is kept: " + e.getMessage());
    }

    @Test
    void aUrlTheDriverRejectsIsQuotedWithoutThePassword() {
        // pgjdbc refuses the extra path segment, and HikariCP then quotes the URL it was given
        PersistenceException e = assertThrows(PersistenceException.class, () -> Backends.open(
                "postgres:jdbc:postgresql://postgres:" + SECRET + "@127.0.0.1:5432/test/extra?password=" + SECRET,
                PostgresOptions.defaults().withConnectTimeoutSeconds(1)));
        assertNoSecret(e);
    }

    @Test
    void aPasswordInTheUrlConnectsAndIsInNoMessage() {
        PostgresTestServer.assumeAvailable();
        String schema = PostgresTestServer.freshSchema("password");
        String spec = "postgres:" + PostgresTestServer.url() + (PostgresTestServer.url().contains("?") ? "&" : "?") + "password=" + SECRET;
        try (RuntimePersistence backend = Backends.open(spec, PostgresOptions.defaults().withSchema(schema));
             World world = TestWorlds.graph(memory.root(), 3, 20, 2, 0)) {
            assertFalse(backend.describe().contains(SECRET), backend.describe());
            UUID session = UUID.randomUUID();
            backend.createSession(session, world);
            backend.persistTick(session, world);
            try (RuntimePersistence reader = Backends.openExisting(spec, PostgresOptions.defaults().withSchema(schema));
                 World back = reader.hydrate(session, 0, memory.root())) {
                assertArrayEquals(ContentHash.of(world), ContentHash.of(back));
                assertNoSecret(assertThrows(PersistenceException.class, () -> reader.hydrate(UUID.randomUUID(), 0, memory.root())));
                assertNoSecret(assertThrows(PersistenceException.class, () -> reader.hydrate(session, 99, memory.root())));
                assertNoSecret(assertThrows(IllegalStateException.class, () -> reader.setMetadata(session, "k", "v")));
            }
        } finally {
            try {
                PostgresTestServer.dropSchema(schema);
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        }
    }
}
