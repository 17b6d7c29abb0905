package io.tickstore.recording;

import io.tickstore.columns.World;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.replay.RunHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A run opened for reading only ({@link RecordingBuilder#openReadOnly()}): what a program that looks at runs needs,
 * from the same entry point that records them.
 *
 * <pre>
 * try (RecordedRun run = Recording.at(runDir).openReadOnly();
 *      World world = run.reconstructAt(run.lastCompleteTick(), allocator)) {
 *     run.settings().seed(); run.status(); run.snapshotTicks();
 * }
 * </pre>
 *
 * <h2>Beside a live recording</h2>
 * Takes no lock and writes nothing (no lock file, no log recovery, no temporary files removed): a recording may be
 * writing the run meanwhile and is never delayed. What the view sees of the log and the snapshots is what was on disk
 * when it was opened (a torn last chunk ignored, as after a crash); open it again to see further. {@link #status()}
 * is read again at each call.
 *
 * <h2>Ownership</h2>
 * Built on a {@link RunHistory}, which it owns; worlds it rebuilds are the caller's to close. Closing is idempotent.
 * Not thread-safe.
 */
public final class RecordedRun implements AutoCloseable {
    private final Path runDir;
    private final RunSettings settings;
    private final RunHistory history;
    private boolean closed;

    private RecordedRun(Path runDir, RunSettings settings, RunHistory history) {
        this.runDir = runDir;
        this.settings = settings;
        this.history = history;
    }

    static RecordedRun open(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw Recording.noSuchRun(runDir, "open");
        }
        RunSettings settings = Recording.readSettings(runDir);
        return new RecordedRun(runDir, settings, RunHistory.open(runDir));
    }

    /** The run's directory. */
    public Path runDir() {
        return runDir;
    }

    /** The run's settings as its {@code run.json} held them when opened (the status: see {@link #status()}). */
    public RunSettings settings() {
        return settings;
    }

    /**
     * How the run stands now, read again from {@code run.json} and the writer lock: {@link RunStatus#RUNNING} while a
     * recording holds it, {@link RunStatus#CRASHED} when the file says running but nothing does.
     */
    public RunStatus status() throws IOException {
        return Recording.readSettings(runDir).status();
    }

    /** Ticks of the run's published snapshots, ascending. */
    public List<Long> snapshotTicks() throws IOException {
        return history.snapshotTicks();
    }

    /** The last tick the log holds completely, or -1: the tick a resume would continue from. */
    public long lastCompleteTick() {
        return history.lastCompleteTick();
    }

    /** The world at {@code tick} (the caller's to close): the newest snapshot at or before it, then the log up to it. */
    public World reconstructAt(long tick, BufferAllocator allocator) throws IOException {
        return history.reconstructAt(tick, allocator);
    }

    /** {@link #reconstructAt}, also saying which snapshot it started from and what the replay applied. */
    public RunHistory.Reconstruction reconstruct(long tick, BufferAllocator allocator) throws IOException {
        return history.reconstruct(tick, allocator);
    }

    /** The run's event log, to query by entity or by ticks without loading it. */
    public EventLogReader log() {
        return history.log();
    }

    /** The snapshots and the log together, for what builds on them ({@code EntityTimeline}); closed with this. */
    public RunHistory history() {
        return history;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        history.close();
    }
}
