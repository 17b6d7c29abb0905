package io.tickstore.recording;

import io.tickstore.snapshot.checkpoint.CheckpointStats;
import io.tickstore.snapshot.eventlog.EventLogStats;
import java.util.List;

/**
 * What a recording has done since it started (or resumed).
 *
 * @param startTick the tick it started at
 * @param tick the last complete tick
 * @param rowsAdded rows added to the world's tables (births)
 * @param rowsRemoved rows removed (deaths)
 * @param mutations rows added, removed and values written
 * @param snapshots ticks whose snapshot this recording took, ascending
 * @param systemNanos time spent in systems run by {@link Recording#step}
 * @param wallNanos time since it started
 * @param checkpoints the checkpointer's statistics: stalls, bytes, write time
 * @param log the event log's statistics
 * @param logRecords records in the log, those kept from before a resume included
 */
public record RecordingStats(long startTick, long tick, long rowsAdded, long rowsRemoved, long mutations, List<Long> snapshots,
                             long systemNanos, long wallNanos, CheckpointStats checkpoints, EventLogStats log, long logRecords) {
    public RecordingStats {
        snapshots = List.copyOf(snapshots);
    }
}
