package io.tickstore.snapshot.eventlog;

import java.nio.file.Path;

/**
 * Bytes at the end of a log's last segment that do not form a complete chunk, with no whole chunk of the log after
 * them: what a write cut short by a crash leaves. Readers ignore them; reopening the log for writing drops them. (A
 * chunk that fails with more of the log after it is damage, not a torn tail; see {@link EventLogSalvage}.)
 *
 * @param segment the last segment file
 * @param offset where the incomplete chunk starts (the end of the last complete one)
 * @param bytes bytes from there to the end of the file
 * @param recordsInHeader the record count of the incomplete chunk when its header survived intact, else -1
 * @param reason which check failed, naming the file
 */
public record TornTail(Path segment, long offset, long bytes, long recordsInHeader, String reason) {
    /** Records the torn bytes held: the surviving header's count, else as many whole records as the bytes could hold. */
    public long recordsAtMost() {
        return recordsInHeader >= 0 ? recordsInHeader : Math.max(0, (bytes - ChunkHeader.BYTES) / EventRecord.BYTES);
    }
}
