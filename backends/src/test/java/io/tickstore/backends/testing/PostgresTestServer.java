package io.tickstore.backends.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the PostgreSQL server the tests use. The JDBC URL comes from the environment variable
 * {@value #URL_VARIABLE}, default {@value #DEFAULT_URL}. When the server does not answer, PostgreSQL tests are
 * skipped with one line saying why, except when the environment variable {@code CI} is {@code true}: there a
 * missing server fails them.
 *
 * <p>Each test class works in its own database schema ({@link #freshSchema}) and drops it afterwards, so parallel
 * or interrupted runs never see each other's tables.
 */
public final class PostgresTestServer {
    public static final String URL_VARIABLE = "TICKSTORE_PG_URL";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static String unreachable;
    private static boolean probed;
    private static boolean announced;

    private PostgresTestServer() {
    }

    public static String url() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** Skips the calling test (or class, from {@code @BeforeAll}) when the server is down; fails instead under CI. */
    public static synchronized void assumeAvailable() {
        if (!probed) {
            probed = true;
            try (Connection c = connect()) {
                c.isValid(3);
            } catch (SQLException e) {
                unreachable = e.getMessage();
            }
        }
        if (unreachable != null) {
            String why = "PostgreSQL is not reachable at " + url() + " (" + unreachable + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + "; CI=true requires it");
            }
            String line = "PostgreSQL tests skipped: " + why + "; start the server or set " + URL_VARIABLE;
            if (!announced) {
                // a class skipped from @BeforeAll shows in no report, so the reason is printed once where people look
                announced = true;
                System.err.println(line);
            }
            Assumptions.abort(line);
        }
    }

    public static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("loginTimeout", "3");
        return DriverManager.getConnection(url(), properties);
    }

    /** A schema name no other run uses: {@code tickstore_test_<purpose>_<random>}. */
    public static String freshSchema(String purpose) {
        return "tickstore_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Drops a schema made by {@link #freshSchema} and everything in it. */
    public static void dropSchema(String schema) throws SQLException {
        if (!schema.startsWith("tickstore_test_")) {
            throw new IllegalArgumentException("refusing to drop '" + schema + "', which no test created");
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }
}
