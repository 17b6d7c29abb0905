package io.tickstore.snapshot.eventlog;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an event log's files are. A log is one directory; inside a run it is {@code RUN/events/}.
 *
 * <pre>
 * events/
 *   codebook.json                          key names and symbols to codes, with the log's run id (written first)
 *   appended.cnt                           64 bytes, memory-mapped: records appended so far (see AppendCounter)
 *   segment-00000000000000000000.tlog      chunks 0, 1, 2, ... appended one after another
 *   segment-00000000000000000412.tlog      the next segment starts with chunk 412 (names sort by chunk)
 * </pre>
 */
public final class EventLogLayout {
    public static final String RUN_SUBDIRECTORY = "events";
    public static final String CODEBOOK = "codebook.json";
    public static final String COUNTER = "appended.cnt";
    public static final String SEGMENT_PREFIX = "segment-";
    public static final String SEGMENT_SUFFIX = ".tlog";
    private static final Pattern SEGMENT_NAME = Pattern.compile("segment-(\\d{20})\\.tlog");

    private EventLogLayout() {
    }

    /** The event log directory of a run directory. */
    public static Path logDir(Path runDir) {
        return runDir.resolve(RUN_SUBDIRECTORY);
    }

    public static Path codebook(Path logDir) {
        return logDir.resolve(CODEBOOK);
    }

    public static Path counter(Path logDir) {
        return logDir.resolve(COUNTER);
    }

    /** The segment file whose first chunk has sequence {@code firstSequence}. */
    public static Path segment(Path logDir, long firstSequence) {
        return logDir.resolve(SEGMENT_PREFIX + String.format("%020d", firstSequence) + SEGMENT_SUFFIX);
    }

    /** The first chunk sequence a segment file name stands for, or -1 when the name is not a segment's. */
    public static long firstSequenceOf(String fileName) {
        Matcher m = SEGMENT_NAME.matcher(fileName);
        if (!m.matches()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
