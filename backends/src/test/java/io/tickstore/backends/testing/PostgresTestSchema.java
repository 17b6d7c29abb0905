package io.tickstore.backends.testing;

import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.postgres.PostgresRuntime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database schema of its own for one PostgreSQL test class, and the runtimes opened in it. Before the class's
 * first test it skips the class when the server is down (fails it under CI, see {@link PostgresTestServer}) and
 * names a fresh schema; after the last test it closes every runtime it opened and drops the schema.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final PostgresTestSchema postgres = new PostgresTestSchema("extensions");
 *
 * &#64;Test
 * void summaries() {
 *     postgres.backend().summarizeTick(session, 0);
 * }
 * </pre>
 */
public final class PostgresTestSchema implements BeforeAllCallback, AfterAllCallback {
    private final String purpose;
    private final List<PostgresRuntime> opened = new ArrayList<>();
    private String name;
    private PostgresRuntime backend;

    /** @param purpose a word for the schema's name: {@code tickstore_test_<purpose>_<random>} */
    public PostgresTestSchema(String purpose) {
        this.purpose = purpose;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        PostgresTestServer.assumeAvailable();
        name = PostgresTestServer.freshSchema(purpose);
    }

    /** The database schema's name. */
    public String name() {
        return name;
    }

    /** The default options, in this schema. */
    public PostgresOptions options() {
        return PostgresOptions.defaults().withSchema(name);
    }

    /** Opens a runtime with {@code options} and creates the registry tables; it is closed after the last test. */
    public synchronized PostgresRuntime open(PostgresOptions options) {
        PostgresRuntime runtime = PostgresRuntime.open(PostgresTestServer.url(), options);
        opened.add(runtime);
        runtime.initSchema();
        return runtime;
    }

    /** The class's shared runtime (a pool of two connections), opened on first use. */
    public synchronized PostgresRuntime backend() {
        if (backend == null) {
            backend = open(options().withPoolSize(2));
        }
        return backend;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws SQLException {
        if (name == null) {
            return;
        }
        opened.forEach(PostgresRuntime::close);
        opened.clear();
        backend = null;
        PostgresTestServer.dropSchema(name);
    }
}
