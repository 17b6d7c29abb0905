package io.tickstore.snapshot.checkpoint;

import io.tickstore.columns.World;
import io.tickstore.snapshot.SnapshotInfo;
import io.tickstore.snapshot.store.RunStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Checkpoints a running simulation with the least possible stall: {@link #checkpoint} copies the world's live rows
 * into a staging world (pre-allocated off-heap buffers reused between checkpoints) and returns; a background
 * thread writes the copy as a snapshot through {@link RunStore#write} (files, fsync, atomic rename, as the run's
 * write options say). The simulation continues meanwhile.
 *
 * <pre>
 * try (Checkpointer checkpoints = new Checkpointer(run, allocator, CheckpointPolicy.everyTicks(100))) {
 *     checkpoints.checkpoint(world);              // tick 0
 *     checkpoints.awaitDurable(world.tick());     // when the caller needs it on disk
 *     while (...) {
 *         sim.step();
 *         checkpoints.maybeCheckpoint(world);     // every 100 ticks; costs a memory copy
 *     }
 * }                                               // close waits for the last write
 * </pre>
 *
 * <h2>Stalls</h2>
 * Two staging worlds: while one is written the next checkpoint copies into the other. When both are still being
 * written, the next checkpoint waits for one (the disk is slower than the policy asks for); the wait counts in
 * the stall, which {@link #stats()} reports (total, maximum, per checkpoint). Call {@link #prepare} once before
 * the first checkpoint so that it does not pay for allocating the copies.
 *
 * <h2>Threads</h2>
 * {@code checkpoint}, {@code maybeCheckpoint} and {@code prepare} are called from the simulation thread (the
 * world is read during the copy only); {@code awaitDurable} and {@code stats} from any thread. A failed write is
 * thrown by the next {@code checkpoint}, {@code awaitDurable} or {@code close}.
 *
 * <h2>Following a checkpoint</h2>
 * A {@link CheckpointListener} given at construction runs on the background thread after each publish, reading the
 * same staged copy (journaling the tick into a database, for instance), so the simulation thread never waits on
 * it unless it falls so far behind that both staging copies are still in use.
 *
 * <h2>Already there</h2>
 * A tick whose snapshot the run already has (a resumed run passing a tick it had published before the crash) is
 * not written again: the simulation is deterministic, so the old snapshot holds the same world.
 */
public final class Checkpointer implements AutoCloseable {
    private static final int STAGING_WORLDS = 2;

    private final RunStore run;
    private final CheckpointPolicy policy;
    private final CheckpointListener listener;
    private final BufferAllocator allocator;
    private final ExecutorService writer;
    private final Deque<StagingWorld> free = new ArrayDeque<>();
    private final StagingWorld[] staging = new StagingWorld[STAGING_WORLDS];
    private final TreeSet<Long> pending = new TreeSet<>();
    private final TreeSet<Long> durable = new TreeSet<>();
    private long lastRequested = Long.MIN_VALUE;
    private int following;
    private boolean listenerFailed;
    private Throwable failure;
    private boolean closed;
    private long checkpoints;
    private long stallNanos;
    private long maxStallNanos;
    private long bytesCopied;
    private long written;
    private long alreadyPresent;
    private long bytesWritten;
    private long writeNanos;

    /** Checkpoints into {@code run} (opened for writing), staging in memory from {@code allocator}. */
    public Checkpointer(RunStore run, BufferAllocator allocator, CheckpointPolicy policy) {
        this(run, allocator, policy, null);
    }

    /**
     * Checkpoints into {@code run} as {@link #Checkpointer(RunStore, BufferAllocator, CheckpointPolicy)} does, and
     * hands every published copy to {@code listener} on the background thread.
     */
    public Checkpointer(RunStore run, BufferAllocator allocator, CheckpointPolicy policy, CheckpointListener listener) {
        this.run = run;
        this.policy = policy;
        this.listener = listener;
        this.allocator = allocator.newChildAllocator("checkpoint-staging", 0, Long.MAX_VALUE);
        for (int i = 0; i < STAGING_WORLDS; i++) {
            staging[i] = new StagingWorld(this.allocator);
            free.add(staging[i]);
        }
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tickstore-checkpoint-writer");
            t.setDaemon(true);
            return t;
        });
    }

    public CheckpointPolicy policy() {
        return policy;
    }

    /** Allocates both staging copies for {@code world}'s size now (with 1/8 headroom), outside the timed loop. */
    public synchronized void prepare(World world) {
        ensureUsable();
        for (StagingWorld s : free) {
            s.prepare(world);
        }
    }

    /** Checkpoints when the policy says this tick is due; returns whether it did. */
    public boolean maybeCheckpoint(World world) throws IOException {
        if (policy.isDue(world.tick())) {
            return checkpoint(world);
        }
        return false;
    }

    /**
     * Copies the world and queues the copy for writing; returns {@code false} (doing nothing) when this tick was
     * checkpointed already. Ticks must be checkpointed in increasing order.
     *
     * @throws IOException the failure of an earlier write
     */
    public boolean checkpoint(World world) throws IOException {
        return stage(world, true);
    }

    /**
     * Copies the world and hands the copy to the listener's {@link CheckpointListener#followed} on the background
     * thread, without writing a snapshot: for listeners that follow every tick (journaling each one) while snapshots
     * stay at the policy's pace. Costs the same memory copy and counts in the same stall statistics.
     *
     * @throws IOException the failure of an earlier write
     */
    public boolean follow(World world) throws IOException {
        return stage(world, false);
    }

    private boolean stage(World world, boolean snapshot) throws IOException {
        long start = System.nanoTime();
        long tick = world.tick();
        StagingWorld copy;
        synchronized (this) {
            rethrowFailure();
            ensureUsable();
            if (tick == lastRequested) {
                return false;
            }
            if (tick < lastRequested) {
                throw new IllegalArgumentException("checkpoint of tick " + tick + " after one of tick " + lastRequested
                        + ": checkpoints go in tick order");
            }
            while ((copy = free.poll()) == null) {
                awaitChange();
                rethrowFailure();
            }
            lastRequested = tick;
            if (snapshot) {
                pending.add(tick);
            } else {
                following++;
            }
        }
        long bytes;
        try {
            bytes = copy.copyFrom(world);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                if (snapshot) {
                    pending.remove(tick);
                } else {
                    following--;
                }
                free.add(copy);
                notifyAll();
            }
            throw e;
        }
        long stall = System.nanoTime() - start;
        synchronized (this) {
            checkpoints++;
            stallNanos += stall;
            maxStallNanos = Math.max(maxStallNanos, stall);
            bytesCopied += bytes;
        }
        StagingWorld toWrite = copy;
        writer.execute(snapshot ? () -> write(toWrite, tick) : () -> followOnly(toWrite));
        return true;
    }

    private void followOnly(StagingWorld copy) {
        try {
            synchronized (this) {
                if (failure != null) {
                    return;
                }
            }
            if (listener != null) {
                try {
                    listener.followed(copy.world());
                } catch (Throwable t) {
                    synchronized (this) {
                        listenerFailed = failure == null;
                    }
                    throw t;
                }
            }
        } catch (Throwable t) {
            synchronized (this) {
                if (failure == null) {
                    failure = t;
                }
            }
        } finally {
            synchronized (this) {
                following--;
                free.add(copy);
                notifyAll();
            }
        }
    }

    private void write(StagingWorld copy, long tick) {
        long start = System.nanoTime();
        try {
            synchronized (this) {
                if (failure != null) {
                    return; // an earlier write or listener failed: later ticks are neither written nor followed
                }
            }
            boolean present = run.hasTick(tick);
            SnapshotInfo info = present ? null : run.write(copy.world());
            synchronized (this) {
                if (present) {
                    alreadyPresent++;
                } else {
                    written++;
                    bytesWritten += info.totalBytes();
                }
                writeNanos += System.nanoTime() - start;
                durable.add(tick);
                notifyAll();
            }
            if (listener != null) {
                try {
                    listener.published(copy.world());
                } catch (Throwable t) {
                    synchronized (this) {
                        listenerFailed = failure == null;
                    }
                    throw t;
                }
            }
        } catch (Throwable t) {
            synchronized (this) {
                if (failure == null) {
                    failure = t;
                }
            }
        } finally {
            synchronized (this) {
                pending.remove(tick);
                free.add(copy);
                notifyAll();
            }
        }
    }

    /**
     * Returns once the snapshot of {@code tick} is published (durably, with the run's FSYNC write options).
     *
     * @throws IllegalArgumentException when no checkpoint of that tick was taken
     * @throws IOException when its write (or an earlier one) failed
     */
    public synchronized void awaitDurable(long tick) throws IOException {
        if (!pending.contains(tick) && !durable.contains(tick)) {
            rethrowFailure();
            throw new IllegalArgumentException("no checkpoint of tick " + tick + " was taken");
        }
        while (!durable.contains(tick)) {
            rethrowFailure();
            awaitChange();
        }
    }

    /** Returns once every checkpoint taken so far is published. */
    public synchronized void awaitAll() throws IOException {
        while (!pending.isEmpty() || following > 0) {
            rethrowFailure();
            awaitChange();
        }
        rethrowFailure();
    }

    /** Whether the snapshot of {@code tick} has been published by this checkpointer. */
    public synchronized boolean isDurable(long tick) {
        return durable.contains(tick);
    }

    /** The newest published tick, or -1. */
    public synchronized long latestDurable() {
        return durable.isEmpty() ? -1 : durable.last();
    }

    public synchronized CheckpointStats stats() {
        return new CheckpointStats(checkpoints, stallNanos, maxStallNanos, bytesCopied, written, alreadyPresent, bytesWritten, writeNanos);
    }

    private void awaitChange() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a checkpoint of run " + run.dir());
        }
    }

    private void rethrowFailure() throws IOException {
        if (failure instanceof RuntimeException && listenerFailed) {
            // a listener's own failure (a journal's database refused the tick) already names what is at fault
            throw (RuntimeException) failure;
        }
        if (failure != null) {
            throw new IOException("a checkpoint of run " + run.dir() + " failed: " + failure.getMessage(), failure);
        }
    }

    private void ensureUsable() {
        if (closed) {
            throw new IllegalStateException("checkpointer of run " + run.dir() + " is closed");
        }
    }

    /** Waits for every queued write, stops the thread and frees the staging copies; idempotent. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        IOException error = null;
        try {
            synchronized (this) {
                while (!pending.isEmpty() || following > 0) {
                    awaitChange();
                }
            }
            synchronized (this) {
                rethrowFailure();
            }
        } catch (IOException e) {
            error = e;
        } finally {
            writer.shutdown();
            for (StagingWorld s : staging) {
                s.close();
            }
            allocator.close();
        }
        if (error != null) {
            throw error;
        }
    }
}
