package io.tickstore.snapshot.eventlog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.snapshot.internal.AtomicFiles;
import io.tickstore.snapshot.internal.Directories;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Cuts a damaged log before its first damaged chunk so it can be appended to (and its run resumed) again, keeping
 * every byte it removes. Readers and recovery refuse a damaged log and change nothing (only a torn tail, what a
 * crash leaves at the very end, is dropped on its own); this is the one explicit step that removes more.
 *
 * <pre>
 * SalvageReport report = EventLogSalvage.salvage(EventLogLayout.logDir(runDir));   // ./tickstore salvage RUN
 * report.cut().ifPresent(cut -> System.out.println(cut.recordsRemoved() + " records moved to " + cut.salvageDir()));
 * </pre>
 *
 * <p>The removed bytes go to a new directory {@code salvaged-<UTC time>/} in the log directory with a
 * {@value #DESCRIPTION} saying what was cut and why: the damaged segment as it was (a hard link to it, or a copy where
 * the file system has none) and every later segment, moved. The log keeps the damaged segment's bytes before the
 * damage as a new file renamed over the old name ({@link SegmentCut}), and its append counter is set to the records it
 * keeps, so the next recovery does not count the removed records as lost to a crash (this report counts them).
 * The steps are ordered so a crash part way leaves either the log as it was or a shorter log whose removed bytes are
 * all in the salvage directory; salvaging again finishes the job.
 *
 * <p>Only one process may work on a log at a time: salvage a run that is not running.
 */
public final class EventLogSalvage {
    /** The salvage directories in a log directory start with this, followed by the UTC time. */
    public static final String DIR_PREFIX = "salvaged-";
    /** The description in a salvage directory. */
    public static final String DESCRIPTION = "salvage.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EventLogSalvage() {
    }

    /**
     * Cuts the log in {@code logDir} before its first damaged chunk (see the class comment); changes nothing when
     * it is not damaged.
     *
     * @throws EventLogException naming the file when cutting cannot help: the codebook or counter is damaged or
     *         of another run, a chunk is of a newer format version or needs codebook entries the codebook lacks
     */
    public static SalvageReport salvage(Path logDir) throws IOException {
        return salvage(logDir, Clock.systemUTC());
    }

    static SalvageReport salvage(Path logDir, Clock clock) throws IOException {
        Codebook codebook = Codebook.read(EventLogLayout.codebook(logDir));
        AppendCounter.checkRun(EventLogLayout.counter(logDir), codebook.runId());
        try (SegmentScan scan = SegmentScan.scanForSalvage(logDir, codebook)) {
            if (scan.damage == null) {
                return new SalvageReport(logDir, scan.chunks.size(), scan.records, Optional.ofNullable(scan.tail), Optional.empty());
            }
            LogDamage damage = scan.damage;
            List<Path> later = segmentsAfter(logDir, damage.segment());
            Removed removed = Removed.count(damage, later, codebook.runId());
            Instant now = clock.instant();
            Path salvageDir = createSalvageDir(logDir, now);
            List<Path> kept = new ArrayList<>();
            Path description = salvageDir.resolve(DESCRIPTION);
            writeDescription(description, logDir, now, damage, later, removed, scan);
            kept.add(description);
            SegmentCut.removeLeftovers(logDir);
            // the counter first, down to what stays, as a recovery does: a crash before the cut leaves it below the
            // complete records, which reads as nothing lost, never as the removed records lost to a crash
            AppendCounter.create(EventLogLayout.counter(logDir), codebook.runId(), scan.records).close();
            Path damagedCopy = salvageDir.resolve(damage.segment().getFileName());
            if (damage.offset() > 0) {
                keepWhole(damage.segment(), damagedCopy);
                kept.add(damagedCopy);
            }
            // the last segment first, so a crash part way leaves the log a run of segments without a gap
            for (int i = later.size() - 1; i >= 0; i--) {
                Files.move(later.get(i), salvageDir.resolve(later.get(i).getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            for (Path file : later) {
                kept.add(salvageDir.resolve(file.getFileName()));
            }
            if (damage.offset() > 0) {
                SegmentCut.keepPrefix(damage.segment(), damage.offset());
            } else {
                Files.move(damage.segment(), damagedCopy, StandardCopyOption.ATOMIC_MOVE);
                kept.add(damagedCopy);
            }
            Directories.fsync(salvageDir);
            Directories.fsync(logDir);
            return new SalvageReport(logDir, scan.chunks.size(), scan.records, Optional.empty(), Optional.of(
                    new SalvageReport.Cut(damage.segment(), damage.offset(), damage.sequence(), damage.description(),
                            salvageDir, List.copyOf(kept), removed.bytes, removed.chunks, removed.records, removed.damagedChunkRecords)));
        }
    }

    /** What the cut removes: its bytes, and the chunks in them that still pass their own checks. */
    private static final class Removed {
        long bytes;
        long chunks;
        long records;
        long damagedChunkRecords = -1;

        static Removed count(LogDamage damage, List<Path> later, long runId) throws IOException {
            Removed removed = new Removed();
            removed.countIn(damage.segment(), damage.offset(), runId, damage);
            for (Path file : later) {
                removed.countIn(file, 0, runId, null);
            }
            return removed;
        }

        /** Walks {@code [from, end)} of a segment chunk by chunk, searching past anything that is not a whole chunk. */
        private void countIn(Path file, long from, long runId, LogDamage damage) throws IOException {
            CRC32C crc = new CRC32C();
            try (MappedSegment segment = MappedSegment.map(file)) {
                bytes += segment.size() - from;
                long at = from;
                Optional<ChunkSearch.Found> found;
                while ((found = ChunkSearch.nextHeader(segment, at, runId, -1)).isPresent()) {
                    ChunkSearch.Found chunk = found.get();
                    if (ChunkSearch.isComplete(segment, chunk.offset(), chunk.header(), crc)) {
                        chunks++;
                        records += chunk.header().recordCount();
                        at = chunk.offset() + chunk.header().chunkBytes();
                    } else {
                        if (damage != null && chunk.offset() == damage.offset()) {
                            damagedChunkRecords = chunk.header().recordCount();
                        }
                        at = chunk.offset() + 1;
                    }
                }
            }
        }
    }

    /** Segment files after {@code segment}, in order. */
    private static List<Path> segmentsAfter(Path logDir, Path segment) throws IOException {
        List<Path> later = new ArrayList<>();
        for (Path file : SegmentScan.segmentFiles(logDir)) {
            if (file.getFileName().toString().compareTo(segment.getFileName().toString()) > 0) {
                later.add(file);
            }
        }
        return later;
    }

    private static Path createSalvageDir(Path logDir, Instant now) throws IOException {
        String base = DIR_PREFIX + STAMP.format(now);
        for (int n = 1; ; n++) {
            Path dir = logDir.resolve(n == 1 ? base : base + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // a salvage in the same second: take the next name
            }
        }
    }

    /**
     * Keeps the damaged segment, whole, under {@code target}: a hard link (no bytes copied, and the inode the log's
     * name will no longer point to lives on), or a forced copy where the file system has no hard links.
     */
    private static void keepWhole(Path segment, Path target) throws IOException {
        try {
            Files.createLink(target, segment);
        } catch (UnsupportedOperationException | FileSystemException noLinks) {
            Files.deleteIfExists(target);
            Files.copy(segment, target);
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
    }

    private static void writeDescription(Path file, Path logDir, Instant now, LogDamage damage, List<Path> later, Removed removed,
                                         SegmentScan scan) throws IOException {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("format", "tickstore-salvage");
        doc.put("log", logDir.toAbsolutePath().toString());
        doc.put("salvagedAt", now.toString());
        doc.put("why", damage.description());
        ObjectNode cut = doc.putObject("cut");
        cut.put("segment", damage.segment().getFileName().toString());
        cut.put("offset", damage.offset());
        cut.put("sequence", damage.sequence());
        ArrayNode files = doc.putArray("files");
        ObjectNode damaged = files.addObject();
        damaged.put("file", damage.segment().getFileName().toString());
        damaged.put("removedFromOffset", damage.offset());
        damaged.put("what", damage.offset() > 0 ? "the whole segment file as it was; the log keeps its first " + damage.offset()
                + " bytes (the chunks before chunk " + damage.sequence() + ") and no longer has the rest" : "the whole segment file, "
                + "no longer in the log");
        for (Path segment : later) {
            ObjectNode entry = files.addObject();
            entry.put("file", segment.getFileName().toString());
            entry.put("removedFromOffset", 0);
            entry.put("what", "a whole later segment file, no longer in the log");
        }
        doc.put("bytesRemoved", removed.bytes);
        doc.put("intactChunksRemoved", removed.chunks);
        doc.put("recordsRemoved", removed.records);
        doc.put("damagedChunkRecords", removed.damagedChunkRecords);
        doc.put("chunksKept", scan.chunks.size());
        doc.put("recordsKept", scan.records);
        doc.put("readme", "These files were cut from the event log above so that it can be appended to again: a chunk "
                + "failed its checks where a crash cannot have torn it (see 'why'). Tickstore never reads them. The chunk "
                + "format is in snapshot-io/FORMAT.md, 'The event log'; the intact chunks here can be read with it.");
        AtomicFiles.writeNew(file, JSON.writeValueAsBytes(doc), true, null);
    }
}
