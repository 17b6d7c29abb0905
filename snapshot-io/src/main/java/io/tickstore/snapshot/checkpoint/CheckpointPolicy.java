package io.tickstore.snapshot.checkpoint;

/** Which ticks {@link Checkpointer#maybeCheckpoint} snapshots; on-demand checkpoints come on top. */
public final class CheckpointPolicy {
    private final long every;

    private CheckpointPolicy(long every) {
        this.every = every;
    }

    /** Every tick that is a multiple of {@code k} (tick 0 included). */
    public static CheckpointPolicy everyTicks(long k) {
        if (k < 1) {
            throw new IllegalArgumentException("a checkpoint every " + k + " ticks: k must be at least 1");
        }
        return new CheckpointPolicy(k);
    }

    /** No tick: only on-demand checkpoints. */
    public static CheckpointPolicy onDemandOnly() {
        return new CheckpointPolicy(0);
    }

    public boolean isDue(long tick) {
        return every > 0 && tick % every == 0;
    }

    /** K, or 0 for on demand only. */
    public long every() {
        return every;
    }

    @Override
    public String toString() {
        return every > 0 ? "every " + every + " ticks" : "on demand only";
    }
}
