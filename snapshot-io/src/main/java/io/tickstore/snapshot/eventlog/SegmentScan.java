package io.tickstore.snapshot.eventlog;

import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.SnapshotFormatException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Finds every complete chunk of a log by checking each one in order (header, run id, sequence, trailer,
 * CRC32C of header and records) through read-only mappings. Changes nothing on disk.
 *
 * <p>A chunk that fails a check in the last segment is where a crash cut the log: everything from it to the
 * end of the file is the {@link TornTail}. A chunk that fails anywhere else, a chunk of another run, a sequence
 * out of order, a newer format version or a chunk that needs codebook entries the codebook lacks is damage, not
 * a torn write, and fails the scan naming the file and offset.
 */
final class SegmentScan implements AutoCloseable {
    final List<MappedSegment> segments;
    final List<ChunkInfo> chunks;
    final TornTail tail;
    final long records;

    private SegmentScan(List<MappedSegment> segments, List<ChunkInfo> chunks, TornTail tail, long records) {
        this.segments = segments;
        this.chunks = chunks;
        this.tail = tail;
        this.records = records;
    }

    /** Segment files of a log, in chunk order. */
    static List<Path> segmentFiles(Path logDir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(logDir)) {
            for (Path child : children) {
                if (EventLogLayout.firstSequenceOf(child.getFileName().toString()) >= 0 && Files.isRegularFile(child)) {
                    files.add(child);
                }
            }
        }
        files.sort(null);
        return files;
    }

    static SegmentScan scan(Path logDir, Codebook codebook) throws IOException {
        List<MappedSegment> mapped = new ArrayList<>();
        try {
            List<Path> files = segmentFiles(logDir);
            List<ChunkInfo> chunks = new ArrayList<>();
            TornTail tail = null;
            long expected = 0;
            long records = 0;
            CRC32C crc = new CRC32C();
            for (int s = 0; s < files.size(); s++) {
                Path file = files.get(s);
                boolean last = s == files.size() - 1;
                long named = EventLogLayout.firstSequenceOf(file.getFileName().toString());
                if (named != expected) {
                    throw new SnapshotFormatException(file, Problem.BAD_HEADER, "segment is named for chunk " + named
                            + " but the chunk after the previous segment is " + expected
                            + ": a segment is missing or does not belong to this log");
                }
                MappedSegment segment = MappedSegment.map(file);
                mapped.add(segment);
                long offset = 0;
                while (offset < segment.size()) {
                    ChunkHeader header = null;
                    try {
                        header = ChunkHeader.decode(segment.slice(offset, Math.min(ChunkHeader.BYTES, segment.size() - offset)),
                                file, offset);
                        checkBelongs(header, codebook, expected, file, offset);
                        long end = offset + header.chunkBytes();
                        if (end > segment.size()) {
                            throw new SnapshotFormatException(file, Problem.TRUNCATED, "chunk " + header.sequence() + " at offset "
                                    + offset + " needs " + header.chunkBytes() + " bytes; the file has " + (segment.size() - offset));
                        }
                        crc.reset();
                        crc.update(segment.slice(offset, ChunkHeader.BYTES + header.payloadBytes()));
                        ChunkTrailer.check(segment.slice(end - ChunkTrailer.BYTES, ChunkTrailer.BYTES), header,
                                (int) crc.getValue(), file, offset);
                    } catch (SnapshotFormatException e) {
                        if (!last || !isTornWrite(e)) {
                            throw e;
                        }
                        long surviving = header == null ? -1 : header.recordCount();
                        tail = new TornTail(file, offset, segment.size() - offset, surviving, e.getMessage());
                        break;
                    }
                    chunks.add(new ChunkInfo(file, offset, header, records));
                    records += header.recordCount();
                    expected++;
                    offset += header.chunkBytes();
                }
            }
            return new SegmentScan(mapped, List.copyOf(chunks), tail, records);
        } catch (IOException | RuntimeException | Error e) {
            for (MappedSegment segment : mapped) {
                segment.close();
            }
            throw e;
        }
    }

    /** Checks that survive a torn write: a whole, self-consistent header of this log in its place. */
    private static void checkBelongs(ChunkHeader header, Codebook codebook, long expected, Path file, long offset)
            throws SnapshotFormatException {
        if (header.runId() != codebook.runId()) {
            throw new SnapshotFormatException(file, Problem.FOREIGN_RUN, "chunk " + header.sequence() + " at offset " + offset
                    + " belongs to run " + Codebook.runIdHex(header.runId()) + ", not to this log's run "
                    + Codebook.runIdHex(codebook.runId()));
        }
        if (header.sequence() != expected) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "chunk at offset " + offset + " has sequence "
                    + header.sequence() + " where chunk " + expected + " belongs");
        }
        if (header.codebookEntries() > codebook.entries()) {
            throw new SnapshotFormatException(file, Problem.INCONSISTENT, "chunk " + header.sequence() + " at offset " + offset
                    + " was written with " + header.codebookEntries() + " codebook entries, but the codebook has "
                    + codebook.entries() + ": the codebook does not match this log");
        }
    }

    /**
     * What an interrupted append looks like: bytes missing, no magic, a checksum that fails. Every other problem
     * is found only after the header's own CRC32C held (another run, a newer version, a sequence out of place,
     * impossible fields), so the header was written whole and means what it says: damage, not a torn write.
     */
    private static boolean isTornWrite(SnapshotFormatException e) {
        switch (e.problem()) {
            case TRUNCATED: case BAD_MAGIC: case CHECKSUM_MISMATCH: return true;
            default: return false;
        }
    }

    /** The next chunk's sequence. */
    long nextSequence() {
        return chunks.size();
    }

    /** A view of a chunk's records. */
    ByteBuffer payload(ChunkInfo chunk) {
        return segmentOf(chunk).slice(chunk.payloadOffset(), chunk.header().payloadBytes());
    }

    MappedSegment segmentOf(ChunkInfo chunk) {
        for (MappedSegment segment : segments) {
            if (segment.file().equals(chunk.segment())) {
                return segment;
            }
        }
        throw new IllegalArgumentException("chunk " + chunk.sequence() + " is not in this scan");
    }

    @Override
    public void close() {
        for (MappedSegment segment : segments) {
            segment.close();
        }
    }
}
