package io.tickstore.backends.postgres;

import io.tickstore.backends.BackendSpec;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.internal.journal.FailureText;
import io.tickstore.columns.TickstoreException.Problem;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One plain JDBC connection to the server of a URL, for the set-based SQL that works on a journal's own tables (the
 * hex journal) rather than through {@link PostgresRuntime}: the same password lookup and connection properties as the
 * runtime's pool, and the options' schema first on the search path (then public, where PostGIS lives).
 */
public final class PgConnections {
    private PgConnections() {
    }

    /** Opens a connection, in auto-commit mode; {@code readOnly} makes every transaction READ ONLY. */
    public static Connection open(PostgresUrl url, PostgresOptions options, boolean readOnly) {
        Properties properties = new Properties();
        String password = options.passwordLookup().forDriver(url);
        if (password != null) {
            properties.setProperty("password", password);
        }
        url.secretParameters().forEach(properties::setProperty);
        properties.setProperty("ApplicationName", options.applicationName());
        properties.setProperty("connectTimeout", Integer.toString(options.connectTimeoutSeconds()));
        properties.setProperty("loginTimeout", Integer.toString(options.connectTimeoutSeconds()));
        try {
            Connection connection = DriverManager.getConnection(url.toString(), properties);
            try (Statement st = connection.createStatement()) {
                st.execute("SET search_path TO \"" + options.schema() + "\", public");
                connection.setReadOnly(readOnly);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        } catch (SQLException e) {
            throw new PersistenceException(Problem.DATABASE, BackendSpec.postgres(url) + " schema " + options.schema()
                    + ": cannot connect: " + FailureText.of(e), e);
        }
    }
}
