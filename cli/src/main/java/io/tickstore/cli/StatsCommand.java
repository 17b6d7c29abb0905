package io.tickstore.cli;

import io.tickstore.recording.StoreStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A store in numbers. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "What a store holds: runs (with their status), snapshots, ticks, rows, bytes and logged events, per run and in "
                + "total. Only reads; takes no lock.")
final class StatsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "STORE", description = "The store (default data/runs).")
    Path store = Path.of("data/runs");

    @Override
    public Integer call() throws IOException {
        StoreStats stats = StoreStats.of(store);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            var json = Json.object();
            json.put("store", store.toAbsolutePath().toString());
            json.put("runs", stats.runs().size());
            json.put("snapshots", stats.snapshots());
            json.put("ticks", stats.ticks());
            json.put("rows", stats.rows());
            json.put("bytes", stats.bytes());
            json.put("events", stats.events());
            var runs = json.putArray("perRun");
            for (StoreStats.Run r : stats.runs()) {
                var n = runs.addObject();
                n.put("run", r.name());
                n.put("status", r.status());
                n.put("snapshots", r.snapshots());
                n.put("firstTick", r.firstTick());
                n.put("lastTick", r.lastTick());
                n.put("rows", r.rows());
                n.put("bytes", r.bytes());
                n.put("events", r.events());
            }
            Json.print(out, json);
        } else {
            out.printf("%s: %d runs, %d snapshots, %,d ticks, %,d rows, %s, %,d events%n", store, stats.runs().size(), stats.snapshots(),
                    stats.ticks(), stats.rows(), Units.bytes(stats.bytes()), stats.events());
            for (StoreStats.Run r : stats.runs()) {
                out.printf("  %-24s %-11s %4d snapshots  ticks %d..%d  %,12d rows  %10s  %,d events%n", r.name(), r.status(), r.snapshots(),
                        r.firstTick(), r.lastTick(), r.rows(), Units.bytes(r.bytes()), r.events());
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
