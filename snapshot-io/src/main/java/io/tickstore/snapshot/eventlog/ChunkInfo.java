package io.tickstore.snapshot.eventlog;

import java.nio.file.Path;

/**
 * One complete chunk found in a log: where it is and what its header says.
 *
 * @param segment the segment file holding it
 * @param offset where its header starts in that file
 * @param header its checked header
 * @param firstRecord the log-wide index of its first record
 */
public record ChunkInfo(Path segment, long offset, ChunkHeader header, long firstRecord) {
    public long sequence() {
        return header.sequence();
    }

    public int records() {
        return header.recordCount();
    }

    /** Whether any record of this chunk can have a tick in {@code [from, to]}. */
    public boolean mayHoldTicks(long from, long to) {
        return header.lastTick() >= from && header.firstTick() <= to;
    }

    /** Whether any record of this chunk can be about {@code entityId}. */
    public boolean mayHoldEntity(long entityId) {
        return entityId >= header.minEntity() && entityId <= header.maxEntity();
    }

    /** Offset of the chunk's first record in the segment. */
    public long payloadOffset() {
        return offset + ChunkHeader.BYTES;
    }

    /** Offset just past the chunk's trailer. */
    public long end() {
        return offset + header.chunkBytes();
    }
}
