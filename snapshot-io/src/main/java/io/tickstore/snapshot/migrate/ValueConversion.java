package io.tickstore.snapshot.migrate;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ColumnValues;
import java.nio.ByteBuffer;

/**
 * The data side of a migration, over little-endian buffers (typically a scratch buffer holding stored bytes
 * and a view of the target column): widening each value with {@link ColumnValues#widen}, and filling a
 * column with a default's raw bits. Stateless and thread-safe.
 */
public final class ValueConversion {
    private ValueConversion() {
    }

    /**
     * Converts {@code count} values of type {@code from} at {@code src}'s position to {@code to} at {@code dst}'s
     * position, advancing both. The buffers must be little-endian.
     */
    public static void widen(ByteBuffer src, ColumnType from, ByteBuffer dst, ColumnType to, int count) {
        if (!from.widensTo(to)) {
            throw new IllegalArgumentException(from + " does not widen to " + to);
        }
        for (int i = 0; i < count; i++) {
            putBits(dst, to, ColumnValues.widen(from, to, getBits(src, from)));
        }
    }

    /** Writes {@code count} copies of {@code bits} (a value of {@code type}, see {@code DefaultValue#bits}) at {@code dst}'s position. */
    public static void fill(ByteBuffer dst, ColumnType type, long bits, int count) {
        for (int i = 0; i < count; i++) {
            putBits(dst, type, bits);
        }
    }

    /** Reads one value's raw bits, sign-extended for signed types and zero-extended for the others. */
    static long getBits(ByteBuffer src, ColumnType type) {
        switch (type) {
            case I8: return src.get();
            case U8: case BOOL: return src.get() & 0xFFL;
            case I16: return src.getShort();
            case U16: return src.getShort() & 0xFFFFL;
            case I32: return src.getInt();
            case U32: case F32: return src.getInt() & 0xFFFF_FFFFL;
            default: return src.getLong();
        }
    }

    static void putBits(ByteBuffer dst, ColumnType type, long bits) {
        switch (type.log2Width()) {
            case 0: dst.put((byte) bits); break;
            case 1: dst.putShort((short) bits); break;
            case 2: dst.putInt((int) bits); break;
            default: dst.putLong(bits); break;
        }
    }
}
