package io.tickstore.snapshot.eventlog;

import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Looks through a segment's bytes for chunks of a log without trusting where they should be: what tells a torn
 * tail from damage (is there any chunk of this log after the failure?) and what a salvage counts in the bytes it
 * removes. A header counts only when it is whole (magic, its own CRC32C, version and fields) and names this log's
 * run, so records that merely contain the magic are not taken for a chunk.
 */
final class ChunkSearch {
    /** A whole chunk header found at {@code offset}. */
    record Found(long offset, ChunkHeader header) {
    }

    private ChunkSearch() {
    }

    /** The first whole header of run {@code runId} at or after {@code from} whose sequence is after {@code afterSequence}. */
    static Optional<Found> nextHeader(MappedSegment segment, long from, long runId, long afterSequence) {
        for (long at = segment.indexOf(ChunkHeader.MAGIC, from); at >= 0; at = segment.indexOf(ChunkHeader.MAGIC, at + 1)) {
            if (at > segment.size() - ChunkHeader.BYTES) {
                return Optional.empty();
            }
            try {
                ChunkHeader header = ChunkHeader.decode(segment.slice(at, ChunkHeader.BYTES), segment.file(), at);
                if (header.runId() == runId && header.sequence() > afterSequence) {
                    return Optional.of(new Found(at, header));
                }
            } catch (EventLogException notAHeader) {
                // the magic inside records or inside a damaged header: keep looking
            }
        }
        return Optional.empty();
    }

    /** Whether the chunk whose whole header is at {@code offset} is complete: all its bytes there, trailer and CRC32C holding. */
    static boolean isComplete(MappedSegment segment, long offset, ChunkHeader header, CRC32C crc) {
        try {
            SegmentScan.checkBody(segment, offset, header, crc);
            return true;
        } catch (EventLogException incomplete) {
            return false;
        }
    }
}
