package io.tickstore.snapshot;

import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.internal.AtomicFiles;
import io.tickstore.snapshot.internal.Directories;
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
 * Writes a {@link World} as a snapshot directory, format version 1 (see FORMAT.md), and publishes it
 * atomically: readers see the whole snapshot or none of it.
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
        return write(world, runDir, SnapshotLayout.snapshotDir(runDir, world.tick()));
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
        return write(world, target.getParent(), target);
    }

    private SnapshotInfo write(World world, Path runDir, Path target) throws IOException {
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
        Files.createDirectory(temp);
        try {
            boolean fsync = options.durability() == Durability.FSYNC;
            List<Table> tables = world.tables();
            List<FileTask> tasks = new ArrayList<>();
            for (Table table : tables) {
                Files.createDirectory(temp.resolve(table.name()));
                tasks.add(new FileTask(table, -1, ColumnType.I64, ColumnFileInfo.ENTITY_IDS,
                        SnapshotLayout.entityIdFileName(table.name()), fsync));
                for (int c = 0; c < table.schema().columnCount(); c++) {
                    ColumnSpec spec = table.schema().column(c);
                    tasks.add(new FileTask(table, c, spec.type(), spec.name(),
                            SnapshotLayout.columnFileName(table.name(), spec.name()), fsync));
                }
            }
            for (FileTask task : tasks) {
                task.path = SnapshotLayout.resolveRelative(temp, task.relativePath);
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

    private Manifest manifest(World world, List<Table> tables, List<FileTask> tasks) {
        List<TableEntry> entries = new ArrayList<>();
        int next = 0;
        for (Table table : tables) {
            FileEntry ids = tasks.get(next++).entry();
            List<ColumnEntry> columns = new ArrayList<>();
            for (ColumnSpec spec : table.schema().columns()) {
                columns.add(new ColumnEntry(spec.name(), spec.type(), spec.sinceVersion(), tasks.get(next++).entry()));
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

    private static SnapshotInfo info(Path target, long tick, List<FileTask> tasks, long manifestBytes) {
        List<ColumnFileInfo> files = new ArrayList<>(tasks.size());
        long total = manifestBytes;
        for (FileTask task : tasks) {
            files.add(new ColumnFileInfo(task.table.name(), task.columnName, task.type,
                    SnapshotLayout.resolveRelative(target, task.relativePath), task.rows, task.fileBytes, task.crc32c));
            total += task.fileBytes;
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

    /** Writes one .npy file (column or entity ids) and remembers its size and checksum. */
    private static final class FileTask implements ParallelIo.IoTask {
        final Table table;
        final int column;
        final ColumnType type;
        final String columnName;
        final String relativePath;
        final boolean force;
        final long rows;
        Path path;
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
            byte[] header = NpyHeader.encode(type, rows);
            long dataBytes = rows << type.log2Width();
            CRC32C crc = new CRC32C();
            crc.update(header, 0, header.length);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
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

        FileEntry entry() {
            return new FileEntry(relativePath, type, rows, dataOffset, rows << type.log2Width(), fileBytes, crc32c);
        }
    }
}
