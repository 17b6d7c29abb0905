package io.tickstore.snapshot.checkpoint;

/**
 * What checkpointing has cost.
 *
 * @param checkpoints checkpoints taken (copies made)
 * @param stallNanos time the simulation thread spent in {@link Checkpointer#checkpoint} in all: the copy, plus any
 *        wait for a staging world still being written
 * @param maxStallNanos the longest single stall
 * @param bytesCopied bytes copied into staging worlds
 * @param written snapshots published by the background thread
 * @param alreadyPresent checkpoints not written because the run already had a snapshot of that tick (a resumed run)
 * @param bytesWritten bytes of the published snapshots
 * @param writeNanos time the background thread spent writing
 */
public record CheckpointStats(long checkpoints, long stallNanos, long maxStallNanos, long bytesCopied, long written,
                              long alreadyPresent, long bytesWritten, long writeNanos) {
    /** The mean stall per checkpoint, in nanoseconds (0 before the first). */
    public long meanStallNanos() {
        return checkpoints == 0 ? 0 : stallNanos / checkpoints;
    }
}
