package io.tickstore.cli;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Table;
import io.tickstore.snapshot.SnapshotInfo;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.replay.RunHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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

/**
 * Rebuilds one tick of a run from its nearest snapshot and its event log and prints the world's hash; with
 * {@code --out}, writes the rebuilt tick as a snapshot of its own.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Rebuild the world of a run at a tick (the newest snapshot at or before it, plus the event log up to "
                + "it) and print its content hash. With --out DIR, write it as a snapshot (verifiable, mmap-able, numpy-readable). "
                + "Reads only, apart from what --out names.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory (with its events/ log), or RUN@T; a store of one run stands for it.")
    String run;

    @Option(names = "--tick", paramLabel = "T", description = "The tick to rebuild (or name it as RUN@T).")
    Long tick;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the rebuilt tick as a snapshot directory DIR (which must not "
            + "exist yet; it appears whole or not at all).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (tick != null && tick < 0) {
            throw new CliException("--tick " + tick + " is negative", ExitCodes.USAGE);
        }
        if (tick == null && run.indexOf('@') < 0) {
            throw new CliException("replay needs a tick: --tick T, or RUN@T", ExitCodes.USAGE);
        }
        if (out != null && Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new CliException(out.toAbsolutePath() + ": already exists; --out names a new directory for the snapshot", ExitCodes.USAGE);
        }
        SnapshotAddress address = SnapshotAddress.resolve(run, tick, spec.commandLine().getErr());
        if (address.runDir() == null) {
            throw new CliException(address.snapshotDir() + ": is a snapshot; replay rebuilds a tick of a run: name the run", ExitCodes.USAGE);
        }
        Path runDir = address.runDir();
        if (!Files.isRegularFile(EventLogLayout.codebook(EventLogLayout.logDir(runDir)))) {
            throw new CliException(runDir + ": no event log (" + EventLogLayout.RUN_SUBDIRECTORY + "/" + EventLogLayout.CODEBOOK
                    + "); replay needs a run made by './tickstore run'");
        }
        long started = System.nanoTime();
        try (BufferAllocator allocator = new RootAllocator();
             RunHistory history = RunHistory.open(runDir);
             RunHistory.Reconstruction rebuilt = history.reconstruct(address.tick(), allocator)) {
            String hash = ContentHash.hex(rebuilt.world());
            long rows = rebuilt.world().totalRows();
            double seconds = (System.nanoTime() - started) / 1e9;
            SnapshotInfo written = null;
            if (out != null) {
                try (SnapshotWriter writer = new SnapshotWriter(WriteOptions.defaults())) {
                    written = writer.writeAs(rebuilt.world(), out);
                }
            }
            PrintWriter stdout = spec.commandLine().getOut();
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
                if (written != null) {
                    json.put("out", written.dir().toString());
                    json.put("bytes", written.totalBytes());
                }
                Json.print(stdout, json);
            } else {
                stdout.printf("run        %s%n", runDir);
                stdout.printf("tick       %d, rebuilt from %s plus %d records of the log (%d applied) in %.3f s%n",
                        rebuilt.world().tick(), SnapshotLayout.snapshotDirName(rebuilt.snapshotTick()),
                        rebuilt.replay().recordsRead(), rebuilt.replay().recordsApplied(), seconds);
                stdout.printf("rows       %d%n", rows);
                stdout.printf("hash       %s%n", hash);
                if (written != null) {
                    stdout.printf("wrote      %s (%s), a snapshot: ./tickstore cat %s TABLE/COLUMN, numpy.load(...)%n", written.dir(),
                            Units.bytes(written.totalBytes()), Units.quoted(written.dir().toString()));
                }
            }
        }
        return ExitCodes.OK;
    }
}
