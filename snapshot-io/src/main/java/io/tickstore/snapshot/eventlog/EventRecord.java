package io.tickstore.snapshot.eventlog;

import org.agrona.UnsafeApi;

/**
 * The layout of one event record: 28 bytes, little-endian, no padding, so a chunk's payload is a packed array
 * that numpy reads as {@code dtype=[('tick','<i8'),('entity','<i8'),('key','<i4'),('value','<f8')]}.
 *
 * <pre>
 *  0                   8                   16        20                  28
 *  +-------------------+-------------------+---------+-------------------+
 *  | tick        (i64) | entity id   (i64) | key i32 | value (8 bytes)   |
 *  +-------------------+-------------------+---------+-------------------+
 * </pre>
 *
 * The value is an IEEE f64 for keys of kind {@link ValueKind#F64} (and the codes of {@link ValueKind#SYMBOL}
 * keys, exact as doubles); for {@link ValueKind#I64} and {@link ValueKind#RAW} keys the same 8 bytes hold a
 * 64-bit integer; for {@link ValueKind#BYTES} keys they point into the chunk's value area: the offset of the value's
 * first byte there (u32, low half) and its length (u32, high half). The key's kind is in the codebook.
 */
public final class EventRecord {
    public static final int TICK_OFFSET = 0;
    public static final int ENTITY_OFFSET = 8;
    public static final int KEY_OFFSET = 16;
    public static final int VALUE_OFFSET = 20;
    /** Bytes one record takes. */
    public static final int BYTES = 28;

    private EventRecord() {
    }

    /** Writes a record at {@code address}; the value's raw 64 bits. */
    static void put(long address, long tick, long entityId, int key, long valueBits) {
        UnsafeApi.putLong(address + TICK_OFFSET, tick);
        UnsafeApi.putLong(address + ENTITY_OFFSET, entityId);
        UnsafeApi.putInt(address + KEY_OFFSET, key);
        UnsafeApi.putLong(address + VALUE_OFFSET, valueBits);
    }

    public static long tick(long address) {
        return UnsafeApi.getLong(address + TICK_OFFSET);
    }

    public static long entityId(long address) {
        return UnsafeApi.getLong(address + ENTITY_OFFSET);
    }

    public static int key(long address) {
        return UnsafeApi.getInt(address + KEY_OFFSET);
    }

    public static long valueBits(long address) {
        return UnsafeApi.getLong(address + VALUE_OFFSET);
    }

    /** The value bits of a {@link ValueKind#BYTES} record whose bytes start {@code offset} bytes into the value area. */
    public static long bytesValue(int offset, int length) {
        return (offset & 0xFFFF_FFFFL) | ((long) length << 32);
    }

    /** Where a {@link ValueKind#BYTES} record's bytes start in its chunk's value area. */
    public static long valueOffset(long valueBits) {
        return valueBits & 0xFFFF_FFFFL;
    }

    /** How many bytes a {@link ValueKind#BYTES} record's value has. */
    public static long valueLength(long valueBits) {
        return valueBits >>> 32;
    }

    /** Whether {@code payloadBytes} is a whole number of records. */
    public static boolean isWholeRecords(long payloadBytes) {
        return payloadBytes >= 0 && payloadBytes % BYTES == 0;
    }
}
