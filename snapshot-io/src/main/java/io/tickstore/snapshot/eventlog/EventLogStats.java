package io.tickstore.snapshot.eventlog;

/**
 * What an {@link EventLogWriter} has done since it was opened.
 *
 * @param appendedRecords records appended in this session
 * @param writtenRecords records of this session in complete chunks on disk
 * @param chunksWritten chunks written in this session
 * @param bytesWritten bytes written to segment files (headers, records, trailers)
 * @param blockedNanos time the appending thread waited for a free buffer ({@link BackPressure#BLOCK})
 * @param blockedCount how many times it waited
 * @param buffers buffers the log holds (two, more after {@link BackPressure#GROW} grew)
 */
public record EventLogStats(long appendedRecords, long writtenRecords, long chunksWritten, long bytesWritten,
                            long blockedNanos, long blockedCount, int buffers) {
}
