package io.tickstore.snapshot.replay;

import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.snapshot.eventlog.ValueKind;

/**
 * The keys a world's mutations are logged under, and how a column value becomes a record's 8 value bytes.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key name</th><th>kind</th><th>entity id field</th><th>value</th><th>meaning</th></tr>
 *   <tr><td>{@code TABLE.COLUMN}</td><td>f64 (i64 for i64/u64 columns)</td><td>the entity</td><td>the new value</td>
 *       <td>a write of a scalar column, or of a categorical column's code</td></tr>
 *   <tr><td>{@code TABLE.COLUMN}</td><td>bytes</td><td>the entity</td><td>the row's value as the table stores it</td>
 *       <td>a whole row of an array column (its elements, row-major), or a variable-length value</td></tr>
 *   <tr><td>{@code TABLE.COLUMN.$element}</td><td>bytes</td><td>the entity</td><td>u32 element index, then the element's
 *       bytes</td><td>one element of an array column</td></tr>
 *   <tr><td>{@code TABLE.COLUMN.$dict}</td><td>symbol</td><td>the new code</td><td>the string</td><td>a categorical
 *       column's dictionary gained its next entry; it comes before any write of that code</td></tr>
 *   <tr><td>{@code TABLE.$born}</td><td>none</td><td>the new entity</td><td>0</td><td>a row appended with this id; one
 *       {@code TABLE.COLUMN} record per column follows with its initial values</td></tr>
 *   <tr><td>{@code TABLE.$died}</td><td>none</td><td>the entity</td><td>0</td><td>its row swap-removed</td></tr>
 *   <tr><td>{@code $rng}</td><td>raw</td><td>word index i</td><td>generator state bytes [8i, 8i+8), little-endian</td>
 *       <td>part of the state at the end of the tick</td></tr>
 *   <tr><td>{@code $tick_end}</td><td>none</td><td>the state's length in bytes</td><td>0</td><td>the tick is complete:
 *       the world's tick and generator state are now the record's tick and the {@code $rng} words before it</td></tr>
 * </table>
 *
 * Table and column names are identifiers (they never contain '.' or '$'), so the names cannot collide. Keys
 * outside this vocabulary (a user's own events) are logged and queried like any others and skipped by replay.
 */
public final class EventVocabulary {
    public static final String TICK_END = "$tick_end";
    public static final String RNG = "$rng";
    public static final String BORN = "$born";
    public static final String DIED = "$died";
    public static final String ELEMENT = "$element";
    public static final String DICTIONARY = "$dict";
    /** Generator states longer than this many 8-byte words are refused (64 bytes; the reference one has 32). */
    public static final int MAX_RNG_WORDS = 8;

    private EventVocabulary() {
    }

    public static String bornKey(String table) {
        return table + "." + BORN;
    }

    public static String diedKey(String table) {
        return table + "." + DIED;
    }

    public static String columnKey(String table, String column) {
        return table + "." + column;
    }

    /** The key of one element's write to an array column. */
    public static String elementKey(String table, String column) {
        return table + "." + column + "." + ELEMENT;
    }

    /** The key of a categorical column's new dictionary entries. */
    public static String dictionaryKey(String table, String column) {
        return table + "." + column + "." + DICTIONARY;
    }

    /** The value kind a scalar column's key is registered with: i64 for 64-bit integer columns, f64 for every other type. */
    public static ValueKind kindOf(ColumnType type) {
        return type == ColumnType.I64 || type == ColumnType.U64 ? ValueKind.I64 : ValueKind.F64;
    }

    /**
     * The value kind a column's key is registered with: a scalar's as {@link #kindOf(ColumnType)}, a categorical
     * column's code as its code type's (f64), bytes for an array or a variable-length column.
     */
    public static ValueKind kindOf(ColumnSpec column) {
        switch (column.kind()) {
            case SCALAR: case CATEGORICAL: return kindOf(column.type());
            default: return ValueKind.BYTES;
        }
    }

    /**
     * A column value (raw bits as {@code Table.getBits} returns them) as a record's value bits: the value as an
     * f64 (exact for every type up to 32 bits and for f32), or the integer itself for i64 and u64. An f32 NaN is
     * widened bit by bit ({@link #widenF32}), so a signalling NaN keeps its quiet bit clear, which the processor's
     * own widening would set.
     */
    public static long encode(ColumnType type, long bits) {
        switch (type) {
            case F32: return widenF32((int) bits);
            case F64: case I64: case U64: return bits;
            default: return Double.doubleToRawLongBits(bits);
        }
    }

    private static final long F64_EXPONENT = 0x7FF0_0000_0000_0000L;
    private static final long F64_MANTISSA = 0x000F_FFFF_FFFF_FFFFL;
    /** The mantissa bits an f32 lacks: a widened f32's low 29 bits are zero. */
    private static final int F32_TO_F64_SHIFT = 29;

    /**
     * An f32's bits as the f64 of the same value. A NaN is widened as the processor widens a quiet NaN (sign kept,
     * the 23-bit payload shifted into the top of the 52-bit one) but without setting the quiet bit, so every f32
     * bit pattern survives the trip through an f64 and back ({@link #narrowF64}).
     */
    static long widenF32(int f) {
        if ((f & 0x7F80_0000) == 0x7F80_0000 && (f & 0x007F_FFFF) != 0) {
            return ((long) (f >>> 31) << 63) | F64_EXPONENT | ((long) (f & 0x007F_FFFF) << F32_TO_F64_SHIFT);
        }
        return Double.doubleToRawLongBits(Float.intBitsToFloat(f));
    }

    /**
     * The inverse of {@link #widenF32}: a NaN whose payload fits an f32's (the low 29 bits zero) narrows bit by bit;
     * any other value as the processor narrows it. Logs written before NaNs were widened bit by bit hold what the
     * processor's widening made (a signalling NaN already quiet), which narrows to the same bits either way.
     */
    static long narrowF64(long d) {
        if ((d & F64_EXPONENT) == F64_EXPONENT && (d & F64_MANTISSA) != 0 && (d & ((1L << F32_TO_F64_SHIFT) - 1)) == 0) {
            return ((d >>> 32) & 0x8000_0000L) | 0x7F80_0000L | ((d >>> F32_TO_F64_SHIFT) & 0x007F_FFFFL);
        }
        return Float.floatToRawIntBits((float) Double.longBitsToDouble(d)) & 0xFFFF_FFFFL;
    }

    /** The inverse of {@link #encode}: a record's value bits back to the column's raw bits. */
    public static long decode(ColumnType type, long valueBits) {
        switch (type) {
            case F32: return narrowF64(valueBits);
            case F64: case I64: case U64: return valueBits;
            default: return (long) Double.longBitsToDouble(valueBits);
        }
    }
}
