package io.tickstore.snapshot;

import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.internal.AtomicFiles;
import io.tickstore.snapshot.internal.Directories;
import io.tickstore.snapshot.internal.MappedSnapshots;
import io.tickstore.snapshot.internal.FileErrors;
import io.tickstore.snapshot.internal.fault.FaultPoint;
import io.tickstore.snapshot.internal.fault.Faults;
import io.tickstore.snapshot.manifest.ColumnEntry;
import io.tickstore.snapshot.manifest.FileEntry;
import io.tickstore.snapshot.manifest.Manifest;
import io.tickstore.snapshot.manifest.ManifestCodec;
import io.tickstore.snapshot.manifest.TableEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.zip.CRC32C;

/**
 * Writes a {@link World} as a snapshot directory, format version 1, or 2 when a column is of another kind than
 * scalar (see FORMAT.md), and publishes it atomically: readers see the whole snapshot or none of it. The files of
 * a categorical column's dictionary and of a variable-length column are written by {@link DictionaryFile} and
 * {@link VariableValueFiles}.
 *
 * <h2>Steps</h2>
 * <ol>
 *   <li>Create the hidden {@code RUN/.tick-<20 digits>.tmp-<nonce>/} and one directory per table.</li>
 *   <li>Write every column and entity id file as a .npy: the header ({@link NpyHeader#encode}), then the live
 *       rows straight from the table's off-heap memory through direct {@code ByteBuffer} views and
 *       {@code FileChannel.write} (no copy through the heap; columns over 2 GiB go in {@value #CHUNK_BYTES}-byte
 *       chunks), computing the file's CRC32C from the same buffers. Files are written in parallel (see
 *       below); with {@link Durability#FSYNC} each is forced as soon as it is complete.
 *       Hook: {@link WriteStep#AFTER_COLUMN_FILES}.</li>
 *   <li>Write {@code manifest.json} last (forced). Hook: {@link WriteStep#AFTER_MANIFEST}.</li>
 *   <li>Fsync the table directories and the temporary directory. Hook: {@link WriteStep#AFTER_FSYNC}, then
 *       {@link WriteStep#BEFORE_RENAME}.</li>
 *   <li>Rename ({@code ATOMIC_MOVE}) to {@code RUN/tick-<20 digits>/}, then fsync the run directory.</li>
 * </ol>
 * If anything fails (including a hook that throws) the temporary directory is deleted and the run is as it
 * was. A crash leaves only a hidden temporary directory, which {@code RunStore.open} removes.
 *
 * <h2>Existing snapshots</h2>
 * Writing a tick that already has a snapshot fails with {@link FileAlreadyExistsException} naming it, unless
 * {@link WriteOptions#withReplaceExisting replaceExisting} is set: then the old snapshot is renamed to a
 * hidden name, the new one renamed into place (the old one is renamed back if that fails), and the old one
 * deleted. Between the two renames a reader finds no snapshot at that tick, never a partial one.
 *
 * <h2>Recycling the files of a removed snapshot</h2>
 * {@link #writeRecycling} writes into the files of a snapshot that retention took out of the run (renamed to a
 * hidden temporary name, never visible to readers), as PostgreSQL recycles WAL segments: overwriting pages the page
 * cache already holds spares the kernel allocating, zeroing and charging new ones, which is most of a write's
 * cost after the copy itself. The recycled directory becomes the new snapshot's temporary directory; every file is
 * overwritten in place and cut to its new length, files the new snapshot does not have are deleted, and publication
 * is the same atomic rename. A removed snapshot that a world in this JVM still maps copy-on-write
 * ({@link SnapshotReader#openCopyOnWrite}) is not recycled: it is deleted and the write makes new files.
 *
 * <h2>Threads</h2>
 * An instance owns a small pool of {@code threads - 1} daemon threads (the calling thread is the last
 * worker), so a hot loop that snapshots every N ticks reuses them: create one writer, call {@link #write}
 * repeatedly, {@link #close} it at the end. {@link #write(World, Path, WriteOptions)} does the same for one
 * snapshot. Writes on one instance are serialised. The world must not be modified while it is written; the
 * writer only reads it.
 */
public final class SnapshotWriter implements AutoCloseable {
    /** Bytes handed to one {@code FileChannel.write}: small enough that the checksum pass leaves them in cache. */
    public static final int CHUNK_BYTES = 4 << 20;

    private final WriteOptions options;
    private final ExecutorService pool;
    private boolean closed;

    public SnapshotWriter(WriteOptions options) {
        this.options = options;
        this.pool = options.threads() > 1 ? ParallelIo.newPool("tickstore-snapshot-writer", options.threads() - 1) : null;
    }

    /** Writes one snapshot with a writer made for the purpose; see the class comment. */
    public static SnapshotInfo write(World world, Path runDir, WriteOptions options) throws IOException {
        try (SnapshotWriter writer = new SnapshotWriter(options)) {
            return writer.write(world, runDir);
        }
    }

    public WriteOptions options() {
        return options;
    }

    /**
     * Writes the snapshot of {@code world.tick()} into {@code runDir} (created if missing) and publishes it.
     *
     * @return the published snapshot's directory, size and files
     * @throws FileAlreadyExistsException when the tick has a snapshot and replacing is off
     * @throws IOException when writing fails; the run is then left as it was
     */
    public synchronized SnapshotInfo write(World world, Path runDir) throws IOException {
        return write(world, runDir, SnapshotLayout.snapshotDir(runDir, world.tick()), null);
    }

    /**
     * Writes the snapshot of {@code world.tick()} into {@code runDir} like {@link #write(World, Path)}, reusing the
     * files of {@code recycled}: a snapshot directory of the same run that is no longer published (retention renamed it
     * to a hidden temporary name; see the class comment). It is consumed whatever happens: it becomes the new snapshot,
     * or it is deleted with the temporary directory when the write fails.
     *
     * @throws java.nio.file.NoSuchFileException when {@code recycled} is not there
     */
    public synchronized SnapshotInfo writeRecycling(World world, Path runDir, Path recycled) throws IOException {
        if (!Files.isDirectory(recycled, LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.NoSuchFileException(recycled.toString(), null, "no snapshot directory to recycle here");
        }
        return write(world, runDir, SnapshotLayout.snapshotDir(runDir, world.tick()), recycled);
    }

    /**
     * Writes the snapshot of {@code world.tick()} as the directory {@code snapshotDir} itself, whatever its name (a
     * world rebuilt or hydrated and written out for other tools), published the same way: built under a hidden
     * temporary name beside it and renamed into place, so the directory appears whole or not at all. Its parent is
     * created if missing.
     *
     * @throws FileAlreadyExistsException when something is at {@code snapshotDir} and replacing is off
     */
    public synchronized SnapshotInfo writeAs(World world, Path snapshotDir) throws IOException {
        Path target = snapshotDir.toAbsolutePath().normalize();
        if (target.getParent() == null) {
            throw new IllegalArgumentException(snapshotDir + ": a snapshot needs a directory of its own, not the root");
        }
        return write(world, target.getParent(), target, null);
    }

    private SnapshotInfo write(World world, Path runDir, Path target, Path recycled) throws IOException {
        if (closed) {
            throw new IllegalStateException("snapshot writer is closed");
        }
        long tick = world.tick();
        Files.createDirectories(runDir);
        if (!options.replaceExisting() && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "already exists" + (target.getFileName().toString()
                    .equals(SnapshotLayout.snapshotDirName(tick)) ? ": run " + runDir + " already has a snapshot at tick " + tick
                    + " (write with replaceExisting to replace it)" : "; a snapshot is written as a new directory: name one that does not exist"));
        }
        Path temp = runDir.resolve(SnapshotLayout.temporaryDirName(tick, Directories.nonce()));
        if (recycled != null && MappedSnapshots.isMapped(recycled)) {
            // a world opened copy-on-write from it still maps its files: overwriting them in place would change that
            // world's untouched pages under it, so its files are deleted (their mappings keep them) and new ones written
            Directories.deleteRecursively(recycled);
            recycled = null;
        }
        if (recycled != null) {
            Files.move(recycled, temp, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.createDirectory(temp);
        }
        try {
            boolean fsync = options.durability() == Durability.FSYNC;
            List<Table> tables = world.tables();
            List<SnapshotFile> tasks = new ArrayList<>();
            for (Table table : tables) {
                Path tableDir = temp.resolve(table.name());
                if (recycled == null || !Files.isDirectory(tableDir, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(tableDir);
                }
                tasks.add(new FileTask(table, -1, ColumnType.I64, ColumnFileInfo.ENTITY_IDS,
                        SnapshotLayout.entityIdFileName(table.name()), fsync));
                for (int c = 0; c < table.schema().columnCount(); c++) {
                    addColumnFiles(tasks, table, c, fsync);
                }
            }
            for (SnapshotFile task : tasks) {
                setPath(task, SnapshotLayout.resolveRelative(temp, task.relativePath()));
            }
            if (recycled != null) {
                RecycledFiles.prepare(temp, tasks);
            }
            ParallelIo.runAll(tasks, options.threads(), pool);
            options.hook().reached(WriteStep.AFTER_COLUMN_FILES, temp);

            byte[] manifest = ManifestCodec.encode(manifest(world, tables, tasks));
            Faults.at(FaultPoint.SNAPSHOT_MANIFEST, SnapshotLayout.manifest(temp));
            AtomicFiles.writeNew(SnapshotLayout.manifest(temp), manifest, fsync, null);
            options.hook().reached(WriteStep.AFTER_MANIFEST, temp);

            if (fsync) {
                Faults.at(FaultPoint.SNAPSHOT_FSYNC, temp);
                for (Table table : tables) {
                    Directories.fsync(temp.resolve(table.name()));
                }
                Directories.fsync(temp);
            }
            options.hook().reached(WriteStep.AFTER_FSYNC, temp);
            options.hook().reached(WriteStep.BEFORE_RENAME, temp);

            Faults.at(FaultPoint.SNAPSHOT_RENAME, target);
            publish(temp, target, runDir, tick, fsync);
            return info(target, tick, tasks, manifest.length);
        } catch (Throwable t) {
            try {
                Directories.deleteRecursively(temp);
            } catch (IOException | RuntimeException e) {
                t.addSuppressed(e);
            }
            if (t instanceof IOException) {
                // A bare "No space left on device" from anywhere in the write still says where it happened.
                throw FileErrors.naming(temp, (IOException) t);
            }
            throw t;
        }
    }

    /**
     * The files of one column, in the order {@link #manifest} takes them back: one for a scalar or an array, the codes
     * then the dictionary for a categorical column, the offsets then the data for a variable-length one.
     */
    private static void addColumnFiles(List<SnapshotFile> tasks, Table table, int c, boolean fsync) {
        ColumnSpec spec = table.schema().column(c);
        String name = table.name();
        switch (spec.kind()) {
            case SCALAR: case ARRAY:
                tasks.add(new FileTask(table, c, spec.type(), spec.name(), SnapshotLayout.columnFileName(name, spec.name()), fsync));
                break;
            case CATEGORICAL:
                tasks.add(new FileTask(table, c, spec.type(), spec.name(), SnapshotLayout.columnFileName(name, spec.name()), fsync));
                tasks.add(new DictionaryFile(table, c, SnapshotLayout.columnFileName(name, spec.name(), SnapshotLayout.DICTIONARY_SUFFIX), fsync));
                break;
            default:
                tasks.add(new VariableValueFiles.Offsets(table, c, SnapshotLayout.columnFileName(name, spec.name(), SnapshotLayout.OFFSETS_SUFFIX), fsync));
                tasks.add(new VariableValueFiles.Data(table, c, SnapshotLayout.columnFileName(name, spec.name(), SnapshotLayout.DATA_SUFFIX), fsync));
                break;
        }
    }

    /** Lets a file task overwrite the file a recycled snapshot left at its path. */
    static void allowOverwrite(SnapshotFile task) {
        ((FileTask) task).overwrite = true;
    }

    static boolean overwrites(SnapshotFile task) {
        return task instanceof FileTask;
    }

    static Path pathOf(SnapshotFile task) {
        return task instanceof FileTask ? ((FileTask) task).path : ((ColumnFilePart) task).path;
    }

    private static void setPath(SnapshotFile task, Path path) {
        if (task instanceof FileTask) {
            ((FileTask) task).path = path;
        } else {
            ((ColumnFilePart) task).path = path;
        }
    }

    private Manifest manifest(World world, List<Table> tables, List<SnapshotFile> tasks) {
        List<TableEntry> entries = new ArrayList<>();
        int next = 0;
        for (Table table : tables) {
            FileEntry ids = tasks.get(next++).entry();
            List<ColumnEntry> columns = new ArrayList<>();
            for (ColumnSpec spec : table.schema().columns()) {
                switch (spec.kind()) {
                    case SCALAR: case ARRAY:
                        columns.add(new ColumnEntry(spec.name(), spec.layout(), spec.sinceVersion(), tasks.get(next++).entry(), null, null));
                        break;
                    case CATEGORICAL: {
                        FileEntry codes = tasks.get(next++).entry();
                        columns.add(new ColumnEntry(spec.name(), spec.layout(), spec.sinceVersion(), codes, null, tasks.get(next++).entry()));
                        break;
                    }
                    default: {
                        FileEntry offsets = tasks.get(next++).entry();
                        columns.add(new ColumnEntry(spec.name(), spec.layout(), spec.sinceVersion(), tasks.get(next++).entry(), offsets, null));
                        break;
                    }
                }
            }
            entries.add(new TableEntry(table.name(), table.rowCount(), table.nextEntityId(), table.schema(), ids, columns));
        }
        Instant createdAt = options.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        return new Manifest(world.tick(), world.rngState(), createdAt, entries);
    }

    private void publish(Path temp, Path target, Path runDir, long tick, boolean fsync) throws IOException {
        Path displaced = null;
        if (options.replaceExisting() && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            displaced = runDir.resolve(SnapshotLayout.temporaryDirName(tick, "replaced-" + Directories.nonce()));
            Files.move(target, displaced, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            if (displaced != null) {
                try {
                    Files.move(displaced, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        }
        if (fsync) {
            Directories.fsync(runDir);
        }
        if (displaced != null) {
            try {
                Directories.deleteRecursively(displaced);
            } catch (IOException e) {
                // The new snapshot is published; a leftover hidden directory is removed by the next RunStore.open.
            }
        }
    }

    private static SnapshotInfo info(Path target, long tick, List<SnapshotFile> tasks, long manifestBytes) {
        List<ColumnFileInfo> files = new ArrayList<>(tasks.size());
        long total = manifestBytes;
        for (SnapshotFile task : tasks) {
            FileEntry entry = task.entry();
            files.add(new ColumnFileInfo(task.tableName(), task.columnName(), task.valueType(),
                    SnapshotLayout.resolveRelative(target, task.relativePath()), entry.rows(), entry.fileBytes(), entry.crc32c()));
            total += entry.fileBytes();
        }
        return new SnapshotInfo(target, tick, total, files);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Shuts the writer's threads down; idempotent. A write in progress on another thread finishes first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** Writes one .npy file of fixed-width rows (a scalar, array or categorical code column, or entity ids) and remembers its size and checksum. */
    private static final class FileTask implements SnapshotFile {
        final Table table;
        final int column;
        final ColumnType type;
        final String columnName;
        final String relativePath;
        final boolean force;
        final long rows;
        Path path;
        /** Whether the file may exist already, left by a recycled snapshot. */
        boolean overwrite;
        int dataOffset;
        long fileBytes;
        int crc32c;

        FileTask(Table table, int column, ColumnType type, String columnName, String relativePath, boolean force) {
            this.table = table;
            this.column = column;
            this.type = type;
            this.columnName = columnName;
            this.relativePath = relativePath;
            this.force = force;
            this.rows = table.rowCount();
        }

        @Override
        public void run() throws IOException {
            byte[] header = column < 0 ? NpyHeader.encode(type, rows) : NpyHeader.encode(type, rows, table.columnLayout(column).shape());
            long dataBytes = column < 0 ? rows << type.log2Width() : rows * table.rowBytes(column);
            CRC32C crc = new CRC32C();
            crc.update(header, 0, header.length);
            // A recycled file is overwritten in place (its pages are in the page cache) and cut to length below.
            StandardOpenOption create = overwrite ? StandardOpenOption.CREATE : StandardOpenOption.CREATE_NEW;
            try (FileChannel channel = FileChannel.open(path, create, StandardOpenOption.WRITE)) {
                writeFully(channel, ByteBuffer.wrap(header));
                Faults.atWrite(FaultPoint.SNAPSHOT_COLUMN_FILE, path, () -> {
                    long half = dataBytes / 2;
                    for (long offset = 0; offset < half; offset += CHUNK_BYTES) {
                        int length = (int) Math.min(CHUNK_BYTES, half - offset);
                        writeFully(channel, column < 0 ? table.entityIdView(offset, length) : table.columnView(column, offset, length));
                    }
                });
                for (long offset = 0; offset < dataBytes; offset += CHUNK_BYTES) {
                    int length = (int) Math.min(CHUNK_BYTES, dataBytes - offset);
                    ByteBuffer view = column < 0 ? table.entityIdView(offset, length) : table.columnView(column, offset, length);
                    crc.update(view);
                    view.rewind();
                    writeFully(channel, view);
                }
                if (overwrite) {
                    channel.truncate(header.length + dataBytes);
                }
                if (force) {
                    channel.force(true);
                }
            } catch (IOException e) {
                throw FileErrors.naming(path, e);
            }
            dataOffset = header.length;
            fileBytes = header.length + dataBytes;
            crc32c = (int) crc.getValue();
        }

        @Override
        public FileEntry entry() {
            List<Integer> rowShape = new ArrayList<>();
            if (column >= 0) {
                for (int dim : table.columnLayout(column).shape()) {
                    rowShape.add(dim);
                }
            }
            return new FileEntry(relativePath, type, 0, rowShape, rows, dataOffset, fileBytes - dataOffset, fileBytes, crc32c);
        }

        @Override
        public String tableName() {
            return table.name();
        }

        @Override
        public String columnName() {
            return columnName;
        }

        @Override
        public ColumnType valueType() {
            return type;
        }

        @Override
        public String relativePath() {
            return relativePath;
        }
    }
}
