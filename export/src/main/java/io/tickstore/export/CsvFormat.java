package io.tickstore.export;

import io.tickstore.columns.Table;
import java.io.IOException;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/** CSV whose every value parses back exactly (see {@link CsvExport}). */
final class CsvFormat implements ExportFormat {
    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String extension() {
        return ".csv";
    }

    @Override
    public String description() {
        return "CSV, entity id first; every value parses back exactly (f32 as the double it is, u64 in full)";
    }

    @Override
    public void write(Table table, Map<String, String> metadata, OutputTarget out, BufferAllocator allocator) throws IOException {
        CsvExport.write(table, out);
    }
}
