package io.tickstore.snapshot.store;

import io.tickstore.columns.World;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.ReadOptions;
import io.tickstore.snapshot.SnapshotInfo;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.internal.Directories;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A run directory: the snapshots of one simulation, one {@code tick-<20 digits>} directory each (see
 * {@link SnapshotLayout}).
 *
 * <h2>Opening</h2>
 * {@link #open} creates the directory if needed and removes hidden temporary directories that a crashed
 * writer (or an interrupted retention pass) left behind, returning their names through
 * {@link #removedTemporaryDirs()}. That is only safe when no other process is writing into the run at the
 * moment, so a run has one writer at a time; tools that only look ({@code inspect}, {@code verify}) use
 * {@link #openReadOnly}, which removes nothing and refuses to write.
 *
 * <h2>Threads</h2>
 * Listing and opening snapshots may happen from any thread. Writing goes through one {@link SnapshotWriter}
 * made on first use with this store's {@link WriteOptions} and released by {@link #close()}; writes are
 * serialised by it.
 */
public final class RunStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RunStore.class.getName());
    private static final int TICKS_IN_MESSAGES = 10;

    private final Path dir;
    private final WriteOptions writeOptions;
    private final boolean readOnly;
    private final List<String> removedTemporaryDirs;
    private SnapshotWriter writer;
    /** The newest snapshot retention removed, kept hidden for the next write to overwrite ({@link WriteOptions#recycleRetained}). */
    private Path recyclable;
    private boolean closed;

    private RunStore(Path dir, WriteOptions writeOptions, boolean readOnly, List<String> removedTemporaryDirs) {
        this.dir = dir;
        this.writeOptions = writeOptions;
        this.readOnly = readOnly;
        this.removedTemporaryDirs = List.copyOf(removedTemporaryDirs);
    }

    /** Opens (creating if missing) a run for reading and writing with default write options (FSYNC). */
    public static RunStore open(Path runDir) throws IOException {
        return open(runDir, WriteOptions.defaults());
    }

    /** Opens (creating if missing) a run; {@link #write} uses {@code options}. Removes abandoned temporary directories. */
    public static RunStore open(Path runDir, WriteOptions options) throws IOException {
        Files.createDirectories(runDir);
        List<String> removed = removeAbandoned(runDir, options.durability() == Durability.FSYNC);
        if (!removed.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "run {0}: removed abandoned temporary directories {1}", runDir, removed);
        }
        return new RunStore(runDir, options, false, removed);
    }

    /** Opens an existing run without changing anything in it; writing and retention throw. */
    public static RunStore openReadOnly(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new NoSuchFileException(runDir.toString(), null, "no run directory here");
        }
        return new RunStore(runDir, WriteOptions.defaults(), true, List.of());
    }

    private static List<String> removeAbandoned(Path runDir, boolean fsync) throws IOException {
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(runDir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (SnapshotLayout.isTemporary(name)) {
                    Directories.deleteRecursively(child);
                    removed.add(name);
                }
            }
        }
        if (!removed.isEmpty() && fsync) {
            Directories.fsync(runDir);
        }
        Collections.sort(removed);
        return removed;
    }

    public Path dir() {
        return dir;
    }

    /** The run's directory name. */
    public String name() {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? dir.toString() : name.toString();
    }

    public WriteOptions writeOptions() {
        return writeOptions;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    /** Names of the abandoned temporary directories {@link #open} removed (empty for read-only opens). */
    public List<String> removedTemporaryDirs() {
        return removedTemporaryDirs;
    }

    // ------------------------------------------------------------------ listing

    /** Ticks of the published snapshots, ascending. Hidden temporary directories are never listed. */
    public List<Long> ticks() throws IOException {
        ensureOpen();
        List<Long> ticks = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                long tick = SnapshotLayout.tickOf(child.getFileName().toString());
                if (tick >= 0 && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    ticks.add(tick);
                }
            }
        }
        Collections.sort(ticks);
        return ticks;
    }

    public OptionalLong latestTick() throws IOException {
        List<Long> ticks = ticks();
        return ticks.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ticks.get(ticks.size() - 1));
    }

    /** The newest tick at or before {@code tick}, if any. */
    public OptionalLong tickAtOrBefore(long tick) throws IOException {
        OptionalLong best = OptionalLong.empty();
        for (long t : ticks()) {
            if (t <= tick) {
                best = OptionalLong.of(t);
            }
        }
        return best;
    }

    public boolean hasTick(long tick) throws IOException {
        return ticks().contains(tick);
    }

    /**
     * The directory of the snapshot at exactly {@code tick}.
     *
     * @throws NoSuchFileException naming the run and listing its ticks when there is none
     */
    public Path snapshotDir(long tick) throws IOException {
        List<Long> ticks = ticks();
        if (!ticks.contains(tick)) {
            throw new NoSuchFileException(SnapshotLayout.snapshotDir(dir, tick).toString(), null, "run " + dir
                    + " has no snapshot at tick " + tick + " (" + describe(ticks) + ")");
        }
        return SnapshotLayout.snapshotDir(dir, tick);
    }

    // ------------------------------------------------------------------ loading

    /** Loads the newest snapshot. */
    public World openLatest(BufferAllocator allocator) throws IOException {
        return openLatest(allocator, ReadOptions.defaults());
    }

    public World openLatest(BufferAllocator allocator, ReadOptions options) throws IOException {
        OptionalLong latest = latestTick();
        if (latest.isEmpty()) {
            throw new NoSuchFileException(dir.toString(), null, "run " + dir + " has no snapshots");
        }
        return SnapshotReader.read(SnapshotLayout.snapshotDir(dir, latest.getAsLong()), allocator, options);
    }

    /** Loads the snapshot at exactly {@code tick}. */
    public World openAt(long tick, BufferAllocator allocator) throws IOException {
        return openAt(tick, allocator, ReadOptions.defaults());
    }

    public World openAt(long tick, BufferAllocator allocator, ReadOptions options) throws IOException {
        return SnapshotReader.read(snapshotDir(tick), allocator, options);
    }

    /** Loads the newest snapshot at or before {@code tick}. */
    public World openAtOrBefore(long tick, BufferAllocator allocator) throws IOException {
        return openAtOrBefore(tick, allocator, ReadOptions.defaults());
    }

    public World openAtOrBefore(long tick, BufferAllocator allocator, ReadOptions options) throws IOException {
        OptionalLong found = tickAtOrBefore(tick);
        if (found.isEmpty()) {
            throw new NoSuchFileException(dir.toString(), null, "run " + dir + " has no snapshot at or before tick " + tick
                    + " (" + describe(ticks()) + ")");
        }
        return SnapshotReader.read(SnapshotLayout.snapshotDir(dir, found.getAsLong()), allocator, options);
    }

    // ------------------------------------------------------------------ writing

    /** Writes and publishes the snapshot of {@code world.tick()} with this store's write options. */
    public synchronized SnapshotInfo write(World world) throws IOException {
        ensureWritable();
        if (writer == null) {
            writer = new SnapshotWriter(writeOptions);
        }
        Path recycled = recyclable;
        recyclable = null;
        if (recycled != null && !Files.exists(SnapshotLayout.snapshotDir(dir, world.tick()))) {
            return writer.writeRecycling(world, dir, recycled);
        }
        if (recycled != null) {
            Directories.deleteRecursively(recycled);
        }
        return writer.write(world, dir);
    }

    /**
     * Deletes the snapshots {@code policy} does not keep and returns their ticks, ascending. Each is first
     * renamed to a hidden temporary name (atomic: a reader sees the whole snapshot or none) and then deleted;
     * a deletion cut short leaves a hidden directory the next {@link #open} removes. With
     * {@link WriteOptions#recycleRetained} the newest of them is kept, hidden, for the next {@link #write} to
     * overwrite (a hidden directory {@link #open} also removes), and the one kept before is deleted.
     */
    public synchronized List<Long> applyRetention(RetentionPolicy policy) throws IOException {
        ensureWritable();
        List<Long> delete = policy.toDelete(ticks());
        List<Path> hidden = new ArrayList<>();
        for (long tick : delete) {
            Path away = dir.resolve(SnapshotLayout.temporaryDirName(tick, "deleting-" + Directories.nonce()));
            Files.move(SnapshotLayout.snapshotDir(dir, tick), away, StandardCopyOption.ATOMIC_MOVE);
            hidden.add(away);
        }
        if (!hidden.isEmpty() && writeOptions.durability() == Durability.FSYNC) {
            Directories.fsync(dir);
        }
        if (writeOptions.recycleRetained() && !hidden.isEmpty()) {
            if (recyclable != null) {
                hidden.add(0, recyclable);
            }
            recyclable = hidden.remove(hidden.size() - 1);
        }
        for (Path away : hidden) {
            Directories.deleteRecursively(away);
        }
        return delete;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("run store " + dir + " is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (readOnly) {
            throw new IllegalStateException("run store " + dir + " was opened read-only");
        }
    }

    private static String describe(List<Long> ticks) {
        if (ticks.isEmpty()) {
            return "it has no snapshots";
        }
        if (ticks.size() <= TICKS_IN_MESSAGES) {
            return "ticks: " + ticks;
        }
        return ticks.size() + " snapshots, ticks " + ticks.get(0) + " to " + ticks.get(ticks.size() - 1);
    }

    /** Releases the writer's threads; idempotent. Any use afterwards throws {@link IllegalStateException}. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (recyclable != null) {
            try {
                Directories.deleteRecursively(recyclable);
            } catch (IOException e) {
                // A hidden temporary directory: the next RunStore.open removes it.
            }
            recyclable = null;
        }
    }

    @Override
    public String toString() {
        return "RunStore[" + dir + (readOnly ? ", read-only" : "") + "]";
    }
}
