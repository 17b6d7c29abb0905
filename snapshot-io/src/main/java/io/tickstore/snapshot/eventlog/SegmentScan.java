package io.tickstore.snapshot.eventlog;

import io.tickstore.columns.TickstoreException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Finds every complete chunk of a log by checking each one in order (header, run id, sequence, trailer,
 * CRC32C of header and records) through read-only mappings. Changes nothing on disk.
 *
 * <h2>Torn tail or damage</h2>
 * A crash can only tear the chunk being written, and that chunk is always the last one: the writer appends, and
 * starts a chunk only after the one before it was written whole. So a chunk that fails (bytes missing, no magic,
 * a CRC32C that does not hold) is the {@link TornTail} only when it is in the last segment and no whole chunk
 * header of this log, with a later sequence, comes after it there. Anything else is {@link LogDamage}: a failure
 * before the last segment, a failure with a chunk of this log after it, a whole header that does not belong (another
 * run, a sequence out of place, impossible fields), a segment named out of order. Damage fails the scan naming
 * the file, the chunk and the offset; nothing is ever cut for it but by an explicit {@link EventLogSalvage}.
 * A newer format version or a chunk that needs codebook entries the codebook lacks fails the scan as it is: cutting
 * the log would not fix either.
 *
 * <h2>Scanning while a recovery cuts the log</h2>
 * Recovery and salvage never change a segment file in place (they rename a new file over it, or unlink it), so
 * mapped bytes never vanish; but a scan can list a segment that is gone when it maps it, or map an old segment
 * next to a new one. A scan that fails while a segment it listed has since been removed or replaced starts again,
 * up to {@value #CHANGE_RETRIES} more times.
 */
final class SegmentScan implements AutoCloseable {
    /** How often a scan starts again because the segments changed under it. */
    static final int CHANGE_RETRIES = 3;

    final List<MappedSegment> segments;
    final List<ChunkInfo> chunks;
    final TornTail tail;
    /** Set only by {@link #scanForSalvage}: where the log is damaged; the scan stopped there. */
    final LogDamage damage;
    final long records;

    private SegmentScan(List<MappedSegment> segments, List<ChunkInfo> chunks, TornTail tail, LogDamage damage, long records) {
        this.segments = segments;
        this.chunks = chunks;
        this.tail = tail;
        this.damage = damage;
        this.records = records;
    }

    /** Lists a log's segment files; the tests substitute one that races with a recovery. */
    @FunctionalInterface
    interface SegmentLister {
        List<Path> list(Path logDir) throws IOException;
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

    /** Scans the log; damage fails it (see the class comment). */
    static SegmentScan scan(Path logDir, Codebook codebook) throws IOException {
        return scan(logDir, codebook, SegmentScan::segmentFiles);
    }

    static SegmentScan scan(Path logDir, Codebook codebook, SegmentLister lister) throws IOException {
        SegmentScan scan = scanAgainWhileChanging(logDir, codebook, lister);
        if (scan.damage != null) {
            scan.close();
            throw scan.damage.exception(logDir);
        }
        return scan;
    }

    /** Like {@link #scan}, but damage is returned in {@link #damage}, with the complete chunks before it, not thrown. */
    static SegmentScan scanForSalvage(Path logDir, Codebook codebook) throws IOException {
        return scanAgainWhileChanging(logDir, codebook, SegmentScan::segmentFiles);
    }

    private static SegmentScan scanAgainWhileChanging(Path logDir, Codebook codebook, SegmentLister lister) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return walk(logDir, codebook, lister);
            } catch (ChangedUnderScan e) {
                if (attempt == CHANGE_RETRIES) {
                    throw new EventLogException(logDir, Problem.LOG_CHANGED, "the event log changed while it was being "
                            + "read, " + (attempt + 1) + " times in a row (last: " + e.getMessage() + "); a resume or salvage "
                            + "is cutting it: read it again once that is done", e.getCause());
                }
            }
        }
    }

    /** A scan met a segment that was removed or replaced after it was listed; it is repeated. */
    private static final class ChangedUnderScan extends IOException {
        ChangedUnderScan(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static SegmentScan walk(Path logDir, Codebook codebook, SegmentLister lister) throws IOException {
        List<Path> files = lister.list(logDir);
        List<MappedSegment> mapped = new ArrayList<>();
        try {
            List<ChunkInfo> chunks = new ArrayList<>();
            TornTail tail = null;
            LogDamage damage = null;
            long expected = 0;
            long records = 0;
            CRC32C crc = new CRC32C();
            for (int s = 0; s < files.size() && tail == null && damage == null; s++) {
                Path file = files.get(s);
                boolean last = s == files.size() - 1;
                long named = EventLogLayout.firstSequenceOf(file.getFileName().toString());
                if (named != expected) {
                    damage = new LogDamage(file, 0, expected, new EventLogException(file, expected, 0, Problem.BAD_HEADER,
                            "segment is named for chunk " + named + " but the chunk after the previous segment is " + expected
                                    + ": a segment is missing or does not belong to this log"), null,
                            "a crash never skips or renames a segment");
                    break;
                }
                MappedSegment segment = mapListed(file);
                mapped.add(segment);
                long offset = 0;
                while (offset < segment.size()) {
                    ChunkHeader header = null;
                    try {
                        header = ChunkHeader.decode(segment.slice(offset, Math.min(ChunkHeader.BYTES, segment.size() - offset)),
                                file, offset);
                        checkBelongs(header, codebook, expected, file, offset);
                        checkBody(segment, offset, header, crc);
                    } catch (EventLogException e) {
                        if (isTornWrite(e) && last) {
                            long past = header == null ? offset + 1 : offset + header.chunkBytes();
                            Optional<ChunkSearch.Found> later = ChunkSearch.nextHeader(segment, past, codebook.runId(), expected);
                            if (later.isEmpty()) {
                                long surviving = header == null ? -1 : header.recordCount();
                                tail = new TornTail(file, offset, segment.size() - offset, surviving, e.getMessage());
                            } else {
                                damage = new LogDamage(file, offset, expected, e, header, "chunk " + later.get().header().sequence()
                                        + " of this log follows at offset " + later.get().offset()
                                        + ", and a crash can only tear the last chunk");
                            }
                        } else if (isTornWrite(e)) {
                            damage = new LogDamage(file, offset, expected, e, header, files.get(s + 1).getFileName()
                                    + " follows this segment, and a crash can only tear the end of the last segment");
                        } else if (isMisplacedChunk(e)) {
                            damage = new LogDamage(file, offset, expected, e, header,
                                    "the header passes its own CRC32C, so it was written whole, but it does not belong here");
                        } else {
                            throw e;
                        }
                        break;
                    }
                    chunks.add(new ChunkInfo(file, offset, header, records));
                    records += header.recordCount();
                    expected++;
                    offset += header.chunkBytes();
                }
            }
            if (damage != null && changedSinceListed(files, mapped)) {
                throw new ChangedUnderScan(damage.reason(), damage.failure());
            }
            return new SegmentScan(mapped, List.copyOf(chunks), tail, damage, records);
        } catch (IOException | RuntimeException | Error e) {
            boolean changed = e instanceof EventLogException && changedSinceListed(files, mapped);
            for (MappedSegment segment : mapped) {
                segment.close();
            }
            if (changed) {
                throw new ChangedUnderScan(e.getMessage(), e);
            }
            throw e;
        }
    }

    private static MappedSegment mapListed(Path file) throws IOException {
        try {
            return MappedSegment.map(file);
        } catch (NoSuchFileException e) {
            throw new ChangedUnderScan(file + " was listed but is gone", e);
        }
    }

    /** Whether a segment the scan listed has been removed, or one it mapped replaced, since. */
    private static boolean changedSinceListed(List<Path> files, List<MappedSegment> mapped) throws IOException {
        for (MappedSegment segment : mapped) {
            if (!segment.stillAtItsPath()) {
                return true;
            }
        }
        for (Path file : files) {
            if (!Files.exists(file)) {
                return true;
            }
        }
        return false;
    }

    /** Checks that survive a torn write: a whole, self-consistent header of this log in its place. */
    private static void checkBelongs(ChunkHeader header, Codebook codebook, long expected, Path file, long offset)
            throws EventLogException {
        if (header.runId() != codebook.runId()) {
            throw new EventLogException(file, header.sequence(), offset, Problem.FOREIGN_RUN,
                    "chunk " + header.sequence() + " at offset " + offset
                    + " belongs to run " + Codebook.runIdHex(header.runId()) + ", not to this log's run "
                    + Codebook.runIdHex(codebook.runId()));
        }
        if (header.sequence() != expected) {
            throw new EventLogException(file, header.sequence(), offset, Problem.BAD_HEADER,
                    "chunk at offset " + offset + " has sequence "
                    + header.sequence() + " where chunk " + expected + " belongs");
        }
        if (header.codebookEntries() > codebook.entries()) {
            throw new EventLogException(file, header.sequence(), offset, Problem.CODEBOOK_MISMATCH,
                    "chunk " + header.sequence() + " at offset " + offset
                    + " was written with " + header.codebookEntries() + " codebook entries, but the codebook has "
                    + codebook.entries() + ": the codebook does not match this log");
        }
    }

    /** The rest of a chunk whose header checked: all its bytes in the file, its trailer, the CRC32C of header and records. */
    static void checkBody(MappedSegment segment, long offset, ChunkHeader header, CRC32C crc) throws EventLogException {
        Path file = segment.file();
        long end = offset + header.chunkBytes();
        if (end > segment.size()) {
            throw new EventLogException(file, header.sequence(), offset, Problem.TRUNCATED,
                    "chunk " + header.sequence() + " at offset "
                    + offset + " needs " + header.chunkBytes() + " bytes; the file has " + (segment.size() - offset));
        }
        crc.reset();
        crc.update(segment.slice(offset, ChunkHeader.BYTES + header.payloadBytes()));
        ChunkTrailer.check(segment.slice(end - ChunkTrailer.BYTES, ChunkTrailer.BYTES), header, (int) crc.getValue(), file, offset);
    }

    /**
     * What an interrupted append looks like: bytes missing, no magic, a checksum that fails. Whether it is one
     * depends on where it is (see the class comment).
     */
    private static boolean isTornWrite(EventLogException e) {
        switch (e.problem()) {
            case TRUNCATED: case BAD_MAGIC: case CHECKSUM_MISMATCH: return true;
            default: return false;
        }
    }

    /**
     * A header that passed its own CRC32C but does not belong where it is: another run's chunk, a sequence out of
     * place, impossible fields. Never a torn write; cutting the log before it removes it.
     */
    private static boolean isMisplacedChunk(EventLogException e) {
        return e.problem() == Problem.FOREIGN_RUN || e.problem() == Problem.BAD_HEADER;
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
