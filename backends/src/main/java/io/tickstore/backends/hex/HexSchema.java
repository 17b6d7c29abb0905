package io.tickstore.backends.hex;

import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.TickstoreException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the hex journal's tables, indexes and composition views in the connection's current schema
 * ({@code hex-journal.sql}, then {@code hex-views.sql}). Installing twice changes nothing, and installs from several
 * processes at once are serialised by a transaction-scoped advisory lock on the schema's name, because concurrent
 * {@code CREATE ... IF NOT EXISTS} can still collide in the catalogue.
 *
 * <p>PostGIS must be installed on the server (Debian: {@code postgresql-15-postgis-3}); the script creates the
 * extension in the database when it is missing, and its {@code geometry} type must be on the search path.
 */
public final class HexSchema {
    private static final String[] SCRIPTS = {"hex-journal.sql", "hex-views.sql"};

    private HexSchema() {
    }

    /**
     * Installs the schema inside the caller's transaction; on a connection in auto-commit mode, inside a transaction
     * of its own that it commits.
     */
    public static void install(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(hashtext('tickstore hex journal ' || current_schema()))");
            for (String script : SCRIPTS) {
                st.execute(script(script));
            }
            if (autoCommit) {
                connection.commit();
            }
        } catch (SQLException e) {
            if (autoCommit) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    private static String script(String name) {
        try (InputStream in = HexSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new PersistenceException(Problem.MISSING_FILE, name + ": the hex journal's DDL is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read the hex journal's DDL", e);
        }
    }
}
