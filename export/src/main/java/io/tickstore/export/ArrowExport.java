package io.tickstore.export;

import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;

/**
 * Writes tables as Arrow IPC files (the random-access "Feather v2" format that pyarrow, DuckDB and polars
 * open) or as Arrow IPC streams (batches one after another, no footer: what a reader on the other end of a pipe
 * reads); a categorical column as a dictionary-encoded field with its dictionary written once, ahead of the batches.
 * Each batch is an {@link ArrowView} of the table's memory, so the only copy is the one into the file
 * (plus bit-packing of bool columns). Files are written under a temporary name and renamed into place, so a
 * failed export never leaves a partial file under the final name; a FIFO or a character device is written as a
 * stream, and anything else that is not a regular file is refused ({@link OutputTarget}).
 */
public final class ArrowExport {
    /** Rows per record batch: small enough for Arrow's 2 GiB buffer limit at any width, large enough to be cheap. */
    public static final int DEFAULT_BATCH_ROWS = 1 << 20;
    /** Schema metadata key holding the world's tick in a world export. */
    public static final String META_TICK = "tickstore.tick";
    /** The extension of the files {@link #writeIpcFile(World, Path, BufferAllocator)} writes. */
    public static final String EXTENSION = ".arrow";
    /** The extension of an Arrow IPC stream file (the one Arrow's documentation suggests). */
    public static final String STREAM_EXTENSION = ".arrows";

    private ArrowExport() {
    }

    /** Writes one table to {@code out} as an Arrow IPC file, in batches of {@value #DEFAULT_BATCH_ROWS} rows. */
    public static Path writeIpcFile(Table table, Path out, BufferAllocator allocator) throws IOException {
        return writeIpcFile(table, out, allocator, DEFAULT_BATCH_ROWS, Map.of());
    }

    /**
     * Writes every table of a world into the directory {@code outDir} (created if missing), one
     * {@code <table>.arrow} file each (an IPC file holds one schema); the tick goes into each file's schema
     * metadata as {@value #META_TICK}. Returns the files in table name order.
     */
    public static List<Path> writeIpcFile(World world, Path outDir, BufferAllocator allocator) throws IOException {
        Files.createDirectories(outDir);
        List<Path> files = new ArrayList<>();
        for (Table table : world.tables()) {
            files.add(writeIpcFile(table, outDir.resolve(table.name() + EXTENSION), allocator, DEFAULT_BATCH_ROWS,
                    Map.of(META_TICK, Long.toString(world.tick()))));
        }
        return files;
    }

    /** Writes one table with a chosen batch size and extra schema metadata. */
    public static Path writeIpcFile(Table table, Path out, BufferAllocator allocator, int batchRows, Map<String, String> metadata)
            throws IOException {
        writeIpcFile(table, OutputTarget.of(out), allocator, batchRows, metadata);
        return out;
    }

    /**
     * Writes one table to {@code out}: a regular file is replaced atomically, a FIFO or character device written as a
     * stream (the IPC file format is written front to back, so it streams; see {@link OutputTarget}).
     */
    public static void writeIpcFile(Table table, OutputTarget out, BufferAllocator allocator, int batchRows,
                                    Map<String, String> metadata) throws IOException {
        write(table, out, allocator, batchRows, metadata, true);
    }

    /** Writes one table to {@code out} in the Arrow IPC stream format (see {@link OutputTarget} for where it goes). */
    public static void writeIpcStream(Table table, OutputTarget out, BufferAllocator allocator, int batchRows,
                                      Map<String, String> metadata) throws IOException {
        write(table, out, allocator, batchRows, metadata, false);
    }

    private static void write(Table table, OutputTarget out, BufferAllocator allocator, int batchRows, Map<String, String> metadata,
                              boolean file) throws IOException {
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows " + batchRows + " must be at least 1");
        }
        out.write(channel -> {
            try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowTypes.arrowSchema(table.schema(), metadata), allocator);
                 ArrowKinds.Dictionaries dictionaries = ArrowKinds.dictionaries(table, allocator);
                 ArrowWriter writer = file ? new ArrowFileWriter(root, dictionaries.provider, channel)
                         : new ArrowStreamWriter(root, dictionaries.provider, channel)) {
                writer.start();
                long rows = table.rowCount();
                for (long from = 0; from < rows; from += batchRows) {
                    int n = (int) Math.min(batchRows, rows - from);
                    ArrowTypes.load(root, table, from, n, allocator);
                    writer.writeBatch();
                }
                writer.end();
            }
            return null;
        });
    }
}
