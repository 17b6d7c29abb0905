package io.tickstore.backends.postgres;

import io.tickstore.columns.ColumnType;

/**
 * How each Tickstore column type is stored in PostgreSQL. PostgreSQL has no unsigned integers, so each unsigned
 * type takes the next wider signed one, with a {@code CHECK} that keeps the journal inside the Tickstore type's
 * range; {@code u64} takes {@code numeric(20,0)}, the only type holding every value up to 2^64 - 1. {@code i8}
 * has no one-byte PostgreSQL type either and takes {@code smallint}.
 *
 * <pre>
 *   i8  smallint  CHECK -128..127        u8  smallint  CHECK 0..255
 *   i16 smallint                         u16 integer   CHECK 0..65535
 *   i32 integer                          u32 bigint    CHECK 0..4294967295
 *   i64 bigint                           u64 numeric(20,0) CHECK 0..18446744073709551615
 *   f32 real       f64 double precision  bool boolean
 * </pre>
 */
public final class PgColumnTypes {
    private PgColumnTypes() {
    }

    /** The column's SQL type, spelled as {@code format_type()} prints it (so an existing table can be compared). */
    public static String sqlType(ColumnType type) {
        switch (type) {
            case I8: case U8: case I16: return "smallint";
            case U16: case I32: return "integer";
            case U32: case I64: return "bigint";
            case U64: return "numeric(20,0)";
            case F32: return "real";
            case F64: return "double precision";
            case BOOL: return "boolean";
            default: throw new AssertionError(type);
        }
    }

    /** The range check for a column whose PostgreSQL type is wider than the Tickstore type, or null. */
    public static String rangeCheck(ColumnType type, String quotedColumn) {
        switch (type) {
            case I8: return "CHECK (" + quotedColumn + " BETWEEN -128 AND 127)";
            case U8: return "CHECK (" + quotedColumn + " BETWEEN 0 AND 255)";
            case U16: return "CHECK (" + quotedColumn + " BETWEEN 0 AND 65535)";
            case U32: return "CHECK (" + quotedColumn + " BETWEEN 0 AND 4294967295)";
            case U64: return "CHECK (" + quotedColumn + " BETWEEN 0 AND 18446744073709551615)";
            default: return null;
        }
    }
}
