package io.tickstore.backends.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.TickstoreException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Options are checked when they are set, before any connection is made. */
class PostgresOptionsTest {
    @Test
    void theDefaultsWriteByBinaryCopyIntoTheTickstoreSchema() {
        PostgresOptions options = PostgresOptions.defaults();
        assertEquals("tickstore", options.schema());
        assertEquals(WriteMethod.BINARY_COPY, options.writeMethod());
        assertEquals(1 << 20, options.copyChunkBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tickstore", "tick store", "x\"; drop schema public; --", ""})
    void aSchemaNameThatIsNotALowerCaseIdentifierIsRefused(String name) {
        PersistenceException e = assertThrows(PersistenceException.class, () -> PostgresOptions.defaults().withSchema(name));
        assertEquals(Problem.INVALID_IDENTIFIER, e.problem());
    }

    @Test
    void sizesBelowTheirMinimumAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PostgresOptions.defaults().withPoolSize(0));
        assertThrows(IllegalArgumentException.class, () -> PostgresOptions.defaults().withCopyChunkBytes(100));
        assertThrows(IllegalArgumentException.class, () -> PostgresOptions.defaults().withConnectTimeoutSeconds(0));
        assertThrows(IllegalArgumentException.class, () -> PostgresOptions.defaults().withApplicationName(""));
    }
}
