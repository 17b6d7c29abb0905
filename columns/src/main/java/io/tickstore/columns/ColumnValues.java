package io.tickstore.columns;

/** Conversions between a column value's raw bits (see {@link DefaultValue#bits()}) and Java numbers. */
public final class ColumnValues {
    private ColumnValues() {
    }

    /** The value as a double; u64 values above 2^63 convert as unsigned. */
    public static double toDouble(ColumnType type, long bits) {
        switch (type) {
            case F32: return Float.intBitsToFloat((int) bits);
            case F64: return Double.longBitsToDouble(bits);
            case U64: return bits >= 0 ? (double) bits : ((bits >>> 1) | (bits & 1)) * 2.0;
            default: return bits;
        }
    }

    /** The value as text, the way numpy prints it for integers and Java's shortest repr for floats. */
    public static String toText(ColumnType type, long bits) {
        switch (type) {
            case F32: return Float.toString(Float.intBitsToFloat((int) bits));
            case F64: return Double.toString(Double.longBitsToDouble(bits));
            case U64: return Long.toUnsignedString(bits);
            case BOOL: return bits != 0 ? "true" : "false";
            default: return Long.toString(bits);
        }
    }

    /**
     * A row's value of any kind as text: a scalar as {@link #toText(ColumnType, long)}, an array as nested brackets of its
     * elements ({@code [1.0,2.5,NaN]}, {@code [[1,2,3],[4,5,6]]} for a {@code [2,3]} shape), a categorical or
     * {@code str} row's string, a {@code json} row's canonical text, a {@code str[]} row as a JSON array of strings.
     */
    public static String text(Table table, int column, long row) {
        switch (table.columnKind(column)) {
            case SCALAR:
                return toText(table.columnType(column), table.getBits(column, row));
            case ARRAY: {
                StringBuilder out = new StringBuilder();
                int[] shape = table.columnLayout(column).shape();
                appendArray(out, table, column, row, shape, 0, 0);
                return out.toString();
            }
            case STRING_LIST:
                return JsonText.stringArray(table.getStrings(column, row));
            default:
                return table.getString(column, row);
        }
    }

    /** Appends dimension {@code dim} of an array row starting at element {@code first}; returns the elements it covered. */
    private static int appendArray(StringBuilder out, Table table, int column, long row, int[] shape, int dim, int first) {
        out.append('[');
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        for (int i = 0; i < shape[dim]; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (dim == shape.length - 1) {
                out.append(toText(table.columnType(column), table.getBits(column, row, first + i)));
            } else {
                appendArray(out, table, column, row, shape, dim + 1, first + i * stride);
            }
        }
        out.append(']');
        return shape[dim] * stride;
    }

    /**
     * Converts a value of type {@code from} to {@code to} when {@link ColumnType#widensTo} allows it: integer
     * widening keeps the value (sign- or zero-extended bits are already the value), integer to float
     * converts exactly, f32 to f64 converts exactly.
     */
    public static long widen(ColumnType from, ColumnType to, long bits) {
        if (from == to) {
            return bits;
        }
        if (to == ColumnType.F64) {
            return Double.doubleToRawLongBits(toDouble(from, bits));
        }
        if (to == ColumnType.F32) {
            return Float.floatToRawIntBits((float) toDouble(from, bits)) & 0xFFFF_FFFFL;
        }
        return bits;
    }
}
