package io.tickstore.cli;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.checkpoint.CheckpointPolicy;
import io.tickstore.snapshot.checkpoint.Checkpointer;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogOptions;
import io.tickstore.snapshot.eventlog.EventLogWriter;
import io.tickstore.snapshot.eventlog.RecoveryReport;
import io.tickstore.snapshot.replay.LogRecorder;
import io.tickstore.snapshot.replay.RunHistory;
import io.tickstore.snapshot.Directories;
import io.tickstore.snapshot.store.RunStore;
import io.tickstore.snapshot.store.Store;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardCopyOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The loop behind {@code ./tickstore run}: the reference simulation with every mutation in the event log
 * ({@code RUN/events/}) and a checkpoint every K ticks written in the background, so a crash loses at most the
 * log's unwritten buffers and {@code --resume} continues exactly where the durable state ends.
 *
 * <h2>A fresh run</h2>
 * {@code run.json} first (what {@code --resume} needs), then the log with tick 0's end, then the snapshot of tick 0,
 * awaited (every later state is that snapshot plus the log); then tick after tick: step, maybe checkpoint; at the
 * last tick a checkpoint on demand, the log flushed and every write awaited.
 *
 * <h2>Resuming after a crash</h2>
 * The last complete tick L of the log (its last {@code $tick_end}; a torn chunk and the records of an unfinished
 * tick do not count) is where the run continues: the world is rebuilt at L from the newest snapshot at or before L
 * plus the log ({@link RunHistory#reconstruct}), the log is reopened cut after tick L (dropping the torn chunk and
 * the unfinished tick, and saying how many records were lost), and the loop goes on from L + 1. Snapshots the
 * crashed run had already published past L are left as they are (the simulation is deterministic, so they hold the
 * same worlds). The result is the run a clean start with the same settings gives, byte for byte.
 */
final class RunLoop {
    private RunLoop() {
    }

    /**
     * Creates the run directory {@code STORE/NAME} with its {@code run.json} already inside: written into a hidden
     * temporary directory that is renamed into place, so a run directory never exists without the settings
     * {@code --resume} needs, whenever a crash comes.
     *
     * @throws FileAlreadyExistsException naming the store when it has a run of that name
     */
    static Path createRun(Path store, String name, RunSettings settings) throws IOException {
        Store.checkRunName(name);
        Files.createDirectories(store);
        Path runDir = store.resolve(name);
        if (Files.exists(runDir)) {
            throw new FileAlreadyExistsException(runDir.toString(), null, "store " + store + " already has a run '" + name + "'");
        }
        Path temp = store.resolve("." + name + ".tmp-" + Directories.nonce());
        Files.createDirectory(temp);
        try {
            settings.write(temp);
            Files.move(temp, runDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Directories.deleteRecursively(temp);
            throw e;
        }
        Directories.fsync(store);
        return runDir;
    }

    /** Starts a new run in {@code runDir}, made by {@link #createRun}. */
    static RunOutcome start(Path runDir, RunSettings settings, ProgressBar progress, Optional<String> persist) throws IOException {
        long started = System.nanoTime();
        try (BufferAllocator allocator = new RootAllocator();
             World world = CreatureSimulation.newWorld(allocator, settings.seed(), settings.entities())) {
            return session(runDir, settings, allocator, world, false, -1, -1, progress, started, persist);
        }
    }

    /** Continues the run in {@code runDir} from its last durable state; {@code ticks}, when given, moves its end. */
    static RunOutcome resume(Path runDir, Optional<Long> ticks, ProgressBar progress, Optional<String> persist) throws IOException {
        long started = System.nanoTime();
        RunSettings settings = RunSettings.read(runDir);
        if (ticks.isPresent() && ticks.get() != settings.ticks()) {
            settings = settings.withTicks(ticks.get());
            settings.write(runDir);
        }
        Path logDir = EventLogLayout.logDir(runDir);
        boolean hasLog = Files.exists(EventLogLayout.codebook(logDir));
        try (BufferAllocator allocator = new RootAllocator()) {
            long lastComplete = -1;
            long snapshotTick = -1;
            World world = null;
            if (hasLog) {
                try (RunHistory history = RunHistory.open(runDir)) {
                    lastComplete = history.lastCompleteTick();
                    if (lastComplete > settings.ticks()) {
                        throw new CliException(runDir + ": the run is at tick " + lastComplete + " already, past --ticks "
                                + settings.ticks(), ExitCodes.USAGE);
                    }
                    if (lastComplete >= 0 && history.run().tickAtOrBefore(lastComplete).isPresent()) {
                        RunHistory.Reconstruction rebuilt = history.reconstruct(lastComplete, allocator);
                        world = rebuilt.world();
                        snapshotTick = rebuilt.snapshotTick();
                    } else if (lastComplete > 0) {
                        throw new CliException(runDir + ": the log reaches tick " + lastComplete
                                + " but the run has no snapshot at or before it to replay it onto");
                    }
                }
            }
            if (world == null) {
                // the crash came before the snapshot of tick 0 was durable: start again from the settings
                world = CreatureSimulation.newWorld(allocator, settings.seed(), settings.entities());
            }
            try (World w = world) {
                return session(runDir, settings, allocator, w, hasLog, lastComplete, snapshotTick, progress, started, persist);
            }
        }
    }

    private static RunOutcome session(Path runDir, RunSettings settings, BufferAllocator allocator, World world, boolean hasLog,
                                      long lastComplete, long snapshotTick, ProgressBar progress, long started,
                                      Optional<String> persist) throws IOException {
        Durability durability = settings.fsync() ? Durability.FSYNC : Durability.PAGE_CACHE;
        WriteOptions writes = WriteOptions.defaults().withDurability(durability);
        EventLogOptions logOptions = EventLogOptions.defaults().withBufferRecords(settings.logBufferRecords())
                .withBackPressure(settings.backPressure()).withDurability(durability);
        Path logDir = EventLogLayout.logDir(runDir);
        long startTick = world.tick();
        List<Long> snapshots = new ArrayList<>();
        long simNanos = 0;
        try (RunStore run = RunStore.open(runDir, writes);
             EventLogWriter log = hasLog ? EventLogWriter.openForAppend(logDir, allocator, logOptions, lastComplete)
                     : EventLogWriter.create(logDir, allocator, logOptions);
             Journaling journal = persist.isPresent() ? Journaling.start(persist.get(), world, settings, runDir.getFileName().toString()) : null;
             // closed before the journal: its close waits for the last checkpoint and the journal's persist of it
             Checkpointer checkpoints = new Checkpointer(run, allocator, CheckpointPolicy.everyTicks(settings.checkpointEvery()), journal)) {
            LogRecorder recorder = new LogRecorder(log);
            recorder.register(world);
            if (lastComplete < 0) {
                recorder.tickEnded(world);
            }
            checkpoints.prepare(world);
            if (checkpoints.maybeCheckpoint(world) || (startTick == settings.ticks() && checkpoints.checkpoint(world))) {
                snapshots.add(startTick);
                checkpoints.awaitDurable(startTick);
            }
            CreatureSimulation sim = new CreatureSimulation(world, recorder);
            for (long t = startTick + 1; t <= settings.ticks(); t++) {
                long s = System.nanoTime();
                sim.step();
                simNanos += System.nanoTime() - s;
                if (checkpoints.maybeCheckpoint(world) || (t == settings.ticks() && checkpoints.checkpoint(world))) {
                    snapshots.add(t);
                }
                progress.update(t, world.totalRows() + " creatures");
            }
            progress.finish();
            log.flush();
            checkpoints.awaitAll();
            Optional<RecoveryReport> recovery = hasLog ? Optional.of(log.recovery()) : Optional.empty();
            return new RunOutcome(runDir, settings, startTick, snapshotTick, world.tick(),
                    world.table(CreatureSimulation.TABLE).rowCount(), sim.births(), sim.deaths(), snapshots, simNanos,
                    checkpoints.stats(), log.stats(), log.appendedRecords(), recovery, System.nanoTime() - started,
                    ContentHash.hex(world), Optional.ofNullable(journal).map(j -> new RunOutcome.Journaled(j.backend(),
                            j.sessionId(), j.ticksJournaled(), j.journalNanos())));
        }
    }
}
