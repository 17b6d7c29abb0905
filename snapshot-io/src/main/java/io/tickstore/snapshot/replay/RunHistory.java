package io.tickstore.snapshot.replay;

import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.store.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A run's snapshots and its event log together: any tick the log covers can be rebuilt exactly.
 *
 * <pre>
 * try (RunHistory history = RunHistory.open(runDir);
 *      World world = history.reconstructAt(1234, allocator)) {   // snapshot at or before 1234, then the log up to it
 *     ContentHash.hex(world);                                     // = the live world's hash at tick 1234
 * }
 * </pre>
 *
 * Opens everything read-only: nothing on disk changes, a torn tail of the log is ignored, a damaged log is refused
 * (naming the chunk). Snapshots and log are checked against each other on every reconstruction that reads the log
 * (the log must record the snapshot's generator state at the snapshot's tick). Not thread-safe.
 */
public final class RunHistory implements AutoCloseable {
    private final Path runDir;
    private final RunStore run;
    private final EventLogReader log;

    private RunHistory(Path runDir, RunStore run, EventLogReader log) {
        this.runDir = runDir;
        this.run = run;
        this.log = log;
    }

    /** Opens a run directory's snapshots and its log ({@code RUN/events/}) for reading. */
    public static RunHistory open(Path runDir) throws IOException {
        RunStore run = RunStore.openReadOnly(runDir);
        try {
            return new RunHistory(runDir, run, EventLogReader.open(EventLogLayout.logDir(runDir)));
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    public Path runDir() {
        return runDir;
    }

    public RunStore run() {
        return run;
    }

    public EventLogReader log() {
        return log;
    }

    /** Ticks of the published snapshots, ascending. */
    public List<Long> snapshotTicks() throws IOException {
        return run.ticks();
    }

    /** The last tick the log holds completely (its last {@code $tick_end}), or -1. */
    public long lastCompleteTick() {
        return LogReplayer.lastCompleteTick(log);
    }

    /** The newest snapshot a reconstruction of {@code tick} starts from; throws naming the run when there is none. */
    public long snapshotTickFor(long tick) throws IOException {
        OptionalLong found = run.tickAtOrBefore(tick);
        if (found.isEmpty()) {
            List<Long> ticks = run.ticks();
            throw new ReplayException(runDir, Problem.NO_SNAPSHOT, "no snapshot at or before tick " + tick
                    + (ticks.isEmpty() ? ": the run has no snapshots" : ": the oldest is " + SnapshotLayout.snapshotDirName(ticks.get(0))
                    + ", newer than the requested tick"));
        }
        return found.getAsLong();
    }

    /** The world at {@code tick}: the newest snapshot at or before it plus the log up to it. */
    public World reconstructAt(long tick, BufferAllocator allocator) throws IOException {
        return reconstruct(tick, allocator).world();
    }

    /**
     * Like {@link #reconstructAt}, also saying which snapshot it started from and what the replay applied. A tick
     * with a snapshot of its own is that snapshot, even where the log does not reach it (a run killed before its
     * first chunk was written, or after it published a snapshot past its last complete chunk); when the log does
     * reach it, the snapshot is checked against the log as every other start is.
     */
    public Reconstruction reconstruct(long tick, BufferAllocator allocator) throws IOException {
        long last = lastCompleteTick();
        if (tick > last && run.hasTick(tick)) {
            return new Reconstruction(run.openAt(tick, allocator), tick, new ReplayResult(tick, tick, 0, 0));
        }
        if (tick > last) {
            throw new ReplayException(EventLogLayout.logDir(runDir), Problem.TICK_AFTER_LOG, "tick " + tick
                    + " is after the log's last complete tick " + last + (last < 0 ? " (the log holds no complete tick)" : "")
                    + ", and there is no snapshot of tick " + tick);
        }
        long snapshotTick = snapshotTickFor(tick);
        World world = run.openAt(snapshotTick, allocator);
        try {
            ReplayResult replay = LogReplayer.replay(world, log, tick);
            return new Reconstruction(world, snapshotTick, replay);
        } catch (IOException | RuntimeException | Error e) {
            world.close();
            throw e;
        }
    }

    /**
     * A reconstructed world (owned by the caller: close it, or close this) with where it came from.
     *
     * @param world the world at the requested tick
     * @param snapshotTick the snapshot it started from
     * @param replay what the log replay applied
     */
    public record Reconstruction(World world, long snapshotTick, ReplayResult replay) implements AutoCloseable {
        @Override
        public void close() {
            world.close();
        }
    }

    @Override
    public void close() {
        try {
            log.close();
        } finally {
            run.close();
        }
    }
}
