package io.tickstore.recording;

import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.snapshot.eventlog.BackPressure;
import io.tickstore.snapshot.eventlog.EventLogOptions;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a run was started with and how it stands: the content of {@code RUN/run.json} (specified in FORMAT.md,
 * read and written by {@link RunSettingsFile}), so that a resume continues the run the way it was started.
 *
 * @param simulation the {@link io.tickstore.columns.sim.Simulation} name that made the run, or empty when the
 *        program drove its world itself
 * @param seed the simulation's seed
 * @param entities entities at tick 0
 * @param parameters the simulation's own parameters
 * @param endTick the tick the run ends at, or -1 when it has none
 * @param checkpointEvery a snapshot every K ticks (tick 0 and the end are always written)
 * @param fsync whether snapshots and log chunks are forced to disk
 * @param logBufferRecords records per event log buffer (and full chunk)
 * @param backPressure what appending does when the log's writer falls behind
 * @param attributes what observers keep with the run (a journal's backend and session), by dotted name
 * @param status how the run stands
 */
public record RunSettings(String simulation, long seed, long entities, Map<String, String> parameters, long endTick,
                          long checkpointEvery, boolean fsync, int logBufferRecords, BackPressure backPressure,
                          Map<String, String> attributes, RunStatus status) {
    public RunSettings {
        Objects.requireNonNull(simulation, "simulation");
        parameters = Map.copyOf(new TreeMap<>(Objects.requireNonNull(parameters, "parameters")));
        attributes = Map.copyOf(new TreeMap<>(Objects.requireNonNull(attributes, "attributes")));
        Objects.requireNonNull(backPressure, "backPressure");
        Objects.requireNonNull(status, "status");
        if (entities < 0) {
            throw new IllegalArgumentException("entities " + entities + " is negative");
        }
        if (endTick < -1) {
            throw new IllegalArgumentException("end tick " + endTick + " is negative");
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpoint every " + checkpointEvery + " ticks: must be at least 1");
        }
        if (logBufferRecords < 1) {
            throw new IllegalArgumentException("log buffer of " + logBufferRecords + " records: must be at least 1");
        }
    }

    /** Settings with the defaults a recording uses: a checkpoint every 100 ticks, fsync, the log's default buffer. */
    public static RunSettings defaults() {
        return new RunSettings("", 0, 0, Map.of(), -1, 100, true, EventLogOptions.DEFAULT_BUFFER_RECORDS, BackPressure.BLOCK,
                Map.of(), RunStatus.RUNNING);
    }

    /** The simulation's settings: seed, entities and parameters. */
    public SimulationSettings simulationSettings() {
        return new SimulationSettings(seed, entities, parameters);
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public RunSettings withSimulation(String name, SimulationSettings settings) {
        return new RunSettings(name, settings.seed(), settings.entities(), settings.parameters(), endTick, checkpointEvery, fsync,
                logBufferRecords, backPressure, attributes, status);
    }

    public RunSettings withEndTick(long tick) {
        return new RunSettings(simulation, seed, entities, parameters, tick, checkpointEvery, fsync, logBufferRecords, backPressure,
                attributes, status);
    }

    public RunSettings withCheckpointEvery(long ticks) {
        return new RunSettings(simulation, seed, entities, parameters, endTick, ticks, fsync, logBufferRecords, backPressure,
                attributes, status);
    }

    public RunSettings withFsync(boolean force) {
        return new RunSettings(simulation, seed, entities, parameters, endTick, checkpointEvery, force, logBufferRecords,
                backPressure, attributes, status);
    }

    public RunSettings withLogBufferRecords(int records) {
        return new RunSettings(simulation, seed, entities, parameters, endTick, checkpointEvery, fsync, records, backPressure,
                attributes, status);
    }

    public RunSettings withBackPressure(BackPressure policy) {
        return new RunSettings(simulation, seed, entities, parameters, endTick, checkpointEvery, fsync, logBufferRecords, policy,
                attributes, status);
    }

    public RunSettings withAttribute(String name, String value) {
        Map<String, String> changed = new TreeMap<>(attributes);
        changed.put(name, value);
        return new RunSettings(simulation, seed, entities, parameters, endTick, checkpointEvery, fsync, logBufferRecords,
                backPressure, changed, status);
    }

    public RunSettings withStatus(RunStatus newStatus) {
        return new RunSettings(simulation, seed, entities, parameters, endTick, checkpointEvery, fsync, logBufferRecords,
                backPressure, attributes, newStatus);
    }
}
