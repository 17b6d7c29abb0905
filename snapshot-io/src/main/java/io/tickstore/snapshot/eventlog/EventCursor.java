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

    EventCursor(Codebook codebook, ValueKind[] kinds) {
        this.codebook = codebook;
        this.kinds = kinds;
    }

    void moveTo(ChunkInfo chunk, long address, int index) {
        this.chunk = chunk;
        this.address = address;
        this.index = index;
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
     * 16 hex digits for raw bytes, empty for keys without a value.
     */
    public String valueText() {
        long bits = valueBits();
        switch (kinds[key()]) {
            case I64: return Long.toString(bits);
            case SYMBOL: return codebook.symbolText((int) Double.longBitsToDouble(bits));
            case RAW: return String.format("%016x", bits);
            case NONE: return "";
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
