package io.tickstore.snapshot.eventlog;

/**
 * A view of the record a query is at: reads straight from the mapped chunk, allocates nothing, and moves on to
 * the next record after the handler returns (copy what you need to keep).
 */
public final class EventCursor {
    private final Codebook codebook;
    private final ValueKind[] kinds;
    private ChunkInfo chunk;
    private long address;
    private int index;
    private long values;

    EventCursor(Codebook codebook, ValueKind[] kinds) {
        this.codebook = codebook;
        this.kinds = kinds;
    }

    void moveTo(ChunkInfo chunk, long address, int index, long values) {
        this.chunk = chunk;
        this.address = address;
        this.index = index;
        this.values = values;
    }

    /**
     * The bytes of a {@link ValueKind#BYTES} record, a read-only view of the mapped chunk (valid while the handler runs);
     * empty for other kinds, and for a reference that leaves the chunk's value area (which a complete chunk's CRC32C
     * makes a writer's fault, never damage).
     */
    public java.nio.ByteBuffer valueBytes() {
        if (kinds[key()] != ValueKind.BYTES) {
            return java.nio.ByteBuffer.allocate(0);
        }
        long bits = valueBits();
        long offset = EventRecord.valueOffset(bits);
        long length = EventRecord.valueLength(bits);
        int area = chunk.header().valueBytes();
        if (offset > area || length > area - offset) {
            return java.nio.ByteBuffer.allocate(0);
        }
        return io.tickstore.columns.internal.OffHeap.view(values + offset, (int) length).asReadOnlyBuffer()
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    public long tick() {
        return EventRecord.tick(address);
    }

    public long entityId() {
        return EventRecord.entityId(address);
    }

    public int key() {
        return EventRecord.key(address);
    }

    /** The key's name from the codebook. */
    public String keyName() {
        return codebook.keyName(key());
    }

    public ValueKind kind() {
        return kinds[key()];
    }

    /** The value as an f64; for {@link ValueKind#I64} keys the integer converted to double. */
    public double value() {
        long bits = valueBits();
        return kinds[key()] == ValueKind.I64 ? (double) bits : Double.longBitsToDouble(bits);
    }

    /** The 8 value bytes as stored. */
    public long valueBits() {
        return EventRecord.valueBits(address);
    }

    /**
     * The value as text: decimal for f64 (Java's shortest round-tripping form) and i64, the string for a symbol,
     * 16 hex digits for raw bytes, the bytes of a {@link ValueKind#BYTES} value in hex (two digits a byte), empty for
     * keys without a value.
     */
    public String valueText() {
        long bits = valueBits();
        switch (kinds[key()]) {
            case I64: return Long.toString(bits);
            case SYMBOL: return codebook.symbolText((int) Double.longBitsToDouble(bits));
            case RAW: return String.format("%016x", bits);
            case NONE: return "";
            case BYTES: {
                java.nio.ByteBuffer bytes = valueBytes();
                StringBuilder hex = new StringBuilder(bytes.remaining() * 2);
                while (bytes.hasRemaining()) {
                    byte b = bytes.get();
                    hex.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
                }
                return hex.toString();
            }
            default: return Double.toString(Double.longBitsToDouble(bits));
        }
    }

    /** The chunk the record is in. */
    public ChunkInfo chunk() {
        return chunk;
    }

    /** The record's index within its chunk. */
    public int indexInChunk() {
        return index;
    }

    /** The record's index in the whole log. */
    public long indexInLog() {
        return chunk.firstRecord() + index;
    }

    /** Where the record is, for messages: segment file, chunk and record index. */
    public String location() {
        return chunk.segment() + ": chunk " + chunk.sequence() + " record " + index;
    }

    @Override
    public String toString() {
        return "tick " + tick() + " entity " + entityId() + " " + keyName() + " " + valueText();
    }
}
