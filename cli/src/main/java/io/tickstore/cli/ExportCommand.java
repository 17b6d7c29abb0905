package io.tickstore.cli;

import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.export.ArrowExport;
import io.tickstore.snapshot.export.CsvExport;
import java.io.IOException;
import java.nio.file.Files;
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
                + "columns) or as CSV (entity id first).")
final class ExportCommand implements Callable<Integer> {
    enum Format { arrow, csv }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot directory.")
    Path snapshot;

    @Option(names = "--format", required = true, description = "arrow or csv.")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
    Path out;

    @Option(names = "--table", description = "Table to export; needed when the snapshot has more than one.")
    String tableName;

    @Override
    public Integer call() throws IOException {
        if (Files.isDirectory(out)) {
            throw new CliException(out + ": is a directory; --out names the file to write");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException(parent + ": no such directory for --out");
        }
        try (BufferAllocator allocator = new RootAllocator();
             World world = SnapshotReader.read(snapshot, allocator)) {
            Table table = pickTable(world);
            Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
            try {
                if (format == Format.arrow) {
                    ArrowExport.writeIpcFile(table, tmp, allocator, ArrowExport.DEFAULT_BATCH_ROWS,
                            Map.of(ArrowExport.META_TICK, Long.toString(world.tick())));
                } else {
                    CsvExport.write(table, tmp);
                }
                Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            long bytes = Files.size(out);
            if (common.json) {
                var json = Json.object();
                json.put("snapshot", snapshot.toAbsolutePath().toString());
                json.put("table", table.name());
                json.put("format", format.name());
                json.put("rows", table.rowCount());
                json.put("out", out.toAbsolutePath().toString());
                json.put("bytes", bytes);
                Json.print(spec.commandLine().getOut(), json);
            } else {
                spec.commandLine().getOut().printf("wrote %s: table %s, %d rows, %s as %s%n", out, table.name(),
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
