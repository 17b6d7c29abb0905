package io.tickstore.cli;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Table;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.replay.RunHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Rebuilds one tick of a run from its nearest snapshot and its event log, and prints the world's hash. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Rebuild the world of a run at a tick (the newest snapshot at or before it, plus the event log up to "
                + "it) and print its content hash. Reads only; nothing on disk changes.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory (with its events/ log).")
    Path run;

    @Option(names = "--tick", required = true, paramLabel = "T", description = "The tick to rebuild.")
    long tick;

    @Override
    public Integer call() throws IOException {
        if (tick < 0) {
            throw new CliException("--tick " + tick + " is negative", ExitCodes.USAGE);
        }
        Path runDir = run.toAbsolutePath().normalize();
        if (!java.nio.file.Files.isDirectory(runDir)) {
            throw new CliException(runDir + ": no such run directory");
        }
        if (!java.nio.file.Files.isRegularFile(EventLogLayout.codebook(EventLogLayout.logDir(runDir)))) {
            throw new CliException(runDir + ": no event log (" + EventLogLayout.RUN_SUBDIRECTORY + "/" + EventLogLayout.CODEBOOK
                    + "); replay needs a run made by './tickstore run'");
        }
        long started = System.nanoTime();
        try (BufferAllocator allocator = new RootAllocator();
             RunHistory history = RunHistory.open(runDir);
             RunHistory.Reconstruction rebuilt = history.reconstruct(tick, allocator)) {
            String hash = ContentHash.hex(rebuilt.world());
            long rows = rebuilt.world().totalRows();
            double seconds = (System.nanoTime() - started) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                var json = Json.object();
                json.put("run", runDir.toString());
                json.put("tick", rebuilt.world().tick());
                json.put("snapshotTick", rebuilt.snapshotTick());
                json.put("recordsApplied", rebuilt.replay().recordsApplied());
                json.put("recordsRead", rebuilt.replay().recordsRead());
                json.put("lastCompleteTick", history.lastCompleteTick());
                var tables = json.putObject("rows");
                for (Table table : rebuilt.world().tables()) {
                    tables.put(table.name(), table.rowCount());
                }
                json.put("seconds", seconds);
                json.put("worldHash", hash);
                Json.print(out, json);
            } else {
                out.printf("run        %s%n", runDir);
                out.printf("tick       %d, rebuilt from %s plus %d records of the log (%d applied) in %.3f s%n",
                        rebuilt.world().tick(), SnapshotLayout.snapshotDirName(rebuilt.snapshotTick()),
                        rebuilt.replay().recordsRead(), rebuilt.replay().recordsApplied(), seconds);
                out.printf("rows       %d%n", rows);
                out.printf("hash       %s%n", hash);
            }
        }
        return ExitCodes.OK;
    }
}
