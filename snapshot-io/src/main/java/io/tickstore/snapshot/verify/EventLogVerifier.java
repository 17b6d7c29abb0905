package io.tickstore.snapshot.verify;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.eventlog.Codebook;
import io.tickstore.snapshot.eventlog.EventLogException;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.eventlog.TornTail;
import io.tickstore.snapshot.store.PathKind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks the event logs of runs without changing them: the codebook (its checksum and codes), the append counter
 * (this log's, readable) and every chunk of every segment (header, place, trailer, CRC32C of every record), as
 * {@link EventLogReader#open} does. A torn tail (the incomplete last chunk a crash leaves) is a warning, since the
 * log is made to survive it; damage anywhere else fails, naming the segment, the chunk and the offset.
 * Stateless and thread-safe.
 */
public final class EventLogVerifier {
    private EventLogVerifier() {
    }

    /** Verifies one log directory. Problems are reported, not thrown; an unreadable directory throws. */
    public static LogVerifyReport verify(Path logDir) throws IOException {
        Path codebookFile = EventLogLayout.codebook(logDir);
        Path counterFile = EventLogLayout.counter(logDir);
        List<FileCheck> checks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Codebook codebook;
        try {
            codebook = Codebook.read(codebookFile);
            checks.add(ok(codebookFile));
        } catch (EventLogException e) {
            checks.add(failed(e));
            return new LogVerifyReport(logDir, checks, warnings, 0, 0);
        }
        long appended = -1;
        if (!Files.exists(counterFile)) {
            warnings.add(counterFile + ": missing, so how many records a crash lost cannot be told exactly");
        } else {
            appended = EventLogReader.appendedOnRecord(logDir, codebook.runId());
            if (appended < 0) {
                checks.add(new FileCheck(counterFile, null, null, CheckStatus.BAD_HEADER, "not an append counter of this log's run "
                        + Codebook.runIdHex(codebook.runId()) + " (wrong size, magic, version or run)"));
                return new LogVerifyReport(logDir, checks, warnings, 0, 0);
            }
            checks.add(ok(counterFile));
        }
        List<Path> segments = segmentFiles(logDir);
        try (EventLogReader log = EventLogReader.open(logDir)) {
            for (Path segment : segments) {
                checks.add(ok(segment));
            }
            log.tornTail().ifPresent(tail -> warnings.add(tornTailWarning(tail)));
            if (log.recordsLost() > 0) {
                warnings.add(counterFile + ": " + log.recordsLost() + " records were appended but are in no complete chunk"
                        + " (lost to a crash)");
            }
            return new LogVerifyReport(logDir, checks, warnings, log.chunks().size(), log.recordCount());
        } catch (EventLogException e) {
            if (e.problem() == Problem.LOG_CHANGED) {
                throw e; // says nothing about damage: a resume or salvage is cutting the log, and verify is to run again
            }
            // the segments before the one at fault held; those after it cannot be checked past the damage
            for (Path segment : segments) {
                if (segment.equals(e.file())) {
                    break;
                }
                checks.add(ok(segment));
            }
            checks.add(failed(e));
            return new LogVerifyReport(logDir, checks, warnings, 0, 0);
        }
    }

    /**
     * Verifies the log of a run, or of every run of a store ({@link PathKind#detect}); a snapshot has none. Runs
     * without a log (no {@code events/codebook.json} and no segments) are skipped. Reports come in path order.
     */
    public static List<LogVerifyReport> verifyAll(Path storeOrRunOrSnapshot) throws IOException {
        List<LogVerifyReport> reports = new ArrayList<>();
        switch (PathKind.detect(storeOrRunOrSnapshot)) {
            case RUN:
                verifyRun(storeOrRunOrSnapshot, reports);
                break;
            case STORE:
                for (Path run : sortedChildren(storeOrRunOrSnapshot)) {
                    if (Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS) && PathKind.detect(run) == PathKind.RUN) {
                        verifyRun(run, reports);
                    }
                }
                break;
            case MISSING:
                throw new NoSuchFileException(storeOrRunOrSnapshot.toString(), null, "nothing to verify here");
            default:
                break;
        }
        return reports;
    }

    private static void verifyRun(Path runDir, List<LogVerifyReport> reports) throws IOException {
        Path logDir = EventLogLayout.logDir(runDir);
        if (Files.isDirectory(logDir) && (Files.exists(EventLogLayout.codebook(logDir)) || !segmentFiles(logDir).isEmpty())) {
            reports.add(verify(logDir));
        }
    }

    private static String tornTailWarning(TornTail tail) {
        return tail.segment() + ": ends with an incomplete chunk of " + tail.bytes() + " bytes at offset " + tail.offset()
                + " (up to " + tail.recordsAtMost() + " records), what a crash leaves; readers skip it and resuming the run "
                + "drops it";
    }

    /** The first failed check over several logs. */
    public static Optional<FileCheck> firstBad(List<LogVerifyReport> reports) {
        for (LogVerifyReport report : reports) {
            if (!report.ok()) {
                return report.firstBad();
            }
        }
        return Optional.empty();
    }

    private static FileCheck ok(Path file) {
        return new FileCheck(file, null, null, CheckStatus.OK, "");
    }

    private static FileCheck failed(EventLogException e) {
        // damage is judged by what failed in the chunk (a checksum, bytes missing), as for a snapshot file
        Problem problem = e.problem() == Problem.DAMAGED_CHUNK && e.getCause() instanceof TickstoreException
                ? ((TickstoreException) e.getCause()).problem() : e.problem();
        return new FileCheck(e.file(), null, null, SnapshotVerifier.statusOf(problem), e.getMessage());
    }

    private static List<Path> segmentFiles(Path logDir) throws IOException {
        Map<String, Path> segments = new TreeMap<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(logDir)) {
            for (Path child : children) {
                if (EventLogLayout.firstSequenceOf(child.getFileName().toString()) >= 0 && Files.isRegularFile(child)) {
                    segments.put(child.getFileName().toString(), child);
                }
            }
        }
        return new ArrayList<>(segments.values());
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort(null);
        return children;
    }
}
