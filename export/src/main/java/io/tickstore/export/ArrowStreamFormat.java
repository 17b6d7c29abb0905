package io.tickstore.export;

import io.tickstore.columns.Table;
import java.io.IOException;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/** Arrow IPC stream format: record batches one after another, no footer; what a reader on the other end of a pipe reads. */
final class ArrowStreamFormat implements ExportFormat {
    @Override
    public String name() {
        return "arrow-stream";
    }

    @Override
    public String extension() {
        return ArrowExport.STREAM_EXTENSION;
    }

    @Override
    public String description() {
        return "Arrow IPC stream: pyarrow.ipc.open_stream, the apache-arrow npm package's tableFromIPC, polars.read_ipc_stream";
    }

    @Override
    public void write(Table table, Map<String, String> metadata, OutputTarget out, BufferAllocator allocator) throws IOException {
        ArrowExport.writeIpcStream(table, out, allocator, ArrowExport.DEFAULT_BATCH_ROWS, metadata);
    }
}
