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
