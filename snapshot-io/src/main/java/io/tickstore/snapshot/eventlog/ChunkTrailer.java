package io.tickstore.snapshot.eventlog;

import io.tickstore.columns.TickstoreException.Problem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The 16 bytes after a chunk's records, little-endian. A chunk is complete only when its trailer is there and
 * agrees with its header: a write cut short anywhere (header, records or trailer) fails one of the checks.
 *
 * <pre>
 *  0                               8               12              16
 *  +-------------------------------+---------------+---------------+
 *  | sequence (i64), = the header's| CRC32C (u32)  | magic "TEND"  |
 *  +-------------------------------+---------------+---------------+
 * </pre>
 *
 * The CRC32C covers the 80 header bytes and the whole payload, so a record damaged after the header was
 * written is caught too.
 */
public final class ChunkTrailer {
    public static final int BYTES = 16;
    /** "TEND" as a little-endian u32. */
    public static final int MAGIC = 'T' | 'E' << 8 | 'N' << 16 | 'D' << 24;
    static final int SEQUENCE_OFFSET = 0;
    static final int CRC_OFFSET = 8;
    static final int MAGIC_OFFSET = 12;

    private ChunkTrailer() {
    }

    /** Writes a trailer at {@code out}'s position, which advances by {@value #BYTES}. */
    public static void encode(ByteBuffer out, long sequence, int chunkCrc) {
        ByteBuffer b = out.slice().order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(sequence).putInt(chunkCrc).putInt(MAGIC);
        out.position(out.position() + BYTES);
    }

    /**
     * Checks the trailer at {@code in}'s position against its header and the CRC32C computed over header and
     * payload; throws naming the file and offset when it does not hold.
     */
    public static void check(ByteBuffer in, ChunkHeader header, int computedCrc, Path file, long offset)
            throws EventLogException {
        if (in.remaining() < BYTES) {
            throw new EventLogException(file, header.sequence(), offset, Problem.TRUNCATED,
                    "chunk " + header.sequence() + " at offset " + offset + " has no complete trailer");
        }
        ByteBuffer b = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(MAGIC_OFFSET) != MAGIC || b.getLong(SEQUENCE_OFFSET) != header.sequence()) {
            throw new EventLogException(file, header.sequence(), offset, Problem.TRUNCATED,
                    "chunk " + header.sequence() + " at offset " + offset
                    + " has no valid trailer: the chunk was not completely written");
        }
        int stored = b.getInt(CRC_OFFSET);
        if (stored != computedCrc) {
            throw new EventLogException(file, header.sequence(), offset, Problem.CHECKSUM_MISMATCH,
                    "chunk " + header.sequence() + " at offset "
                    + offset + " fails its CRC32C (trailer records " + ChunkHeader.hex(stored) + ", the bytes give "
                    + ChunkHeader.hex(computedCrc) + ")");
        }
    }
}
