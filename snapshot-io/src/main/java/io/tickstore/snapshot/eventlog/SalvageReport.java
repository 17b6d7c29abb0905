package io.tickstore.snapshot.eventlog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link EventLogSalvage#salvage} found and did.
 *
 * @param logDir the log
 * @param chunksKept complete chunks the log holds afterwards
 * @param recordsKept records in them
 * @param tornTail the incomplete chunk at the end, when the log was not damaged but torn (salvage leaves it to the
 *        next recovery, which drops it)
 * @param cut what was cut, when the log was damaged; empty when nothing was changed
 */
public record SalvageReport(Path logDir, long chunksKept, long recordsKept, Optional<TornTail> tornTail, Optional<Cut> cut) {
    /**
     * Where the log was cut and where the removed bytes went.
     *
     * @param segment the segment file the damage is in
     * @param offset the offset of the damaged chunk: the log keeps the bytes before it
     * @param sequence the chunk that belongs there, the first one the log no longer has
     * @param reason what failed there and why it is damage, naming the file
     * @param salvageDir the directory the removed bytes were moved to ({@code salvaged-<UTC time>} in the log)
     * @param files the files in it: the damaged segment as it was, every later segment, and the description
     * @param bytesRemoved bytes no longer in the log
     * @param chunksRemoved chunks of this log in the removed bytes that pass every check of their own
     * @param recordsRemoved the records in those chunks
     * @param damagedChunkRecords the records the damaged chunk's header declares, or -1 when its header is damaged
     *        too (or is another run's)
     */
    public record Cut(Path segment, long offset, long sequence, String reason, Path salvageDir, List<Path> files,
                      long bytesRemoved, long chunksRemoved, long recordsRemoved, long damagedChunkRecords) {
    }

    /** One line saying what was done. */
    public String summary() {
        if (cut.isEmpty()) {
            return "event log " + logDir + " is not damaged; nothing was cut (" + chunksKept + " chunks, " + recordsKept + " records"
                    + tornTail.map(t -> "; it ends with a torn chunk of " + t.bytes() + " bytes, which the next resume drops").orElse("")
                    + ")";
        }
        Cut c = cut.get();
        return "event log " + logDir + " cut before chunk " + c.sequence() + " at offset " + c.offset() + " of "
                + c.segment().getFileName() + ": " + c.bytesRemoved() + " bytes removed, holding " + c.recordsRemoved()
                + " records in " + c.chunksRemoved() + " intact chunks"
                + (c.damagedChunkRecords() >= 0 ? " and " + c.damagedChunkRecords() + " in the damaged chunk" : "")
                + "; kept in " + c.salvageDir() + "; the log keeps " + recordsKept + " records in " + chunksKept + " chunks";
    }
}
