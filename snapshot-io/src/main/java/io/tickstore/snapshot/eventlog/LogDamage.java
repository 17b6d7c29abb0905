package io.tickstore.snapshot.eventlog;

import io.tickstore.columns.TickstoreException.Problem;
import java.nio.file.Path;

/**
 * A chunk that fails its checks where a crash cannot have torn it: before the last segment, or with a whole chunk
 * of this log after it, or with a header that is whole but wrong (another run, a sequence out of place). Readers
 * and recovery refuse such a log; {@link EventLogSalvage} cuts it here, keeping the removed bytes.
 *
 * @param segment the segment file holding the damaged chunk
 * @param offset where the damaged chunk starts (the end of the last chunk that checks)
 * @param sequence the chunk that belongs there
 * @param failure the check that failed, naming the file
 * @param header the damaged chunk's header when it is whole, else null
 * @param evidence why this cannot be a torn write, in words
 */
record LogDamage(Path segment, long offset, long sequence, EventLogException failure, ChunkHeader header,
                 String evidence) {
    /** Records the damaged chunk holds by its header, or -1 when the header is damaged too. */
    long recordsInHeader() {
        return header == null ? -1 : header.recordCount();
    }

    /** What failed, without the file name in front. */
    String reason() {
        String message = failure.getMessage();
        String prefix = segment + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** What failed and why it is damage, naming the file: what a salvage records as its reason. */
    String description() {
        return segment + ": " + reason() + "; this is damage where chunk " + sequence + " belongs, not a torn tail ("
                + evidence + ")";
    }

    /**
     * The error readers and recovery throw: {@link Problem#DAMAGED_CHUNK} saying what failed, why it is damage, and
     * the way out, with the chunk's own failure as its cause.
     */
    EventLogException exception(Path logDir) {
        return new EventLogException(segment, sequence, offset, Problem.DAMAGED_CHUNK, reason() + "; this is damage where chunk "
                + sequence + " belongs, not a torn tail (" + evidence + "). Nothing was changed. Run ./tickstore salvage "
                + shellWord(salvageTarget(logDir).toString()) + " to cut the log before chunk " + sequence + " so the run can be resumed; the removed "
                + "bytes are kept in " + logDir.resolve(EventLogSalvage.DIR_PREFIX + "<UTC time>") + "/", failure);
    }

    /** A path as a shell reads it back: single-quoted when it holds anything a shell would interpret, so the command pastes. */
    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** What {@code ./tickstore salvage} is given: the run when the log is a run's {@code events/}, else the log. */
    private static Path salvageTarget(Path logDir) {
        Path name = logDir.getFileName();
        Path parent = logDir.getParent();
        return name != null && parent != null && name.toString().equals(EventLogLayout.RUN_SUBDIRECTORY) ? parent : logDir;
    }
}
