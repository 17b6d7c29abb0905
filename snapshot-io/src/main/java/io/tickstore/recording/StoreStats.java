package io.tickstore.recording;

import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.manifest.Manifest;
import io.tickstore.snapshot.manifest.TableEntry;
import io.tickstore.snapshot.store.RunStore;
import io.tickstore.snapshot.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a store holds, in numbers: runs, snapshots, ticks, rows, bytes and logged events, per run and in total. Read
 * without taking any lock and without changing anything; a run being written is counted as it is at that moment.
 *
 * @param store the store's directory
 * @param runs one entry per run, in name order
 */
public record StoreStats(Path store, List<Run> runs) {
    public StoreStats {
        runs = List.copyOf(runs);
    }

    /**
     * One run.
     *
     * @param name the run's name
     * @param status its status ({@code running}, {@code completed}, ..., {@code crashed}), or {@code unknown} for a run
     *        without settings
     * @param snapshots published snapshots
     * @param firstTick the first snapshot's tick, -1 when none
     * @param lastTick the last tick the run reached: the later of its last snapshot and its log's last tick
     * @param rows live rows in its latest snapshot
     * @param bytes bytes of every file of the run (snapshots, log, settings)
     * @param events records in its event log (complete chunks)
     */
    public record Run(String name, String status, int snapshots, long firstTick, long lastTick, long rows, long bytes, long events) {
    }

    /** Reads the numbers of every run of {@code storeDir}. */
    public static StoreStats of(Path storeDir) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (String name : Store.runsIn(storeDir)) {
            runs.add(run(storeDir.resolve(name)));
        }
        return new StoreStats(storeDir, runs);
    }

    private static Run run(Path runDir) throws IOException {
        String status;
        try {
            status = Recording.readSettings(runDir).status().label();
        } catch (IOException | RuntimeException e) {
            status = "unknown";
        }
        List<Long> ticks;
        long rows = 0;
        try (RunStore run = RunStore.openReadOnly(runDir)) {
            ticks = run.ticks();
            if (!ticks.isEmpty()) {
                Manifest latest = SnapshotReader.readManifest(run.snapshotDir(ticks.get(ticks.size() - 1)));
                for (TableEntry table : latest.tables()) {
                    rows += table.rows();
                }
            }
        }
        long events = 0;
        long lastTick = ticks.isEmpty() ? -1 : ticks.get(ticks.size() - 1);
        Path logDir = EventLogLayout.logDir(runDir);
        if (Files.isDirectory(logDir)) {
            try (EventLogReader log = EventLogReader.open(logDir)) {
                events = log.recordCount();
                if (events > 0) {
                    lastTick = Math.max(lastTick, log.lastTick());
                }
            } catch (RuntimeException unreadable) {
                // a damaged log counts no events here; verify says what is wrong with it
            }
        }
        return new Run(runDir.getFileName().toString(), status, ticks.size(), ticks.isEmpty() ? -1 : ticks.get(0), lastTick, rows,
                bytes(runDir), events);
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    if (!Files.exists(f)) {
                        return 0;    // removed while we looked (retention, a replaced segment)
                    }
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    public int snapshots() {
        return runs.stream().mapToInt(Run::snapshots).sum();
    }

    public long rows() {
        return runs.stream().mapToLong(Run::rows).sum();
    }

    public long bytes() {
        return runs.stream().mapToLong(Run::bytes).sum();
    }

    public long events() {
        return runs.stream().mapToLong(Run::events).sum();
    }

    /** Ticks reached, summed over runs (each run's last tick plus one: tick 0 counts). */
    public long ticks() {
        return runs.stream().mapToLong(r -> r.lastTick() + 1).sum();
    }
}
