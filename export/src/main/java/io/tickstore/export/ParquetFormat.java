package io.tickstore.export;

import io.tickstore.columns.Table;
import java.io.IOException;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/** Parquet, written by DuckDB (see {@link ParquetExport}); it seeks in its file, so it needs a regular file. */
final class ParquetFormat implements ExportFormat {
    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public String extension() {
        return ".parquet";
    }

    @Override
    public String description() {
        return "Parquet through DuckDB, zstd; u64 as DECIMAL(20,0), the tick in the file's key-value metadata";
    }

    @Override
    public boolean streams() {
        return false;
    }

    @Override
    public void write(Table table, Map<String, String> metadata, OutputTarget out, BufferAllocator allocator) throws IOException {
        ParquetExport.write(table, Long.parseLong(metadata.getOrDefault(ArrowExport.META_TICK, "0")), out);
    }
}
