package io.tickstore.export;

import io.tickstore.columns.Table;
import java.io.IOException;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/** Arrow IPC file format ("Feather v2"): random access, what pyarrow, DuckDB and polars open as a file. */
final class ArrowFileFormat implements ExportFormat {
    @Override
    public String name() {
        return "arrow";
    }

    @Override
    public String extension() {
        return ArrowExport.EXTENSION;
    }

    @Override
    public String description() {
        return "Arrow IPC file (Feather v2): pyarrow.feather.read_table, DuckDB, polars.read_ipc";
    }

    @Override
    public void write(Table table, Map<String, String> metadata, OutputTarget out, BufferAllocator allocator) throws IOException {
        ArrowExport.writeIpcFile(table, out, allocator, ArrowExport.DEFAULT_BATCH_ROWS, metadata);
    }
}
