package io.tickstore.snapshot.eventlog;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What reopening a log for writing found and did.
 *
 * @param logDir the log
 * @param chunksKept complete chunks kept
 * @param recordsKept records kept (the log's length from now on)
 * @param tornTail the incomplete chunk dropped from the end of the last segment, if any
 * @param recordsLost records appended before the crash that are not in the log: exact when
 *        {@code counterKnown}, else the most the torn bytes could have held
 * @param counterKnown whether {@code appended.cnt} said how many records had been appended
 * @param recordsTrimmed records dropped on purpose because their tick was after the tick asked to keep through
 * @param keptThroughTick that tick ({@code Long.MAX_VALUE} when nothing was asked)
 */
public record RecoveryReport(Path logDir, long chunksKept, long recordsKept, Optional<TornTail> tornTail, long recordsLost,
                             boolean counterKnown, long recordsTrimmed, long keptThroughTick) {
    /** Whether the log lost or dropped anything. */
    public boolean changedAnything() {
        return tornTail.isPresent() || recordsLost > 0 || recordsTrimmed > 0;
    }

    /** One line for a warning, or empty when nothing was lost or dropped. */
    public String warning() {
        if (!changedAnything()) {
            return "";
        }
        StringBuilder s = new StringBuilder("event log ").append(logDir).append(": ");
        if (tornTail.isPresent()) {
            TornTail t = tornTail.get();
            s.append("dropped a torn chunk of ").append(t.bytes()).append(" bytes at offset ").append(t.offset()).append(" of ")
                    .append(t.segment().getFileName()).append("; ");
        }
        s.append(recordsLost).append(counterKnown ? " records lost" : " records lost at most (the append counter is unknown)");
        s.append(" since the last complete chunk");
        if (recordsTrimmed > 0) {
            s.append("; ").append(recordsTrimmed).append(" records after tick ").append(keptThroughTick).append(" dropped");
        }
        return s.append("; ").append(recordsKept).append(" records kept").toString();
    }
}
