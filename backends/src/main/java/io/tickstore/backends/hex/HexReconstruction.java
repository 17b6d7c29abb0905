package io.tickstore.backends.hex;

import io.tickstore.backends.BackendSpec;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.internal.journal.FailureText;
import io.tickstore.backends.postgres.PgConnections;
import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.postgres.PostgresUrl;
import io.tickstore.columns.TickstoreException.Problem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A past tick of a session's hex journal, rebuilt on a connection of its own in a read-only transaction: what a
 * command line or a report asks for, without holding a connection itself.
 */
public final class HexReconstruction {
    private static final String UNDEFINED_TABLE = "42P01";

    private HexReconstruction() {
    }

    /**
     * Rebuilds {@code tick} (null: the tick hex_latest is at) for the given counties (the whole map when empty).
     * Throws {@link Problem#NO_JOURNAL} when the options' schema holds no hex journal, and what
     * {@link HexCache#reconstruct} throws.
     */
    public static List<HexState> read(PostgresUrl url, PostgresOptions options, UUID session, Integer tick,
            Collection<String> counties) {
        String where = BackendSpec.postgres(url) + " schema " + options.schema();
        try (Connection connection = PgConnections.open(url, options, true)) {
            connection.setAutoCommit(false);
            try {
                int at = tick != null ? tick : HexCache.currentTick(connection, session);
                return HexCache.reconstruct(connection, session, at, counties);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw new PersistenceException(Problem.NO_JOURNAL, where + ": no hex journal there (" + FailureText.of(e) + ")", e);
            }
            throw new PersistenceException(Problem.DATABASE, where + ": " + FailureText.of(e), e);
        }
    }
}
