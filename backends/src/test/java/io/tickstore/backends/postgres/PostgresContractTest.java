package io.tickstore.backends.postgres;

import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.RuntimePersistenceContract;
import io.tickstore.backends.testing.PostgresTestSchema;
import io.tickstore.backends.testing.PostgresTestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared contract against PostgreSQL, in a database schema of its own. */
class PostgresContractTest extends RuntimePersistenceContract {
    @RegisterExtension
    static final PostgresTestSchema postgres = new PostgresTestSchema("contract");
    private static PostgresRuntime backend;

    @BeforeAll
    static void open() {
        backend = postgres.open(postgres.options().withPoolSize(6));
    }

    @Override
    protected RuntimePersistence backend() {
        return backend;
    }

    @Override
    protected RuntimePersistence openAnother() {
        return PostgresRuntime.open(PostgresTestServer.url(), postgres.options().withPoolSize(1));
    }
}
