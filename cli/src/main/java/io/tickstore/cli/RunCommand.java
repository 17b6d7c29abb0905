package io.tickstore.cli;

import io.tickstore.snapshot.eventlog.BackPressure;
import io.tickstore.snapshot.eventlog.ChunkHeader;
import io.tickstore.snapshot.store.Store;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs the reference simulation, logging every mutation and checkpointing it into a run of a store; with
 * {@code --resume}, continues a run after a crash. The loop itself is {@link RunLoop}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the reference creature simulation: every mutation goes to the run's event log (RUN/events/), a "
                + "snapshot is written in the background every K ticks. --resume continues a run after a crash from its last "
                + "durable state.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--store", defaultValue = "data/runs", description = "Store directory (default: ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--run", description = "Run name (default: seed-SEED-TIMESTAMP; required with --resume).")
    String runName;

    @Option(names = "--entities", defaultValue = "100000", description = "Creatures at tick 0 (default: ${DEFAULT-VALUE}).")
    int entities;

    @Option(names = "--ticks", defaultValue = "100", description = "Ticks to simulate (default: ${DEFAULT-VALUE}).")
    long ticks;

    @Option(names = "--checkpoint-every", defaultValue = "25", description = "Snapshot every K ticks; tick 0 and the last tick are always written (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-fsync", description = "Leave snapshots and log chunks in the page cache instead of forcing them to disk.")
    boolean noFsync;

    @Option(names = "--resume", description = "Continue the run --run names after a crash: rebuild its last complete tick from "
            + "the latest snapshot and the log (dropping a torn tail), then run on to --ticks (default: the run's own).")
    boolean resume;

    @Option(names = "--log-buffer-records", defaultValue = "65536", description = "Records per event log buffer; a kill -9 "
            + "loses at most two buffers of records (default: ${DEFAULT-VALUE}).")
    int logBufferRecords;

    @Option(names = "--back-pressure", defaultValue = "BLOCK", description = "When the log's writer falls behind: BLOCK (wait) "
            + "or GROW (allocate another buffer) (default: ${DEFAULT-VALUE}).")
    BackPressure backPressure;

    @Option(names = "--persist", paramLabel = "BACKEND", description = "Also journal every checkpointed tick into a database: "
            + "sqlite:PATH (e.g. sqlite:data/runs/RUN.sqlite) or postgres:JDBC_URL (e.g. "
            + "postgres:jdbc:postgresql://127.0.0.1:5432/test?user=postgres; the password comes from PGPASSWORD, ~/.pgpass or the"
            + " URL, and is never printed). Prints the session id for hydrate.")
    String persist;

    @Override
    public Integer call() throws Exception {
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
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        boolean drawProgress = !common.json && ProgressBar.onTerminal();
        RunOutcome outcome;
        if (resume) {
            Path runDir = runToResume();
            Optional<Long> newEnd = explicit("--ticks") ? Optional.of(ticks) : Optional.empty();
            ProgressBar progress = new ProgressBar(err, newEnd.orElse(RunSettings.read(runDir).ticks()), drawProgress);
            outcome = RunLoop.resume(runDir, newEnd, progress, Optional.ofNullable(persist));
        } else {
            ProgressBar progress = new ProgressBar(err, ticks, drawProgress);
            String name = runName != null ? runName
                    : "seed-" + seed + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            RunSettings settings = new RunSettings(seed, entities, ticks, checkpointEvery, !noFsync, logBufferRecords, backPressure);
            outcome = RunLoop.start(RunLoop.createRun(store, name, settings), settings, progress, Optional.ofNullable(persist));
        }
        // a recovery's warning (what the crash cost) reaches stderr once, from the event log itself (CliLogging)
        if (common.json) {
            Json.print(out, RunReport.json(outcome));
        } else {
            RunReport.print(out, outcome);
        }
        return ExitCodes.OK;
    }

    private boolean explicit(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The run directory --resume continues; the settings it was started with must not be contradicted. */
    private Path runToResume() throws java.io.IOException {
        if (runName == null) {
            throw new CliException("--resume needs --run NAME: the run to continue", ExitCodes.USAGE);
        }
        Path runDir = store.resolve(Store.checkRunName(runName));
        if (!java.nio.file.Files.isDirectory(runDir)) {
            throw new CliException(runDir + ": no such run to resume (runs: " + String.join(", ", Store.open(store).runs()) + ")");
        }
        RunSettings recorded = RunSettings.read(runDir);
        checkSame("--seed", recorded.seed(), seed);
        checkSame("--entities", recorded.entities(), entities);
        checkSame("--checkpoint-every", recorded.checkpointEvery(), checkpointEvery);
        return runDir;
    }

    private void checkSame(String option, long recorded, long given) {
        if (explicit(option) && recorded != given) {
            throw new CliException("the run was started with " + option + " " + recorded + "; --resume continues it with its own "
                    + "settings, not " + option + " " + given, ExitCodes.USAGE);
        }
    }
}
