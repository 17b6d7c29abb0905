package io.tickstore.export;

import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A table as a Parquet file, written by DuckDB (its JDBC driver, in-memory, with no extension loaded or
 * downloaded): {@code _entity_id} (BIGINT), then every column in schema order, rows in slot order, compressed with
 * zstd. Parquet has no unsigned integers that every reader takes, so unsigned columns widen to the next signed type,
 * as in the PostgreSQL journal ({@code u8} SMALLINT, {@code u16} INTEGER, {@code u32} BIGINT, {@code u64}
 * DECIMAL(20,0)); floats keep their values, NaN and -0.0 included; {@code bool} is BOOLEAN. The file's key-value
 * metadata holds {@code tickstore.table}, {@code tickstore.schemaVersion} and {@code tickstore.tick}.
 *
 * <pre>
 * ParquetExport.write(world.table("creatures"), world.tick(), OutputTarget.of(Path.of("creatures.parquet")));
 * </pre>
 *
 * The rows are appended to DuckDB from the table's columns one value at a time (DuckDB's appender), then DuckDB
 * writes the file; a regular file is replaced whole when it is complete ({@link OutputTarget#writeFile}); a stream
 * is refused, since DuckDB writes by name.
 */
public final class ParquetExport {
    private ParquetExport() {
    }

    /** Writes {@code table} at {@code tick} to {@code target}; returns the rows written. */
    public static long write(Table table, long tick, OutputTarget target) throws IOException {
        return target.writeFile("a Parquet file", file -> writeFile(table, tick, file));
    }

    /** Writes {@code table} at {@code tick} into a new file at {@code file}. */
    public static long writeFile(Table table, long tick, Path file) throws IOException {
        for (ColumnSpec column : table.schema().columns()) {
            if (!column.layout().isScalar()) {
                // DuckDB's appender takes scalars; lists, categories and texts need another path, not written yet
                throw new TickstoreException(TickstoreException.Problem.INVALID_ARGUMENT, file + ": column '" + column.name()
                        + "' of table '" + table.name() + "' is " + column.layout() + "; Parquet export writes tables of scalar "
                        + "columns (export this one as arrow, which every Parquet tool also reads)");
            }
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
            st.execute("SET autoinstall_known_extensions = false");
            st.execute("SET autoload_known_extensions = false");
            StringBuilder ddl = new StringBuilder("CREATE TABLE export (\"_entity_id\" BIGINT");
            for (ColumnSpec column : table.schema().columns()) {
                ddl.append(", \"").append(column.name()).append("\" ").append(sqlType(column.type()));
            }
            st.execute(ddl.append(')').toString());
            long rows = table.rowCount();
            int columns = table.schema().columnCount();
            try (DuckDBAppender appender = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "export")) {
                for (long row = 0; row < rows; row++) {
                    appender.beginRow();
                    appender.append(table.entityId(row));
                    for (int c = 0; c < columns; c++) {
                        append(appender, table.schema().column(c).type(), table.getBits(c, row));
                    }
                    appender.endRow();
                }
            }
            st.execute("COPY export TO '" + file.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT parquet, COMPRESSION zstd,"
                    + " KV_METADATA {'tickstore.table': '" + table.name() + "', 'tickstore.schemaVersion': '" + table.schema().version()
                    + "', 'tickstore.tick': '" + tick + "'})");
            return rows;
        } catch (SQLException e) {
            throw new IOException(file + ": writing Parquet failed: " + e.getMessage(), e);
        }
    }

    /** The Parquet (DuckDB) type a column is written as. */
    static String sqlType(ColumnType type) {
        switch (type) {
            case I8:
                return "TINYINT";
            case U8: case I16:
                return "SMALLINT";
            case U16: case I32:
                return "INTEGER";
            case U32: case I64:
                return "BIGINT";
            case U64:
                return "DECIMAL(20,0)";
            case F32:
                return "FLOAT";
            case F64:
                return "DOUBLE";
            case BOOL:
                return "BOOLEAN";
            default:
                throw new IllegalArgumentException("column type " + type + " has no Parquet export yet");
        }
    }

    private static void append(DuckDBAppender appender, ColumnType type, long bits) throws SQLException {
        switch (type) {
            case I8:
                appender.append((byte) bits);
                break;
            case U8:
                appender.append((short) (bits & 0xFF));
                break;
            case I16:
                appender.append((short) bits);
                break;
            case U16:
                appender.append((int) (bits & 0xFFFF));
                break;
            case I32:
                appender.append((int) bits);
                break;
            case U32:
                appender.append(bits & 0xFFFF_FFFFL);
                break;
            case I64:
                appender.append(bits);
                break;
            case U64:
                appender.append(new BigDecimal(bits >= 0 ? BigInteger.valueOf(bits) : BigInteger.valueOf(bits).add(BigInteger.ONE.shiftLeft(64))));
                break;
            case F32:
                appender.append(Float.intBitsToFloat((int) bits));
                break;
            case F64:
                appender.append(Double.longBitsToDouble(bits));
                break;
            case BOOL:
                appender.append(bits != 0);
                break;
            default:
                throw new IllegalArgumentException("column type " + type + " has no Parquet export yet");
        }
    }
}
