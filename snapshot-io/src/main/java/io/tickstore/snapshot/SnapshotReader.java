package io.tickstore.snapshot;

import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.FirstBuffers;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.internal.OffHeap;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.internal.LinkFreeDirectories;
import io.tickstore.snapshot.internal.MappedSnapshots;
import io.tickstore.snapshot.internal.PrivateMapping;
import io.tickstore.snapshot.internal.StoredFile;
import io.tickstore.snapshot.manifest.ColumnEntry;
import io.tickstore.snapshot.manifest.FileEntry;
import io.tickstore.snapshot.manifest.Manifest;
import io.tickstore.snapshot.manifest.ManifestCodec;
import io.tickstore.snapshot.manifest.TableEntry;
import io.tickstore.snapshot.migrate.ColumnStep;
import io.tickstore.snapshot.migrate.MigrationPlan;
import io.tickstore.snapshot.migrate.ValueConversion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.zip.CRC32C;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Loads a snapshot directory into a new {@link World}.
 *
 * <h2>Order: check everything, then allocate</h2>
 * <ol>
 *   <li>Read and validate {@code manifest.json} ({@link ManifestCodec#read}).</li>
 *   <li>Plan every table's migration to its target schema ({@link MigrationPlan#forSnapshot}); all schema
 *       problems are reported at once as {@link Problem#INCOMPATIBLE_SCHEMA}.</li>
 *   <li>Open every file the load needs and check it against the manifest and its real size
 *       ({@link StoredFile#open}), one at a time.</li>
 *   <li>Only then allocate the tables ({@link Table#allocate}, adopted by the world at once), read each file's
 *       data straight into the table's off-heap buffers ({@link Table#columnView} and positional
 *       {@code FileChannel.read}), verifying each file's CRC32C from the same buffers, widen or fill the
 *       migrated columns, and declare the rows ({@link Table#adoptLoadedRows}).</li>
 * </ol>
 * With {@link ReadOptions#withCopyOnWriteMapping} ({@link #openCopyOnWrite}), step 3 maps the scalar, array and
 * entity-id files that load as stored, each through the one open that checks it ({@link PrivateMapping#openOrNull}),
 * and step 4 hands the mappings to the tables as their first buffers ({@link FirstBuffers}) instead of reading the
 * files, and reads only what is left.
 * On any failure everything allocated so far is closed (no leak) and a {@link SnapshotFormatException} names
 * the file at fault. Files are read in parallel on {@code threads - 1} threads made for the call plus the
 * calling thread. The returned world belongs to the caller.
 */
public final class SnapshotReader {
    private static final int CHUNK_BYTES = SnapshotWriter.CHUNK_BYTES;

    private SnapshotReader() {
    }

    /** Loads every table as stored, verifying checksums. */
    public static World read(Path snapshotDir, BufferAllocator allocator) throws IOException {
        return read(snapshotDir, allocator, ReadOptions.defaults());
    }

    /**
     * Opens a snapshot as a writable world without reading its bulk: every scalar and array column and the entity ids
     * become private copy-on-write mappings ({@code MAP_PRIVATE}, numpy's {@code mmap_mode='c'}) of their files' data,
     * so the open costs about as much as reading the manifest and mapping the files, and a tick pays only for the
     * pages it touches. Writes to the world land in private copies of the pages they touch; the snapshot's files are
     * never changed, and other readers of them see nothing. Categorical columns (their codes are checked against the
     * dictionary) and variable-length columns are read as usual.
     *
     * <p>Data checksums are <b>not</b> verified by this open, since verifying is a full read; the manifest's own
     * checksum is, and every file's size is checked against its header and the manifest before it is mapped. Pass
     * {@code ReadOptions.defaults().withCopyOnWriteMapping(true)} to {@link #read(Path, BufferAllocator, ReadOptions)}
     * to verify (every mapped page is then read once, still without a copy).
     *
     * <p>A table that grows past the snapshot's rows ({@code addRow}) copies its rows into memory of its own at that
     * moment and unmaps its files. A file over 2 GiB, or one this process may not open for writing (Java's private
     * mappings need a writable channel, though nothing is written), is read instead of mapped. Closing the world unmaps
     * everything. The snapshot's files must not be truncated or overwritten in place while the world is open: an
     * access to a page of a truncated mapped file is a {@code SIGBUS}, which may end the JVM, and untouched pages
     * show what the file holds now. Deleting them is safe. Tickstore itself never does so while this JVM has them
     * mapped: a recycled write ({@link WriteOptions#withRecycleRetained}) leaves a removed snapshot that is mapped
     * here alone and writes new files instead ({@code MappedSnapshots}); another process's recycled writes cannot
     * know of this one's mappings.
     */
    public static World openCopyOnWrite(Path snapshotDir, BufferAllocator allocator) throws IOException {
        return read(snapshotDir, allocator, ReadOptions.defaults().withCopyOnWriteMapping(true).withVerifyChecksums(false));
    }

    /** Loads a snapshot, migrating the tables {@code options} names to their target schemas. */
    public static World read(Path snapshotDir, BufferAllocator allocator, ReadOptions options) throws IOException {
        Path manifestFile = SnapshotLayout.manifest(snapshotDir);
        Manifest manifest = readManifest(snapshotDir);
        List<MigrationPlan> plans = MigrationPlan.forSnapshot(manifest, options.targetSchemas(), manifestFile);
        List<TablePlan> tables = new ArrayList<>();
        for (int t = 0; t < plans.size(); t++) {
            tables.add(new TablePlan(snapshotDir, manifest.tables().get(t), plans.get(t)));
        }
        try {
            LinkFreeDirectories directories = new LinkFreeDirectories(snapshotDir);
            Object snapshotKey = options.copyOnWriteMapping() ? MappedSnapshots.key(snapshotDir) : null;
            for (TablePlan table : tables) {
                table.checkFiles(options.copyOnWriteMapping(), directories, snapshotKey);
            }
            return load(manifest, tables, allocator, options);
        } finally {
            // the mappings no table adopted: none after a load, those made before a failure otherwise
            for (TablePlan table : tables) {
                table.closeUnadoptedMappings();
            }
        }
    }

    private static World load(Manifest manifest, List<TablePlan> tables, BufferAllocator allocator, ReadOptions options)
            throws IOException {
        World world = new World(allocator);
        ExecutorService pool = null;
        try {
            List<ParallelIo.IoTask> tasks = new ArrayList<>();
            for (TablePlan table : tables) {
                table.allocate(world, allocator, options.copyOnWriteMapping());
                table.addTasks(tasks, allocator, options.verifyChecksums());
            }
            if (options.threads() > 1 && tasks.size() > 1) {
                pool = ParallelIo.newPool("tickstore-snapshot-reader", Math.min(options.threads(), tasks.size()) - 1);
            }
            ParallelIo.runAll(tasks, options.threads(), pool);
            for (TablePlan table : tables) {
                table.table.adoptLoadedRows(table.entry.rows(), table.entry.nextEntityId());
            }
            world.setTick(manifest.tick());
            world.setRngState(manifest.rngState());
            return world;
        } catch (IOException | RuntimeException | Error e) {
            try {
                world.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    /**
     * Reads and validates a snapshot's manifest (a regular file, not a link), and checks that a directory named
     * {@code tick-N} holds the snapshot of tick N.
     */
    public static Manifest readManifest(Path snapshotDir) throws IOException {
        Path manifestFile = SnapshotLayout.manifest(snapshotDir);
        SnapshotLayout.requireNoSymbolicLinks(snapshotDir, manifestFile);
        Manifest manifest = ManifestCodec.read(manifestFile);
        Path name = snapshotDir.toAbsolutePath().normalize().getFileName();
        long dirTick = name == null ? -1 : SnapshotLayout.tickOf(name.toString());
        if (dirTick >= 0 && dirTick != manifest.tick()) {
            throw new SnapshotFormatException(manifestFile, Problem.BAD_HEADER, "manifest is for tick " + manifest.tick()
                    + " but its directory is named for tick " + dirTick);
        }
        return manifest;
    }

    /** One table being loaded: its manifest entry, its plan and, once allocated, the table. */
    private static final class TablePlan {
        final Path snapshotDir;
        final TableEntry entry;
        final MigrationPlan plan;
        Table table;
        /** Which columns' first buffers are mappings of their files, and whether the entity ids' is. */
        final boolean[] mapped;
        boolean idsMapped;
        /** The checked mappings of the columns' and the entity ids' files, until the table adopts them. */
        final PrivateMapping[] mappings;
        PrivateMapping idsMapping;

        TablePlan(Path snapshotDir, TableEntry entry, MigrationPlan plan) {
            this.snapshotDir = snapshotDir;
            this.entry = entry;
            this.plan = plan;
            this.mapped = new boolean[plan.steps().size()];
            this.mappings = new PrivateMapping[plan.steps().size()];
        }

        /** The stored file each target column reads, or null for a column that is filled. */
        FileEntry source(ColumnStep step) {
            return step.source() == null ? null : entry.column(step.source().name()).data();
        }

        /** The stored column each target column reads, or null for a column that is filled. */
        ColumnEntry sourceColumn(ColumnStep step) {
            return step.source() == null ? null : entry.column(step.source().name());
        }

        /**
         * Opens and checks every file this table's load reads, one at a time, before anything is allocated. A file a
         * copy-on-write load maps is mapped here, by the open that checks it ({@link PrivateMapping#openOrNull}), and
         * stays mapped until {@link #allocate} hands it to the table. Every other file is closed again: the tasks
         * open them again (and check them again) when they read, so a wide world never holds more open files than it
         * has threads.
         */
        void checkFiles(boolean copyOnWrite, LinkFreeDirectories directories, Object snapshotKey) throws IOException {
            boolean mapping = copyOnWrite && entry.rows() > 0;
            if (mapping) {
                idsMapping = checkAndMap(entry.entityIds(), directories, snapshotKey);
            } else {
                StoredFile.open(snapshotDir, entry.entityIds()).close();
            }
            for (int c = 0; c < plan.steps().size(); c++) {
                ColumnStep step = plan.steps().get(c);
                ColumnEntry source = sourceColumn(step);
                if (source == null) {
                    continue;
                }
                if (mapping && mappable(step)) {
                    mappings[c] = checkAndMap(source.data(), directories, snapshotKey);
                } else {
                    for (FileEntry file : source.files()) {
                        StoredFile.open(snapshotDir, file).close();
                    }
                }
            }
        }

        /** The file's checked mapping, or null (after the same checks on a read) when it cannot be mapped. */
        private PrivateMapping checkAndMap(FileEntry file, LinkFreeDirectories directories, Object snapshotKey) throws IOException {
            Path path = file.resolve(snapshotDir);
            directories.requireNoneAbove(path);
            PrivateMapping mapping = PrivateMapping.openOrNull(snapshotDir, file, path, snapshotKey);
            if (mapping == null) {
                StoredFile.open(snapshotDir, file).close();
            }
            return mapping;
        }

        void closeUnadoptedMappings() {
            for (int c = 0; c < mappings.length; c++) {
                if (mappings[c] != null) {
                    mappings[c].close();
                    mappings[c] = null;
                }
            }
            if (idsMapping != null) {
                idsMapping.close();
                idsMapping = null;
            }
        }

        void allocate(World world, BufferAllocator allocator, boolean copyOnWrite) throws IOException {
            Table allocated = copyOnWrite && entry.rows() > 0
                    ? Table.allocate(plan.target(), allocator, entry.rows(), new MappedFiles())
                    : Table.allocate(plan.target(), allocator, entry.rows());
            try {
                world.adopt(allocated);
            } catch (RuntimeException e) {
                allocated.close();
                throw e;
            }
            table = allocated;
        }

        /** Whether a column loads straight from its file's bytes: a scalar or array column stored as it is wanted. */
        boolean mappable(ColumnStep step) {
            ColumnKind kind = step.target().kind();
            return step.action() == ColumnStep.Action.COPY && (kind == ColumnKind.SCALAR || kind == ColumnKind.ARRAY);
        }

        /** Hands the table the mappings {@link #checkFiles} made: scalar and array columns', and the entity ids'. */
        private final class MappedFiles implements FirstBuffers {
            @Override
            public ArrowBuf column(BufferAllocator tableAllocator, int column, long bytes) {
                if (mappings[column] == null) {
                    return null;
                }
                ArrowBuf buffer = mappings[column].adopt(tableAllocator);
                mapped[column] = true;
                return buffer;
            }

            @Override
            public ArrowBuf entityIds(BufferAllocator tableAllocator, long bytes) {
                if (idsMapping == null) {
                    return null;
                }
                ArrowBuf buffer = idsMapping.adopt(tableAllocator);
                idsMapped = true;
                return buffer;
            }
        }

        void addTasks(List<ParallelIo.IoTask> tasks, BufferAllocator allocator, boolean verify) {
            Table t = table;
            if (!idsMapped || verify) {
                boolean inPlace = idsMapped;
                tasks.add(() -> {
                    try (StoredFile ids = StoredFile.open(snapshotDir, entry.entityIds())) {
                        load(ids, (offset, length) -> t.entityIdView(offset, length), verify, inPlace);
                    }
                });
            }
            for (int c = 0; c < plan.steps().size(); c++) {
                ColumnStep step = plan.steps().get(c);
                FileEntry source = source(step);
                int column = c;
                ColumnKind kind = step.target().kind();
                if (kind.isVariableLength()) {
                    ColumnEntry stored = sourceColumn(step);
                    long rows = entry.rows();
                    tasks.add(stored == null ? () -> KindLoads.fillValues(t, column, rows, t.schema().column(column).defaultBytes())
                            : () -> KindLoads.loadValues(snapshotDir, stored, t, column, rows, verify));
                    continue;
                }
                if (kind == ColumnKind.CATEGORICAL && step.action() != ColumnStep.Action.FILL) {
                    ColumnEntry stored = sourceColumn(step);
                    boolean widen = step.action() == ColumnStep.Action.WIDEN;
                    tasks.add(() -> {
                        try (StoredFile dictionary = StoredFile.open(snapshotDir, stored.dictionary());
                             StoredFile codes = StoredFile.open(snapshotDir, stored.data())) {
                            KindLoads.loadDictionary(dictionary, t, column, verify);
                            if (widen) {
                                widen(codes, t, column, allocator, verify);
                            } else {
                                copy(codes, (offset, length) -> t.columnView(column, offset, length), verify);
                            }
                            KindLoads.checkCodes(codes.path(), t, column, entry.rows());
                        }
                    });
                    continue;
                }
                switch (step.action()) {
                    case COPY:
                        if (mapped[c] && !verify) {
                            break;
                        }
                        boolean inPlace = mapped[c];
                        tasks.add(() -> {
                            try (StoredFile file = StoredFile.open(snapshotDir, source)) {
                                load(file, (offset, length) -> t.columnView(column, offset, length), verify, inPlace);
                            }
                        });
                        break;
                    case WIDEN:
                        tasks.add(() -> {
                            try (StoredFile file = StoredFile.open(snapshotDir, source)) {
                                widen(file, t, column, allocator, verify);
                            }
                        });
                        break;
                    default:
                        tasks.add(() -> fill(t, column, entry.rows() * t.arrayLength(column), step.target().defaultValue().bits()));
                        break;
                }
            }
        }
    }

    /** A view of a destination region: a table column or its entity ids. */
    private interface Destination {
        ByteBuffer view(long byteOffset, int length);
    }

    /** Copies a file into its destination, or only checksums it where its destination is already a mapping of it. */
    private static void load(StoredFile file, Destination destination, boolean verify, boolean mapped) throws IOException {
        if (mapped) {
            checksumMapped(file, destination);
        } else {
            copy(file, destination, verify);
        }
    }

    /** Verifies a file from the mapping of its data: every page is read once, nothing is copied. */
    private static void checksumMapped(StoredFile file, Destination mapping) throws IOException {
        CRC32C crc = file.startChecksum();
        long dataBytes = file.entry().dataBytes();
        for (long offset = 0; offset < dataBytes; offset += CHUNK_BYTES) {
            crc.update(mapping.view(offset, (int) Math.min(CHUNK_BYTES, dataBytes - offset)));
        }
        file.checkChecksum(crc);
    }

    private static void copy(StoredFile file, Destination destination, boolean verify) throws IOException {
        CRC32C crc = verify ? file.startChecksum() : null;
        long dataBytes = file.entry().dataBytes();
        for (long offset = 0; offset < dataBytes; offset += CHUNK_BYTES) {
            int length = (int) Math.min(CHUNK_BYTES, dataBytes - offset);
            ByteBuffer view = destination.view(offset, length);
            file.readData(offset, view);
            if (crc != null) {
                view.flip();
                crc.update(view);
            }
        }
        if (crc != null) {
            file.checkChecksum(crc);
        }
    }

    private static void widen(StoredFile file, Table table, int column, BufferAllocator allocator, boolean verify) throws IOException {
        ColumnType from = file.entry().type();
        ColumnType to = table.columnType(column);
        long rows = file.entry().rows() * file.entry().valuesPerRow();
        int rowsPerChunk = CHUNK_BYTES >> Math.max(from.log2Width(), to.log2Width());
        CRC32C crc = verify ? file.startChecksum() : null;
        try (ArrowBuf scratch = allocator.buffer(Math.min(rows, rowsPerChunk) << from.log2Width())) {
            for (long row = 0; row < rows; row += rowsPerChunk) {
                int count = (int) Math.min(rowsPerChunk, rows - row);
                ByteBuffer stored = OffHeap.view(scratch.memoryAddress(), count << from.log2Width());
                file.readData(row << from.log2Width(), stored);
                stored.flip();
                if (crc != null) {
                    crc.update(stored);
                    stored.rewind();
                }
                ValueConversion.widen(stored, from, table.columnView(column, row << to.log2Width(), count << to.log2Width()), to, count);
            }
        }
        if (crc != null) {
            file.checkChecksum(crc);
        }
    }

    /** Fills {@code rows} values (rows times elements, for an array) of a column with {@code bits}. */
    private static void fill(Table table, int column, long rows, long bits) {
        ColumnType type = table.columnType(column);
        int rowsPerChunk = CHUNK_BYTES >> type.log2Width();
        for (long row = 0; row < rows; row += rowsPerChunk) {
            int count = (int) Math.min(rowsPerChunk, rows - row);
            ValueConversion.fill(table.columnView(column, row << type.log2Width(), count << type.log2Width()), type, bits, count);
        }
    }
}
