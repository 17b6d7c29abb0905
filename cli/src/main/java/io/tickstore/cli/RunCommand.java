package io.tickstore.cli;

import io.tickstore.backends.Journal;
import io.tickstore.backends.TickJournal;
import io.tickstore.backends.TickJournals;
import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.sim.Simulation;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.sim.Simulations;
import io.tickstore.columns.trace.TraceLevel;
import io.tickstore.recording.Recording;
import io.tickstore.recording.RecordingBuilder;
import io.tickstore.recording.RecordingStats;
import io.tickstore.recording.RunSettings;
import io.tickstore.snapshot.eventlog.BackPressure;
import io.tickstore.snapshot.eventlog.ChunkHeader;
import io.tickstore.snapshot.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs a simulation under a {@link Recording}: every write logged, a snapshot every K ticks in the background,
 * optionally journaled into a database; with {@code --resume}, continues a run after a crash or a stop. The loop is
 * the library's; this command only reads options and prints what happened.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a simulation (--sim; the creature world by default) under a recording: every write goes to the "
                + "run's event log (RUN/events/), a snapshot is written in the background every K ticks. --resume continues "
                + "a run after a crash or a stop from its last complete tick.")
final class RunCommand implements Callable<Integer> {
    static final String DEFAULT_STORE = "data/runs";

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--sim", paramLabel = "NAME", defaultValue = "creatures",
            description = "The simulation to run: any on the classpath (${COMPLETION-CANDIDATES}) (default: ${DEFAULT-VALUE}).",
            completionCandidates = SimulationNames.class)
    String simulation;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A parameter of the simulation (repeatable).")
    Map<String, String> parameters = new TreeMap<>();

    @Option(names = "--store", defaultValue = DEFAULT_STORE, description = "Store directory (default: ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--run", description = "Run name (default: SIM-seed-SEED-TIMESTAMP; required with --resume).")
    String runName;

    @Option(names = "--entities", defaultValue = "100000", description = "Entities at tick 0 (default: ${DEFAULT-VALUE}).")
    long entities;

    @Option(names = "--ticks", defaultValue = "100", description = "The tick the run ends at (default: ${DEFAULT-VALUE}).")
    long ticks;

    @Option(names = "--checkpoint-every", defaultValue = "25", description = "Snapshot every K ticks; tick 0 and the last tick are always written (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-fsync", description = "Leave snapshots and log chunks in the page cache instead of forcing them to disk.")
    boolean noFsync;

    @Option(names = "--resume", description = "Continue the run --run names after a crash or a stop: rebuild its last complete "
            + "tick from the latest snapshot and the log (dropping a torn tail), then run on to --ticks (default: the run's own).")
    boolean resume;

    @Option(names = "--log-buffer-records", defaultValue = "65536", description = "Records per event log buffer; a kill -9 "
            + "loses at most two buffers of records (default: ${DEFAULT-VALUE}).")
    int logBufferRecords;

    @Option(names = "--log-segment-bytes", paramLabel = "BYTES", description = "Start a new event log segment file at this size "
            + "(default: 256 MiB; at least 4096).")
    Long logSegmentBytes;

    @Option(names = "--back-pressure", defaultValue = "BLOCK", description = "When the log's writer falls behind: BLOCK (wait) "
            + "or GROW (allocate another buffer) (default: ${DEFAULT-VALUE}).")
    BackPressure backPressure;

    @Option(names = "--persist", paramLabel = "BACKEND", description = "Also journal every checkpointed tick into a database: "
            + "sqlite:PATH (e.g. sqlite:data/runs/RUN.sqlite) or postgres:JDBC_URL (e.g. "
            + "postgres:jdbc:postgresql://127.0.0.1:5432/test?user=postgres; the password comes from PGPASSWORD, ~/.pgpass or the"
            + " URL, and is never printed). A resumed run keeps journaling into the same session.")
    String persist;

    @Option(names = "--persist-every-tick", description = "With --persist, journal every tick, not only checkpointed ones.")
    boolean persistEveryTick;

    @Option(names = "--trace", paramLabel = "LEVEL", description = "Trace what the simulation's systems do at NONE (default), "
            + "SUMMARY, DEBUG or TRACE: buffered off-heap during each tick, stored by --persist in the backend's trace_log "
            + "after it (dropped without --persist).")
    String trace = "NONE";

    @Option(names = "--verify-replay", description = "At every checkpoint, rebuild the tick from the previous snapshot and the "
            + "log and fail if it differs from the live world (slow; for testing a simulation).")
    boolean verifyReplay;

    @Override
    public Integer call() throws Exception {
        checkRanges();
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        boolean drawProgress = !common.json && ProgressBar.onTerminal();
        Path runDir = resume ? runToResume() : store.resolve(newRunName());
        RunSettings recorded = resume ? Recording.readSettings(runDir) : null;
        Simulation sim = simulationFor(recorded);
        // the journal connects before anything is created, so a wrong backend leaves no run behind
        Optional<TickJournal> journal = openJournal(recorded, sim);
        RecordingBuilder builder = Recording.at(runDir).verifyReplay(verifyReplay).tracing(traceLevel());
        journal.ifPresent(builder::observer);
        if (!resume || explicit("--checkpoint-every")) {
            builder.checkpointEvery(checkpointEvery);
        }
        if (!resume || explicit("--log-buffer-records")) {
            builder.logBufferRecords(logBufferRecords);
        }
        if (logSegmentBytes != null) {
            try {
                builder.logSegmentBytes(logSegmentBytes);
            } catch (IllegalArgumentException e) {
                throw new CliException("--log-segment-bytes: " + e.getMessage(), ExitCodes.USAGE);
            }
        }
        if (!resume || explicit("--back-pressure")) {
            builder.backPressure(backPressure);
        }
        if (!resume || explicit("--no-fsync")) {
            builder.fsync(!noFsync);
        }
        if (!resume || explicit("--ticks")) {
            builder.endTick(ticks);
        }
        if (!resume || explicit("--seed") || explicit("--entities") || explicit("--param")) {
            SimulationSettings asked = resume ? mergeInto(recorded) : new SimulationSettings(seed, entities, parameters);
            builder.simulation(sim, asked);
        } else {
            builder.simulation(sim, recorded.simulationSettings());
        }
        RunOutcome outcome;
        try (BufferAllocator allocator = new RootAllocator()) {
            outcome = record(builder, sim, allocator, new ProgressBar(err, resume && !explicit("--ticks") ? recorded.endTick() : ticks,
                    drawProgress), journal);
        } catch (TickstoreException e) {
            if (e.problem() == TickstoreException.Problem.BAD_RUN_SETTINGS && resume) {
                throw new CliException(e.getMessage(), ExitCodes.USAGE);
            }
            throw e;
        }
        // a recovery's warning (what the crash cost) reaches stderr once, from the event log itself (CliLogging)
        if (common.json) {
            Json.print(out, RunReport.json(outcome));
        } else {
            RunReport.print(out, outcome);
        }
        if (outcome.exitCode() != ExitCodes.OK) {
            err.println("tickstore: interrupted at tick " + outcome.stats().tick() + "; continue with: " + resumeCommand(outcome.runDir()));
            err.flush();
        }
        return outcome.exitCode();
    }

    private RunOutcome record(RecordingBuilder builder, Simulation sim, BufferAllocator allocator, ProgressBar progress,
                              Optional<TickJournal> journal) throws IOException {
        Recording rec = resume ? builder.resume(allocator) : builder.create(allocator);
        String hash;
        long rows;
        // from here a signal finishes the tick, and the recording's close (still under these handlers, so a second
        // Ctrl-C during it stops at once) publishes only whole files
        StopSignals signals = StopSignals.install(rec, spec.commandLine().getErr(), resumeCommand(rec.runDir()));
        try (signals; rec) {
            long end = rec.settings().endTick();
            if (rec.tick() > end) {
                throw new CliException(rec.runDir() + ": the run is at tick " + rec.tick() + " already, past --ticks " + end,
                        ExitCodes.USAGE);
            }
            List<SimulationSystem> systems = sim.systems(rec.world());
            progress.start(rec.tick());
            rec.runUntil(end, systems, tick -> progress.update(tick, rec.world().totalRows() + " rows"));
            progress.finish();
            hash = rec.worldHash();
            rows = rec.world().totalRows();
        }
        RecordingStats stats = rec.stats();
        int exit = signals.stopped() ? signals.exitCode() : ExitCodes.OK;
        return new RunOutcome(rec.runDir(), rec.settings(), stats, rows, rec.resumed(), hash, journal, exit);
    }

    /** The command that continues the run, quoted to paste into a shell; --store only when it is not the default. */
    private String resumeCommand(Path runDir) {
        Path storeDir = runDir.getParent();
        boolean defaultStore = storeDir != null && storeDir.equals(Path.of(DEFAULT_STORE).toAbsolutePath().normalize());
        return "./tickstore run --resume" + (defaultStore || storeDir == null ? "" : " --store " + Units.quoted(storeDir.toString()))
                + " --run " + Units.quoted(runDir.getFileName().toString());
    }

    private TraceLevel traceLevel() {
        try {
            return TraceLevel.parse(trace);
        } catch (IllegalArgumentException e) {
            throw new CliException("--trace: " + e.getMessage(), ExitCodes.USAGE);
        }
    }

    private void checkRanges() {
        if (entities < 0) {
            throw new CliException("--entities " + entities + " is negative", ExitCodes.USAGE);
        }
        if (ticks < 0) {
            throw new CliException("--ticks " + ticks + " is negative", ExitCodes.USAGE);
        }
        if (checkpointEvery < 1) {
            throw new CliException("--checkpoint-every " + checkpointEvery + " must be at least 1", ExitCodes.USAGE);
        }
        if (logBufferRecords < 1 || logBufferRecords > ChunkHeader.MAX_RECORDS) {
            throw new CliException("--log-buffer-records " + logBufferRecords + " is outside 1.." + ChunkHeader.MAX_RECORDS,
                    ExitCodes.USAGE);
        }
        if (persistEveryTick && persist == null) {
            throw new CliException("--persist-every-tick needs --persist BACKEND", ExitCodes.USAGE);
        }
    }

    private String newRunName() {
        String name = runName != null ? runName
                : simulation + "-seed-" + seed + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            return Store.checkRunName(name);
        } catch (IllegalArgumentException e) {
            throw new CliException("--run " + e.getMessage(), ExitCodes.USAGE);
        }
    }

    private Simulation simulationFor(RunSettings recorded) {
        String name = recorded != null && !recorded.simulation().isEmpty() ? recorded.simulation() : simulation;
        if (recorded != null && explicit("--sim") && !simulation.equals(name)) {
            throw new CliException("the run was started with --sim " + name + "; --resume continues it with its own simulation, "
                    + "not --sim " + simulation, ExitCodes.USAGE);
        }
        try {
            return Simulations.named(name);
        } catch (IllegalArgumentException e) {
            throw new CliException("--sim: " + e.getMessage(), recorded == null ? ExitCodes.USAGE : ExitCodes.FAILURE);
        }
    }

    /** A resume's settings with the options given on this command line over the recorded ones (a resume checks them). */
    private SimulationSettings mergeInto(RunSettings recorded) {
        Map<String, String> merged = new TreeMap<>(recorded.parameters());
        merged.putAll(parameters);
        return new SimulationSettings(explicit("--seed") ? seed : recorded.seed(),
                explicit("--entities") ? entities : recorded.entities(), merged);
    }

    /** --persist, or on resume the journal the run kept (its session continues there). */
    private Optional<TickJournal> openJournal(RunSettings recorded, Simulation sim) {
        String target = persist;
        if (target == null && recorded != null) {
            target = recorded.attribute(Journal.SPEC_ATTRIBUTE).orElse(null);
        }
        if (target == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TickJournals.open(target, sim, persistEveryTick));
        } catch (PersistenceException e) {
            // the message names the backend first, without its password; a spec that does not parse is quoted masked
            boolean badSpec = e.problem() == TickstoreException.Problem.INVALID_INPUT;
            throw new CliException(badSpec ? "--persist: " + e.getMessage() : e.getMessage(), badSpec ? ExitCodes.USAGE : ExitCodes.FAILURE);
        }
    }

    private boolean explicit(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The run directory --resume continues; listing the store's runs when none is named or it is missing. */
    private Path runToResume() throws IOException {
        if (runName == null) {
            throw new CliException("--resume needs --run NAME: the run to continue" + runsOf(store), ExitCodes.USAGE);
        }
        Path runDir = store.resolve(Store.checkRunName(runName));
        if (!Files.isDirectory(runDir)) {
            String close = Files.isDirectory(store) ? io.tickstore.columns.internal.DidYouMean.suffix(runName, Store.runsIn(store)) : "";
            throw new CliException(runDir + ": no such run to resume" + (close.isEmpty() ? runsOf(store) : close));
        }
        return runDir;
    }

    private static String runsOf(Path store) throws IOException {
        if (!Files.isDirectory(store)) {
            return " (there is no store " + store + ")";
        }
        List<String> runs = Store.runsIn(store);
        return runs.isEmpty() ? " (the store " + store + " has no runs)" : " (runs in " + store + ": " + String.join(", ", runs) + ")";
    }

    /** The names picocli lists for --sim. */
    static final class SimulationNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Simulations.available().stream().map(Simulation::name).iterator();
        }
    }
}
