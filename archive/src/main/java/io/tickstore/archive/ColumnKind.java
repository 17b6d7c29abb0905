package io.tickstore.archive;

import io.tickstore.archive.internal.Sha256;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Locale;
import org.duckdb.DuckDBAppender;

/**
 * How one column of a journal table travels into Parquet and how its values enter a content hash: the DuckDB type it
 * is written as, read from the database's JDBC metadata (PostgreSQL's and SQLite's names alike), and one reader that
 * takes the value from either side (the database, or the Parquet file read back through DuckDB) the same way, so
 * both sides hash the same bytes.
 *
 * <p>The content hash of a column value: a tag byte (0 for NULL), then the value's fixed form: integers as 8 bytes
 * big-endian, floats by their bits with every NaN as Java's canonical one, booleans as one byte, decimals and text as
 * their UTF-8 text with its length, bytes with their length, timestamps as microseconds since 1970.
 */
enum ColumnKind {
    BIGINT("BIGINT"), INTEGER("INTEGER"), SMALLINT("SMALLINT"), FLOAT("FLOAT"), DOUBLE("DOUBLE"), BOOLEAN("BOOLEAN"),
    DECIMAL("DECIMAL(38,0)"), VARCHAR("VARCHAR"), BLOB("BLOB"), TIMESTAMPTZ("TIMESTAMPTZ");

    final String duckType;

    ColumnKind(String duckType) {
        this.duckType = duckType;
    }

    /** The kind of column {@code i} of a database result set. */
    static ColumnKind of(ResultSetMetaData meta, int i) throws SQLException {
        String name = meta.getColumnTypeName(i).toLowerCase(Locale.ROOT);
        switch (name) {
            case "int8": case "bigint": case "integer": case "int":
                return BIGINT;
            case "int4":
                return INTEGER;
            case "int2": case "smallint":
                return SMALLINT;
            case "float4":
                return FLOAT;
            case "float8": case "real": case "double": case "double precision":
                return DOUBLE;
            case "bool": case "boolean":
                return BOOLEAN;
            case "numeric": case "decimal":
                return DECIMAL;
            case "bytea": case "blob":
                return BLOB;
            case "timestamptz": case "timestamp":
                return TIMESTAMPTZ;
            default:
                break;
        }
        switch (meta.getColumnType(i)) {
            case Types.BIGINT:
                return BIGINT;
            case Types.INTEGER:
                return INTEGER;
            case Types.SMALLINT: case Types.TINYINT:
                return SMALLINT;
            case Types.REAL:
                return FLOAT;
            case Types.FLOAT: case Types.DOUBLE:
                return DOUBLE;
            case Types.BOOLEAN: case Types.BIT:
                return BOOLEAN;
            case Types.NUMERIC: case Types.DECIMAL:
                return DECIMAL;
            case Types.BINARY: case Types.VARBINARY: case Types.LONGVARBINARY: case Types.BLOB:
                return BLOB;
            case Types.TIMESTAMP: case Types.TIMESTAMP_WITH_TIMEZONE:
                return TIMESTAMPTZ;
            default:
                return VARCHAR;    // text, json, jsonb, uuid: their text
        }
    }

    /** The kind written as {@code duckType} (as a manifest names it). */
    static ColumnKind ofDuckType(String duckType) {
        for (ColumnKind kind : values()) {
            if (kind.duckType.equals(duckType)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown archive column type " + duckType);
    }

    /** Reads column {@code i} of the current row, hashes it into {@code hash} and, when given, appends it. */
    void copy(ResultSet rs, int i, RowHash hash, DuckDBAppender appender) throws SQLException {
        switch (this) {
            case BIGINT: case INTEGER: case SMALLINT: {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    nullValue(hash, appender);
                    return;
                }
                hash.tag(1).putLong(v);
                if (appender != null) {
                    if (this == BIGINT) {
                        appender.append(v);
                    } else if (this == INTEGER) {
                        appender.append((int) v);
                    } else {
                        appender.append((short) v);
                    }
                }
                return;
            }
            case FLOAT: {
                float v = rs.getFloat(i);
                if (rs.wasNull()) {
                    nullValue(hash, appender);
                    return;
                }
                hash.tag(2).putLong(Float.floatToIntBits(v));
                if (appender != null) {
                    appender.append(v);
                }
                return;
            }
            case DOUBLE: {
                double v = rs.getDouble(i);
                if (rs.wasNull()) {
                    nullValue(hash, appender);
                    return;
                }
                hash.tag(3).putLong(Double.doubleToLongBits(v));
                if (appender != null) {
                    appender.append(v);
                }
                return;
            }
            case BOOLEAN: {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    nullValue(hash, appender);
                    return;
                }
                hash.tag(4).putLong(v ? 1 : 0);
                if (appender != null) {
                    appender.append(v);
                }
                return;
            }
            case DECIMAL: {
                BigDecimal v = rs.getBigDecimal(i);
                if (v == null) {
                    nullValue(hash, appender);
                    return;
                }
                hash.tag(5).putText(v.toBigInteger().toString());
                if (appender != null) {
                    appender.append(new BigDecimal(v.toBigInteger()));
                }
                return;
            }
            case BLOB: {
                byte[] v = rs.getBytes(i);
                if (v == null) {
                    nullValue(hash, appender);
                    return;
                }
                hash.tag(7).putBytes(v);
                if (appender != null) {
                    appender.append(v);
                }
                return;
            }
            case TIMESTAMPTZ: {
                Timestamp v = rs.getTimestamp(i);
                if (v == null) {
                    nullValue(hash, appender);
                    return;
                }
                long micros = Math.floorDiv(v.getTime(), 1000L) * 1_000_000L + v.getNanos() / 1000;
                hash.tag(8).putLong(micros);
                if (appender != null) {
                    appender.appendEpochMicros(micros);
                }
                return;
            }
            default: {
                String v = rs.getString(i);
                if (v == null) {
                    nullValue(hash, appender);
                    return;
                }
                hash.tag(6).putText(v);
                if (appender != null) {
                    appender.append(v);
                }
            }
        }
    }

    private static void nullValue(RowHash hash, DuckDBAppender appender) throws SQLException {
        hash.tag(0);
        if (appender != null) {
            appender.appendNull();
        }
    }

    /** A SHA-256 over values, fed one field at a time without an object per value. */
    static final class RowHash {
        private final MessageDigest digest;
        private final byte[] eight = new byte[8];

        RowHash() {
            digest = Sha256.digest();
        }

        RowHash tag(int tag) {
            digest.update((byte) tag);
            return this;
        }

        RowHash putLong(long v) {
            for (int i = 7; i >= 0; i--) {
                eight[i] = (byte) v;
                v >>>= 8;
            }
            digest.update(eight);
            return this;
        }

        RowHash putText(String text) {
            return putBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        RowHash putBytes(byte[] bytes) {
            putLong(bytes.length);
            digest.update(bytes);
            return this;
        }

        String hex() {
            return java.util.HexFormat.of().formatHex(digest.digest());
        }
    }
}
