package io.tickstore.cli;

import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.World;
import io.tickstore.columns.internal.DidYouMean;
import io.tickstore.export.ExportFormat;
import io.tickstore.export.ExportFormats;
import io.tickstore.export.OutputTarget;
import io.tickstore.export.WorldExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Writes a tick's tables in an export format: one table to a file or standard output, or every table into a
 * directory. The tick is a snapshot or any tick of a run (rebuilt from its log); formats come from
 * {@link ExportFormats}, so a new format needs no change here.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a tick's tables: a snapshot, RUN@T, RUN@latest or RUN --tick T (any tick the run's log reaches, "
                + "rebuilt exactly). One table to FILE or to standard output (--out -), or every table into a directory, one "
                + "file each. Formats: arrow (Arrow IPC file), arrow-stream (Arrow IPC stream), csv (every value parses back "
                + "exactly), and any other on the class path.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @ParentCommand
    TickstoreCommand top;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A snapshot directory, RUN@T, RUN@latest, or a run with --tick T.")
    String source;

    @Option(names = "--tick", paramLabel = "T", description = "With a run: the tick to export (rebuilt from the log when it has no snapshot).")
    Long tick;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", completionCandidates = FormatNames.class,
            description = "One of: ${COMPLETION-CANDIDATES} (any case).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE|DIR|-",
            description = "Where to write: a file (replaced whole when the export is complete; a FIFO or a character device is "
                    + "written as a stream), - for standard output, or a directory (an existing one, or a name ending in /) for one "
                    + "TABLE.EXT per table; a new directory appears whole. A symbolic link to a file is refused.")
    String out;

    @Option(names = "--table", paramLabel = "TABLE", description = "The table to export; without it, a world of one table "
            + "exports that table (into a directory: every table), and a world of several exports every table into the "
            + "directory --out names.")
    String tableName;

    @Override
    public Integer call() throws IOException {
        ExportFormat chosen;
        try {
            chosen = ExportFormats.named(format);
        } catch (TickstoreException e) {
            throw new CliException("--format: " + e.getMessage(), ExitCodes.USAGE);
        }
        boolean toStdout = OutputTarget.STANDARD_OUTPUT_NAME.equals(out);
        Path outPath = toStdout ? null : Path.of(out);
        // a name ending in / or an existing directory takes one file per table
        boolean toDirectory = !toStdout && (out.endsWith("/") || Files.isDirectory(outPath));
        if (toStdout && !chosen.streams()) {
            throw new CliException("--out -: " + chosen.name() + " cannot be written as a stream; name a file", ExitCodes.USAGE);
        }
        // before anything is loaded: a target that will be refused is refused at once, and a missing source creates nothing
        OutputTarget target = toStdout ? OutputTarget.standardOutput(top.stdout) : toDirectory ? null : OutputTarget.of(outPath);
        SnapshotAddress address = SnapshotAddress.resolve(source, tick, spec.commandLine().getErr());
        try (BufferAllocator allocator = new RootAllocator();
             World world = address.load(allocator)) {
            if (tableName != null) {
                pickTable(address, world);
            }
            if (toDirectory) {
                return everyTable(address, world, tableName == null ? names(world) : List.of(tableName), chosen, outPath, allocator);
            }
            if (tableName == null && world.tables().size() > 1) {
                if (toStdout) {
                    throw new CliException(address.describe() + ": holds tables " + names(world) + "; standard output takes one:"
                            + " choose it with --table", ExitCodes.USAGE);
                }
                if (out.endsWith(chosen.extension())) {
                    throw new CliException(address.describe() + ": holds tables " + names(world) + "; --out " + out + " names one "
                            + chosen.extension() + " file: choose a table with --table, or name a directory for one file per table",
                            ExitCodes.USAGE);
                }
                return everyTable(address, world, names(world), chosen, outPath, allocator);
            }
            Table table = pickTable(address, world);
            chosen.write(table, WorldExport.metadata(world), target, allocator);
            long bytes = target.bytesWritten();
            PrintWriter summary = ExportSummary.stream(spec, target);
            String written = toStdout ? "standard output" : target.path().toString();
            if (common.json) {
                var json = Json.object();
                json.put("source", address.describe());
                json.put("tick", world.tick());
                json.put("table", table.name());
                json.put("format", chosen.name());
                json.put("rows", table.rowCount());
                json.put("out", toStdout ? OutputTarget.STANDARD_OUTPUT_NAME : target.path().toAbsolutePath().toString());
                json.put("bytes", bytes);
                Json.print(summary, json);
            } else {
                summary.printf("wrote %s: table %s of tick %d, %d rows, %s as %s%n", written, table.name(), world.tick(),
                        table.rowCount(), Units.bytes(bytes), chosen.name());
                summary.flush();
            }
        }
        return ExitCodes.OK;
    }

    private int everyTable(SnapshotAddress address, World world, List<String> tables, ExportFormat chosen, Path dir,
                           BufferAllocator allocator) throws IOException {
        List<WorldExport.ExportedFile> files = WorldExport.toDirectory(world, tables, chosen, dir, allocator);
        PrintWriter stdout = spec.commandLine().getOut();
        if (common.json) {
            var json = Json.object();
            json.put("source", address.describe());
            json.put("tick", world.tick());
            json.put("format", chosen.name());
            json.put("out", dir.toAbsolutePath().toString());
            var array = json.putArray("files");
            for (WorldExport.ExportedFile f : files) {
                var file = array.addObject();
                file.put("table", f.table());
                file.put("file", f.file().toString());
                file.put("rows", f.rows());
                file.put("bytes", f.bytes());
            }
            Json.print(stdout, json);
        } else {
            for (WorldExport.ExportedFile f : files) {
                stdout.printf("wrote %s: table %s of tick %d, %d rows, %s as %s%n", f.file(), f.table(), world.tick(), f.rows(),
                        Units.bytes(f.bytes()), chosen.name());
            }
            stdout.flush();
        }
        return ExitCodes.OK;
    }

    private Table pickTable(SnapshotAddress address, World world) {
        if (tableName == null) {
            return world.tables().get(0);
        }
        if (!world.hasTable(tableName)) {
            List<String> names = names(world);
            throw new CliException(address.describe() + ": no table '" + tableName + "' (tables: " + String.join(", ", names) + ")"
                    + DidYouMean.suffix(tableName, names));
        }
        return world.table(tableName);
    }

    private static List<String> names(World world) {
        return world.tables().stream().map(Table::name).toList();
    }

    /** The names picocli lists for --format. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ExportFormats.names().iterator();
        }
    }
}
