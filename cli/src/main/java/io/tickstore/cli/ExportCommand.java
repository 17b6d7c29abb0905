package io.tickstore.cli;

import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.export.ArrowExport;
import io.tickstore.export.CsvExport;
import io.tickstore.export.OutputTarget;
import io.tickstore.export.ParquetExport;
import io.tickstore.snapshot.SnapshotReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes one table of a snapshot as an Arrow IPC file or as CSV. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a table of a snapshot as an Arrow IPC file (through Arrow Java, zero-copy from the loaded "
                + "columns), as CSV (entity id first) or as Parquet (through DuckDB).")
final class ExportCommand implements Callable<Integer> {
    enum Format { arrow, csv, parquet }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot directory.")
    Path snapshot;

    @Option(names = "--format", required = true, description = "arrow, csv or parquet.")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "File to write: a regular file is replaced whole when the export is complete; a FIFO or a "
                    + "character device (/dev/stdout) is written as a stream; a symbolic link to a file, a directory or "
                    + "any other file is refused.")
    Path out;

    @Option(names = "--table", description = "Table to export; needed when the snapshot has more than one.")
    String tableName;

    @Override
    public Integer call() throws IOException {
        // Before the snapshot is loaded: a target that will be refused is refused at once.
        OutputTarget target = OutputTarget.of(out);
        try (BufferAllocator allocator = new RootAllocator();
             World world = SnapshotReader.read(snapshot, allocator)) {
            Table table = pickTable(world);
            if (format == Format.arrow) {
                ArrowExport.writeIpcFile(table, target, allocator, ArrowExport.DEFAULT_BATCH_ROWS,
                        Map.of(ArrowExport.META_TICK, Long.toString(world.tick())));
            } else if (format == Format.parquet) {
                ParquetExport.write(table, world.tick(), target);
            } else {
                CsvExport.write(table, target);
            }
            long bytes = target.bytesWritten();
            if (common.json) {
                var json = Json.object();
                json.put("snapshot", snapshot.toAbsolutePath().toString());
                json.put("table", table.name());
                json.put("format", format.name());
                json.put("rows", table.rowCount());
                json.put("out", out.toAbsolutePath().toString());
                json.put("bytes", bytes);
                Json.print(ExportSummary.stream(spec, target), json);
            } else {
                ExportSummary.stream(spec, target).printf("wrote %s: table %s, %d rows, %s as %s%n", out, table.name(),
                        table.rowCount(), Units.bytes(bytes), format);
            }
        }
        return ExitCodes.OK;
    }

    private Table pickTable(World world) {
        if (tableName != null) {
            return world.table(tableName);
        }
        if (world.tables().size() != 1) {
            throw new CliException(snapshot + ": holds tables " + world.tables().stream().map(Table::name).toList()
                    + "; choose one with --table", ExitCodes.USAGE);
        }
        return world.tables().get(0);
    }
}
