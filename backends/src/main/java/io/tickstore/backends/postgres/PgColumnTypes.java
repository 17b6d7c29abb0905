package io.tickstore.backends.postgres;

import io.tickstore.backends.postgres.copy.PgOid;
import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnSpec;
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
 *
 * The other kinds of columns:
 *
 * <pre>
 *   f32[768], f64[4,3], u8[2] ...   an array of the element's type (real[], double precision[], smallint[] ...), CHECK that
 *                                  its dimensions are the column's ('[1:4][1:3]') and, for an unsigned element type, its range
 *   cat&lt;u16&gt;                        text: the string, not the code (codes are the table's own numbering)
 *   str                             text
 *   json                            jsonb (its canonical text is what jsonb gives back, so hydrate restores it exactly)
 *   str[]                           text[]
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

    /** The column's SQL type, whatever its kind, spelled as {@code format_type()} prints it. */
    public static String sqlType(ColumnSpec column) {
        switch (column.kind()) {
            case SCALAR: return sqlType(column.type());
            case ARRAY: return sqlType(column.type()) + "[]";
            case JSON: return "jsonb";
            case STRING_LIST: return "text[]";
            default: return "text";
        }
    }

    /** The column's CHECK constraint, or null: a scalar's range, an array's dimensions and its elements' range. */
    public static String check(ColumnSpec column, String quotedColumn) {
        if (column.kind() == ColumnKind.SCALAR) {
            return rangeCheck(column.type(), quotedColumn);
        }
        if (column.kind() != ColumnKind.ARRAY) {
            return null;
        }
        StringBuilder dims = new StringBuilder();
        for (int dim : column.layout().shape()) {
            dims.append("[1:").append(dim).append(']');
        }
        String range = elementRange(column.type(), quotedColumn);
        return "CHECK (array_dims(" + quotedColumn + ") = '" + dims + "'" + (range == null ? "" : " AND " + range) + ")";
    }

    private static String elementRange(ColumnType type, String quoted) {
        switch (type) {
            case I8: return "-128 <= ALL (" + quoted + ") AND 127 >= ALL (" + quoted + ")";
            case U8: return "0 <= ALL (" + quoted + ") AND 255 >= ALL (" + quoted + ")";
            case U16: return "0 <= ALL (" + quoted + ") AND 65535 >= ALL (" + quoted + ")";
            case U32: return "0 <= ALL (" + quoted + ") AND 4294967295 >= ALL (" + quoted + ")";
            case U64: return "0 <= ALL (" + quoted + ") AND 18446744073709551615 >= ALL (" + quoted + ")";
            default: return null;
        }
    }

    /** The type oid of an array column's elements in the binary form. */
    static int elementOid(ColumnType type) {
        switch (type) {
            case I8: case U8: case I16: return PgOid.INT2;
            case U16: case I32: return PgOid.INT4;
            case U32: case I64: return PgOid.INT8;
            case U64: return PgOid.NUMERIC;
            case F32: return PgOid.FLOAT4;
            case F64: return PgOid.FLOAT8;
            case BOOL: return PgOid.BOOL;
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
