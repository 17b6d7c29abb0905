package io.tickstore.archive;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An in-memory DuckDB for one archive operation. Extensions are never installed or loaded at run time (Parquet is
 * built into the driver), so nothing is downloaded; spills, if any, go to {@code spillDir}.
 */
final class DuckDb {
    private DuckDb() {
    }

    static Connection open(Path spillDir) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = c.createStatement()) {
            st.execute("SET autoinstall_known_extensions = false");
            st.execute("SET autoload_known_extensions = false");
            if (spillDir != null) {
                st.execute("SET temp_directory = '" + literal(spillDir.toAbsolutePath().toString()) + "'");
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** A string as the inside of a SQL literal. */
    static String literal(String text) {
        return text.replace("'", "''");
    }

    /** An identifier, quoted. */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
