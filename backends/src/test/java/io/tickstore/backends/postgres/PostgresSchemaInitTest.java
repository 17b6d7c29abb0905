package io.tickstore.backends.postgres;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.backends.testing.TestWorlds;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code initSchema} and journal creation are idempotent, also when several processes run them at once. */
class PostgresSchemaInitTest {
    private String schema;
    private final List<PostgresRuntime> opened = new ArrayList<>();

    @BeforeAll
    static void server() {
        PostgresTestServer.assumeAvailable();
    }

    @BeforeEach
    void freshSchema() {
        schema = PostgresTestServer.freshSchema("init");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        opened.forEach(PostgresRuntime::close);
        PostgresTestServer.dropSchema(schema);
    }

    private PostgresRuntime open() {
        PostgresRuntime runtime = PostgresRuntime.open(PostgresTestServer.url(), PostgresOptions.defaults().withSchema(schema).withPoolSize(1));
        synchronized (opened) {
            opened.add(runtime);
        }
        return runtime;
    }

    private List<String> tables() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = PostgresTestServer.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "' ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void initCreatesTheRegistryTablesAndRunningItAgainChangesNothing() throws SQLException {
        PostgresRuntime runtime = open();
        runtime.initSchema();
        // information_schema.tables lists views too: "sessions" is the view of the sessions
        List<String> expected = List.of("metadata", "session", "session_table", "sessions", "tick", "tick_event", "tick_log", "tick_summary",
                "tick_table", "trace_log");
        assertEquals(expected, tables());
        runtime.initSchema();
        assertEquals(expected, tables());
    }

    @Test
    void processesInitialisingAndCreatingTheSameJournalAtOnceAllSucceed() throws Exception {
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                Callable<Void> work = () -> {
                    PostgresRuntime runtime = open();
                    start.await();
                    runtime.initSchema();
                    runtime.createSession(UUID.randomUUID(), List.of(TestWorlds.NODES, TestWorlds.EDGES));
                    return null;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            for (Future<Void> result : results) {
                assertDoesNotThrow(() -> result.get(1, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(true, tables().containsAll(List.of("nodes_v1", "edges_v1")));
    }
}
