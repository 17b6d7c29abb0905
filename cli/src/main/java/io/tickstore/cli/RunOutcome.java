package io.tickstore.cli;

import io.tickstore.snapshot.checkpoint.CheckpointStats;
import io.tickstore.snapshot.eventlog.EventLogStats;
import io.tickstore.snapshot.eventlog.RecoveryReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one invocation of {@code run} (fresh or resumed) did.
 *
 * @param runDir the run directory
 * @param settings what the run was started with
 * @param startTick the tick this invocation started from (0, or the last complete tick of the log on resume)
 * @param resumedFromSnapshot on resume, the snapshot the world was rebuilt from (-1 for a fresh run)
 * @param finalTick the world's tick at the end
 * @param finalRows creatures at the end
 * @param births births in this invocation
 * @param deaths deaths in this invocation
 * @param snapshots ticks checkpointed in this invocation (published, or found already published)
 * @param simulationNanos time spent in {@code step()}
 * @param checkpoints what checkpointing cost the loop
 * @param log what the event log did in this invocation
 * @param logRecords records in the log at the end
 * @param recovery on resume, what reopening the log found and dropped
 * @param wallNanos the whole invocation
 * @param worldHash the world's content hash at the end
 * @param journaled with {@code --persist}, the backend session that journaled every checkpointed tick
 */
record RunOutcome(Path runDir, RunSettings settings, long startTick, long resumedFromSnapshot, long finalTick, long finalRows,
                  long births, long deaths, List<Long> snapshots, long simulationNanos, CheckpointStats checkpoints,
                  EventLogStats log, long logRecords, Optional<RecoveryReport> recovery, long wallNanos, String worldHash,
                  Optional<Journaled> journaled) {
    /** What {@code --persist} wrote: the backend, the session id, how many ticks and how long it took. */
    record Journaled(String backend, java.util.UUID sessionId, long ticks, long nanos) {
    }
}
