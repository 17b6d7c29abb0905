package io.tickstore.backends.sqlite;

import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.RuntimePersistenceContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The shared contract against a SQLite file in write-ahead-log mode. */
class SqliteContractTest extends RuntimePersistenceContract {
    @TempDir
    static Path directory;
    private static SqliteRuntime backend;

    @BeforeAll
    static void open() {
        backend = SqliteRuntime.open(directory.resolve("runs").resolve("contract.sqlite"));
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Override
    protected RuntimePersistence backend() {
        return backend;
    }

    @Override
    protected RuntimePersistence openAnother() {
        return SqliteRuntime.open(directory.resolve("runs").resolve("contract.sqlite"));
    }
}
