package io.tickstore.snapshot.eventlog;

import io.tickstore.columns.TickstoreException.Problem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The 80-byte header in front of every chunk of records, little-endian.
 *
 * <pre>
 *  0                               8       10      12      14      16
 *  +-------------------------------+-------+-------+-------+-------+
 *  | magic "TSEVCHNK"              | ver   | hdr   | rec   | flags |   ver = 1 or 2, hdr = 80, rec = 28, flags = 0
 *  +-------------------------------+-------+-------+-------+-------+
 * 16| run id (i64)                                                  |   the log's identity, also in codebook.json
 * 24| sequence (i64)                                                |   0, 1, 2, ... over the whole log
 * 32| record count (i32)            | codebook entries (i32)        |   count >= 1; entries the records may use
 * 40| first tick (i64)                                              |   smallest tick in the chunk
 * 48| last tick (i64)                                               |   largest tick in the chunk
 * 56| smallest entity id (i64)                                      |
 * 64| largest entity id (i64)                                       |
 * 72| value bytes (u32)             | header CRC32C of [0, 76) (u32)|   version 1: reserved, 0
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The tick and entity ranges let queries skip chunks without reading their records. The header checks itself
 * (its own CRC32C), so a reader can trust the record count before it looks for the payload and trailer.
 *
 * <p>Version 2 adds a value area after the records: {@code value bytes} bytes that {@link ValueKind#BYTES} records
 * point into (an array row, a variable-length value). A chunk with no such bytes is written as version 1, so a log
 * that never needs them is what a version-1 writer made, byte for byte.
 */
public final class ChunkHeader {
    public static final byte[] MAGIC = "TSEVCHNK".getBytes(StandardCharsets.US_ASCII);
    /** The newest chunk format version; a chunk without a value area is written as version {@value #FIRST_VERSION}. */
    public static final int FORMAT_VERSION = 2;
    public static final int FIRST_VERSION = 1;
    public static final int BYTES = 80;
    static final int VERSION_OFFSET = 8;
    static final int HEADER_BYTES_OFFSET = 10;
    static final int RECORD_BYTES_OFFSET = 12;
    static final int FLAGS_OFFSET = 14;
    static final int RUN_ID_OFFSET = 16;
    static final int SEQUENCE_OFFSET = 24;
    static final int RECORD_COUNT_OFFSET = 32;
    static final int CODEBOOK_ENTRIES_OFFSET = 36;
    static final int FIRST_TICK_OFFSET = 40;
    static final int LAST_TICK_OFFSET = 48;
    static final int MIN_ENTITY_OFFSET = 56;
    static final int MAX_ENTITY_OFFSET = 64;
    static final int VALUE_BYTES_OFFSET = 72;
    static final int HEADER_CRC_OFFSET = 76;
    /** Records one chunk may hold: its payload stays below 2 GiB. */
    public static final int MAX_RECORDS = (Integer.MAX_VALUE - BYTES - ChunkTrailer.BYTES) / EventRecord.BYTES;
    /** Bytes of records and values one chunk may hold, so that a chunk stays below 2 GiB and offsets fit a u32. */
    public static final long MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - BYTES - ChunkTrailer.BYTES;

    private final long runId;
    private final long sequence;
    private final int recordCount;
    private final int codebookEntries;
    private final long firstTick;
    private final long lastTick;
    private final long minEntity;
    private final long maxEntity;
    private final int valueBytes;

    /** A chunk without a value area (written as format version 1). */
    public ChunkHeader(long runId, long sequence, int recordCount, int codebookEntries, long firstTick, long lastTick,
                       long minEntity, long maxEntity) {
        this(runId, sequence, recordCount, codebookEntries, firstTick, lastTick, minEntity, maxEntity, 0);
    }

    /** A chunk whose records are followed by {@code valueBytes} bytes of values (format version 2 when there are any). */
    public ChunkHeader(long runId, long sequence, int recordCount, int codebookEntries, long firstTick, long lastTick,
                       long minEntity, long maxEntity, int valueBytes) {
        this.valueBytes = valueBytes;
        this.runId = runId;
        this.sequence = sequence;
        this.recordCount = recordCount;
        this.codebookEntries = codebookEntries;
        this.firstTick = firstTick;
        this.lastTick = lastTick;
        this.minEntity = minEntity;
        this.maxEntity = maxEntity;
    }

    /** Writes the header, its CRC included, into {@code out} at its position (which advances by {@value #BYTES}). */
    public void encode(ByteBuffer out) {
        ByteBuffer b = out.slice().order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC);
        b.putShort((short) version()).putShort((short) BYTES).putShort((short) EventRecord.BYTES).putShort((short) 0);
        b.putLong(runId).putLong(sequence).putInt(recordCount).putInt(codebookEntries);
        b.putLong(firstTick).putLong(lastTick).putLong(minEntity).putLong(maxEntity);
        b.putInt(valueBytes);
        b.putInt(crcOfFields(b, 0));
        out.position(out.position() + BYTES);
    }

    private static int crcOfFields(ByteBuffer b, int start) {
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(start).limit(start + HEADER_CRC_OFFSET));
        return (int) crc.getValue();
    }

    /**
     * Parses and checks the header at {@code in}'s position (which does not move): magic, version, sizes and
     * its own CRC. A header that fails any check is reported as {@link Problem#BAD_MAGIC},
     * {@link Problem#UNSUPPORTED_VERSION}, {@link Problem#CHECKSUM_MISMATCH} or {@link Problem#BAD_HEADER}
     * naming {@code file} and {@code offset}; a scanner treats a missing magic or a failed CRC32C as a torn write
     * only at the end of the last segment with no chunk of the log after it, and as damage anywhere else.
     */
    public static ChunkHeader decode(ByteBuffer in, Path file, long offset) throws EventLogException {
        if (in.remaining() < BYTES) {
            throw new EventLogException(file, -1, offset, Problem.TRUNCATED, "chunk header at offset " + offset + " has "
                    + in.remaining() + " of its " + BYTES + " bytes");
        }
        ByteBuffer b = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                throw new EventLogException(file, -1, offset, Problem.BAD_MAGIC, "no chunk header at offset " + offset
                        + " (expected the magic TSEVCHNK)");
            }
        }
        int version = Short.toUnsignedInt(b.getShort(VERSION_OFFSET));
        int stored = b.getInt(HEADER_CRC_OFFSET);
        int computed = crcOfFields(b, 0);
        if (stored != computed) {
            throw new EventLogException(file, -1, offset, Problem.CHECKSUM_MISMATCH, "chunk header at offset " + offset
                    + " fails its CRC32C (stored " + hex(stored) + ", computed " + hex(computed) + ")");
        }
        if (version < FIRST_VERSION || version > FORMAT_VERSION) {
            throw new EventLogException(file, b.getLong(SEQUENCE_OFFSET), offset, Problem.UNSUPPORTED_VERSION,
                    "chunk at offset " + offset
                    + " has format version " + version + "; this reader reads versions " + FIRST_VERSION + " to " + FORMAT_VERSION);
        }
        int headerBytes = Short.toUnsignedInt(b.getShort(HEADER_BYTES_OFFSET));
        int recordBytes = Short.toUnsignedInt(b.getShort(RECORD_BYTES_OFFSET));
        int valueBytes = b.getInt(VALUE_BYTES_OFFSET);
        if (headerBytes != BYTES || recordBytes != EventRecord.BYTES || b.getShort(FLAGS_OFFSET) != 0 || (version == 1 && valueBytes != 0)) {
            throw new EventLogException(file, -1, offset, Problem.BAD_HEADER, "chunk at offset " + offset + " declares a "
                    + headerBytes + "-byte header and " + recordBytes + "-byte records" + (version == 1 && valueBytes != 0
                    ? " and, at version 1, a reserved field of " + valueBytes : "") + "; version " + version + " has " + BYTES + " and "
                    + EventRecord.BYTES);
        }
        if (version == 2 && valueBytes <= 0) {
            throw new EventLogException(file, -1, offset, Problem.BAD_HEADER, "chunk at offset " + offset + " is version 2 with "
                    + valueBytes + " value bytes; a chunk without values is version 1");
        }
        ChunkHeader h = new ChunkHeader(b.getLong(RUN_ID_OFFSET), b.getLong(SEQUENCE_OFFSET), b.getInt(RECORD_COUNT_OFFSET),
                b.getInt(CODEBOOK_ENTRIES_OFFSET), b.getLong(FIRST_TICK_OFFSET), b.getLong(LAST_TICK_OFFSET),
                b.getLong(MIN_ENTITY_OFFSET), b.getLong(MAX_ENTITY_OFFSET), valueBytes);
        h.check(file, offset);
        return h;
    }

    /** Range checks of the fields: a count in {@code [1, MAX_RECORDS]}, ordered tick and entity ranges. */
    void check(Path file, long offset) throws EventLogException {
        if (recordCount < 1 || recordCount > MAX_RECORDS) {
            throw new EventLogException(file, sequence, offset, Problem.BAD_HEADER, "chunk at offset " + offset + " declares "
                    + recordCount + " records, outside [1, " + MAX_RECORDS + "]");
        }
        if ((long) recordCount * EventRecord.BYTES + valueBytes > MAX_PAYLOAD_BYTES) {
            throw new EventLogException(file, sequence, offset, Problem.BAD_HEADER, "chunk at offset " + offset + " declares "
                    + recordCount + " records and " + valueBytes + " value bytes, more than a chunk holds");
        }
        if (codebookEntries < 0 || firstTick > lastTick || minEntity > maxEntity || sequence < 0) {
            throw new EventLogException(file, sequence, offset, Problem.BAD_HEADER, "chunk at offset " + offset
                    + " has inconsistent fields: " + this);
        }
    }

    /** Bytes of the whole chunk: header, payload and trailer. */
    public long chunkBytes() {
        return BYTES + payloadBytes() + ChunkTrailer.BYTES;
    }

    /** Bytes between header and trailer: the records, then the value area. */
    public long payloadBytes() {
        return recordBytes() + valueBytes;
    }

    /** Bytes of the records. */
    public long recordBytes() {
        return (long) recordCount * EventRecord.BYTES;
    }

    /** Bytes of the value area after the records (0 for a chunk of format version 1). */
    public int valueBytes() {
        return valueBytes;
    }

    /** The chunk's format version: 2 when it has a value area, else 1. */
    public int version() {
        return valueBytes > 0 ? FORMAT_VERSION : FIRST_VERSION;
    }

    public long runId() {
        return runId;
    }

    public long sequence() {
        return sequence;
    }

    public int recordCount() {
        return recordCount;
    }

    public int codebookEntries() {
        return codebookEntries;
    }

    public long firstTick() {
        return firstTick;
    }

    public long lastTick() {
        return lastTick;
    }

    public long minEntity() {
        return minEntity;
    }

    public long maxEntity() {
        return maxEntity;
    }

    static String hex(int crc) {
        return String.format("%08x", crc);
    }

    @Override
    public String toString() {
        return "ChunkHeader[run " + Long.toHexString(runId) + ", seq " + sequence + ", " + recordCount + " records"
                + (valueBytes > 0 ? " and " + valueBytes + " value bytes" : "") + ", ticks "
                + firstTick + ".." + lastTick + ", entities " + minEntity + ".." + maxEntity + ", codebook " + codebookEntries + "]";
    }
}
