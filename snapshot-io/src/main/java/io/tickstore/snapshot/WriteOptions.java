package io.tickstore.snapshot;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link SnapshotWriter} writes: durability, parallelism, whether an existing snapshot of the same tick
 * may be replaced, the clock stamped into {@code createdAt}, whether a run store recycles the files of the snapshots
 * its retention removes, and a hook for fault-injection tests. Immutable;
 * every {@code with…} returns a copy.
 *
 * <pre>
 * WriteOptions options = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE).withThreads(4);
 * </pre>
 */
public final class WriteOptions {
    /** Files written at once, the calling thread included. */
    public static final int DEFAULT_THREADS = 2;
    /** An upper bound that keeps a typo from starting thousands of threads. */
    public static final int MAX_THREADS = 256;

    private static final WriteOptions DEFAULTS = new WriteOptions(Durability.FSYNC, DEFAULT_THREADS, false,
            Clock.systemUTC(), WriteHook.NONE, false);

    private final Durability durability;
    private final int threads;
    private final boolean replaceExisting;
    private final Clock clock;
    private final WriteHook hook;
    private final boolean recycleRetained;

    private WriteOptions(Durability durability, int threads, boolean replaceExisting, Clock clock, WriteHook hook,
                         boolean recycleRetained) {
        this.durability = durability;
        this.threads = threads;
        this.replaceExisting = replaceExisting;
        this.clock = clock;
        this.hook = hook;
        this.recycleRetained = recycleRetained;
    }

    /** FSYNC, 2 threads, no replacing, the system clock, no hook. */
    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    public WriteOptions withDurability(Durability durability) {
        return new WriteOptions(Objects.requireNonNull(durability, "durability"), threads, replaceExisting, clock, hook, recycleRetained);
    }

    /** Column files written in parallel, the calling thread included; 1 writes everything on the caller. */
    public WriteOptions withThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads " + threads + " is outside 1.." + MAX_THREADS);
        }
        return new WriteOptions(durability, threads, replaceExisting, clock, hook, recycleRetained);
    }

    /**
     * Whether a snapshot for a tick that already exists is replaced (the old one is renamed away, the new one
     * renamed in, then the old one deleted) instead of failing the write.
     */
    public WriteOptions withReplaceExisting(boolean replaceExisting) {
        return new WriteOptions(durability, threads, replaceExisting, clock, hook, recycleRetained);
    }

    /** The clock stamped into the manifest's informational {@code createdAt}; a fixed clock makes output reproducible. */
    public WriteOptions withClock(Clock clock) {
        return new WriteOptions(durability, threads, replaceExisting, Objects.requireNonNull(clock, "clock"), hook, recycleRetained);
    }

    /** A hook called at every {@link WriteStep}; for fault-injection tests. */
    public WriteOptions withHook(WriteHook hook) {
        return new WriteOptions(durability, threads, replaceExisting, clock, Objects.requireNonNull(hook, "hook"), recycleRetained);
    }

    /**
     * Whether a {@code RunStore} keeps the newest snapshot its retention removes, hidden, for its next write to
     * overwrite ({@link SnapshotWriter#writeRecycling}) instead of deleting it at once: the write then reuses page-cache
     * pages instead of allocating new ones, at the cost of one removed snapshot's disk space until that write.
     */
    public WriteOptions withRecycleRetained(boolean recycleRetained) {
        return new WriteOptions(durability, threads, replaceExisting, clock, hook, recycleRetained);
    }

    public boolean recycleRetained() {
        return recycleRetained;
    }

    public Durability durability() {
        return durability;
    }

    public int threads() {
        return threads;
    }

    public boolean replaceExisting() {
        return replaceExisting;
    }

    public Clock clock() {
        return clock;
    }

    public WriteHook hook() {
        return hook;
    }

    @Override
    public String toString() {
        return "WriteOptions[" + durability + ", threads=" + threads + (replaceExisting ? ", replace" : "")
                + (hook != WriteHook.NONE ? ", hook" : "") + "]";
    }
}
