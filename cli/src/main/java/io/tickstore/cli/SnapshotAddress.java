package io.tickstore.cli;

import io.tickstore.columns.World;
import io.tickstore.columns.internal.DidYouMean;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.replay.RunHistory;
import io.tickstore.snapshot.store.PathKind;
import io.tickstore.snapshot.store.RunStore;
import io.tickstore.snapshot.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A tick of a run as a user names it on the command line, resolved to where its world comes from: a snapshot
 * directory, {@code RUN@T}, {@code RUN@latest}, or a run with {@code --tick T}. A tick with a snapshot is read from
 * it; any other tick the run's log reaches is rebuilt (the newest snapshot before it plus the log). Where a run is
 * expected, a store holding exactly one run stands for that run (a note on stderr says which).
 *
 * <p>Resolving reads directory listings and manifests only: it creates and changes nothing.
 */
final class SnapshotAddress {
    /** The word after {@code @} that names a run's newest snapshot. */
    static final String LATEST = "latest";

    /** The run the tick belongs to; null for a snapshot directory named directly. */
    private final Path runDir;
    /** The snapshot's directory, or null when the tick has none and must be rebuilt from the log. */
    private final Path snapshotDir;
    private final long tick;

    private SnapshotAddress(Path runDir, Path snapshotDir, long tick) {
        this.runDir = runDir;
        this.snapshotDir = snapshotDir;
        this.tick = tick;
    }

    /**
     * Resolves {@code argument} (with {@code --tick}, when given) to a tick of a run or a snapshot.
     *
     * @param notes where the note about a store standing for its only run goes
     */
    static SnapshotAddress resolve(String argument, Long tickOption, PrintWriter notes) throws IOException {
        String path = argument;
        String tickWord = null;
        int at = argument.lastIndexOf('@');
        if (at > 0 && !Files.exists(Path.of(argument))) {
            path = argument.substring(0, at);
            tickWord = argument.substring(at + 1);
            if (tickOption != null) {
                throw new CliException(argument + ": names its tick already; give " + path + "@T or " + path + " --tick T, not both",
                        ExitCodes.USAGE);
            }
        }
        Path target = Path.of(path).toAbsolutePath().normalize();
        PathKind kind = kindOf(target);
        if (kind == PathKind.SNAPSHOT) {
            Path dir = target.getFileName().toString().equals(SnapshotLayout.MANIFEST) ? target.getParent() : target;
            if (tickWord != null || tickOption != null) {
                throw new CliException(dir + ": is a snapshot already (tick " + SnapshotReader.readManifest(dir).tick()
                        + "); --tick and @T go with a run", ExitCodes.USAGE);
            }
            return new SnapshotAddress(null, dir, SnapshotReader.readManifest(dir).tick());
        }
        Path run = runOf(target, kind, notes);
        if (tickWord == null && tickOption == null) {
            throw new CliException(run + ": is a run; name one of its ticks: " + run.getFileName() + "@T or --tick T ("
                    + ticksOf(run) + "), or " + run.getFileName() + "@" + LATEST + " for its newest snapshot", ExitCodes.USAGE);
        }
        long tick;
        if (LATEST.equals(tickWord)) {
            try (RunStore store = RunStore.openReadOnly(run)) {
                OptionalLong latest = store.latestTick();
                if (latest.isEmpty()) {
                    throw new CliException(run + ": the run has no snapshot yet");
                }
                tick = latest.getAsLong();
            }
        } else if (tickWord != null) {
            try {
                tick = Long.parseLong(tickWord);
            } catch (NumberFormatException e) {
                throw new CliException(argument + ": '" + tickWord + "' is not a tick; write RUN@T (a number) or RUN@" + LATEST,
                        ExitCodes.USAGE);
            }
        } else {
            tick = tickOption;
        }
        if (tick < 0) {
            throw new CliException("tick " + tick + " is negative", ExitCodes.USAGE);
        }
        Path snapshot = SnapshotLayout.snapshotDir(run, tick);
        if (Files.isRegularFile(SnapshotLayout.manifest(snapshot))) {
            return new SnapshotAddress(run, snapshot, tick);
        }
        if (!Files.isRegularFile(EventLogLayout.codebook(EventLogLayout.logDir(run)))) {
            throw new CliException(run + ": has no snapshot of tick " + tick + " and no event log to rebuild it from ("
                    + ticksOf(run) + ")");
        }
        return new SnapshotAddress(run, null, tick);
    }

    /**
     * The run {@code argument} names: a run directory, or a store that holds exactly one run (with a note saying
     * which). For commands that take a run ({@code replay}, {@code log}, {@code history}).
     */
    static Path run(String argument, PrintWriter notes) throws IOException {
        Path target = Path.of(argument).toAbsolutePath().normalize();
        PathKind kind = kindOf(target);
        if (kind == PathKind.SNAPSHOT) {
            throw new CliException(target + ": is a snapshot; name the run it belongs to" + (target.getParent() == null ? ""
                    : " (" + target.getParent() + ")"), ExitCodes.USAGE);
        }
        return runOf(target, kind, notes);
    }

    private static PathKind kindOf(Path target) throws IOException {
        PathKind kind = PathKind.detect(target);
        if (kind == PathKind.MISSING) {
            throw new CliException(target + ": no such file or directory" + siblingsLike(target));
        }
        if (kind == PathKind.UNKNOWN && !isRunWithoutSnapshots(target)) {
            throw new CliException(target + ": not a Tickstore store, run or snapshot (no manifest.json, no tick-* directories)");
        }
        return kind == PathKind.UNKNOWN ? PathKind.RUN : kind;
    }

    /** A run a recording made that has no snapshot yet still has its settings and its log. */
    private static boolean isRunWithoutSnapshots(Path dir) {
        return Files.isRegularFile(dir.resolve("run.json")) || Files.isRegularFile(EventLogLayout.codebook(EventLogLayout.logDir(dir)));
    }

    private static Path runOf(Path target, PathKind kind, PrintWriter notes) throws IOException {
        if (kind != PathKind.STORE) {
            return target;
        }
        List<String> runs = new ArrayList<>();
        for (String name : Store.runsIn(target)) {
            Path dir = target.resolve(name);
            // a store may hold other directories (an export, a snapshot written out): runs have snapshots or a recording's files
            if (PathKind.detect(dir) == PathKind.RUN || isRunWithoutSnapshots(dir)) {
                runs.add(name);
            }
        }
        if (runs.size() == 1) {
            notes.println("tickstore: note: " + target + " is a store; using its only run, " + runs.get(0));
            notes.flush();
            return target.resolve(runs.get(0));
        }
        throw new CliException(target + ": is a store of " + runs.size() + " runs; name one: " + String.join(", ", runs), ExitCodes.USAGE);
    }

    /** "; did you mean ...?" among the names beside a path that does not exist. */
    static String siblingsLike(Path missing) {
        Path parent = missing.getParent();
        if (parent == null || missing.getFileName() == null || !Files.isDirectory(parent)) {
            return "";
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(parent)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!name.startsWith(".")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            return "";
        }
        return DidYouMean.suffix(missing.getFileName().toString(), names);
    }

    /** "snapshots at ticks [0, 25, 50]; the log reaches tick 57" for a message. */
    static String ticksOf(Path run) throws IOException {
        List<Long> ticks;
        try (RunStore store = RunStore.openReadOnly(run)) {
            ticks = store.ticks();
        }
        String snapshots = ticks.isEmpty() ? "no snapshots" : "snapshots at ticks " + Units.tickList(ticks);
        if (!Files.isRegularFile(EventLogLayout.codebook(EventLogLayout.logDir(run)))) {
            return snapshots;
        }
        try (RunHistory history = RunHistory.open(run)) {
            long last = history.lastCompleteTick();
            return last < 0 ? snapshots : snapshots + "; any tick up to " + last + " can be rebuilt from the log";
        } catch (IOException | RuntimeException unreadable) {
            return snapshots;
        }
    }

    /** The run, or null for a snapshot directory named directly. */
    Path runDir() {
        return runDir;
    }

    /** The snapshot's directory, or null when the tick has no snapshot and {@link #load} rebuilds it. */
    Path snapshotDir() {
        return snapshotDir;
    }

    long tick() {
        return tick;
    }

    boolean hasSnapshot() {
        return snapshotDir != null;
    }

    /** How messages and summaries name it: the snapshot's directory, or {@code RUN@T} for a rebuilt tick. */
    String describe() {
        return snapshotDir != null ? snapshotDir.toString() : runDir + "@" + tick;
    }

    /** The world at the tick: read from its snapshot, or rebuilt from the newest snapshot before it and the log. */
    World load(BufferAllocator allocator) throws IOException {
        if (snapshotDir != null) {
            return SnapshotReader.read(snapshotDir, allocator);
        }
        try (RunHistory history = RunHistory.open(runDir)) {
            return history.reconstructAt(tick, allocator);
        }
    }
}
