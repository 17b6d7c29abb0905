package io.tickstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.backends.Journal;
import io.tickstore.recording.RecordingStats;
import io.tickstore.recording.RunSettings;
import io.tickstore.snapshot.checkpoint.CheckpointStats;
import io.tickstore.snapshot.eventlog.EventLogStats;
import io.tickstore.snapshot.eventlog.RecoveryReport;
import java.io.PrintWriter;

/** The summary {@code run} prints at the end, as text or as JSON. */
final class RunReport {
    private RunReport() {
    }

    static ObjectNode json(RunOutcome o) {
        ObjectNode json = Json.object();
        RunSettings s = o.settings();
        RecordingStats r = o.stats();
        CheckpointStats c = r.checkpoints();
        EventLogStats log = r.log();
        json.put("run", o.runDir().toString());
        json.put("status", s.status().label());
        json.put("simulation", s.simulation());
        json.put("seed", s.seed());
        json.put("entities", s.entities());
        json.put("ticks", s.endTick());
        json.put("startTick", r.startTick());
        o.resumed().ifPresent(resume -> {
            ObjectNode resumed = json.putObject("resumed");
            resumed.put("previousStatus", resume.previousStatus().label());
            resumed.put("fromTick", resume.tick());
            resumed.put("fromSnapshot", resume.fromSnapshot());
            resumed.put("recordsLost", resume.recordsLost());
            RecoveryReport recovery = resume.log().orElse(null);
            resumed.put("lossExact", recovery == null || recovery.counterKnown());
            resumed.put("tornTailBytes", recovery == null ? 0 : recovery.tornTail().map(t -> t.bytes()).orElse(0L));
            resumed.put("recordsDropped", recovery == null ? 0 : recovery.recordsTrimmed());
            resumed.put("recordsKept", recovery == null ? 0 : recovery.recordsKept());
        });
        json.put("finalTick", r.tick());
        json.put("finalRows", o.finalRows());
        json.put("births", r.rowsAdded());
        json.put("deaths", r.rowsRemoved());
        ArrayNode snaps = json.putArray("snapshots");
        r.snapshots().forEach(snaps::add);
        json.put("bytesWritten", c.bytesWritten());
        json.put("eventsLogged", log.appendedRecords());
        json.put("logRecords", r.logRecords());
        json.put("logBytesWritten", log.bytesWritten());
        json.put("logChunksWritten", log.chunksWritten());
        json.put("logBlockedSeconds", log.blockedNanos() / 1e9);
        json.put("checkpoints", c.checkpoints());
        json.put("checkpointStallSeconds", c.stallNanos() / 1e9);
        json.put("checkpointStallMaxMillis", c.maxStallNanos() / 1e6);
        json.put("checkpointStallMeanMillis", c.meanStallNanos() / 1e6);
        json.put("checkpointWriteSeconds", c.writeNanos() / 1e9);
        json.put("simulationSeconds", r.systemNanos() / 1e9);
        json.put("checkpointSeconds", c.stallNanos() / 1e9);
        json.put("wallSeconds", r.wallNanos() / 1e9);
        json.put("worldHash", o.worldHash());
        o.journal().ifPresent(j -> {
            ObjectNode persisted = json.putObject("persisted");
            persisted.put("backend", j.target());
            persisted.put("session", j.sessionId().toString());
            persisted.put("ticks", j.ticksPersisted());
            persisted.put("backfilled", j.ticksBackfilled());
            persisted.put("seconds", j.persistNanos() / 1e9);
        });
        return json;
    }

    static void print(PrintWriter out, RunOutcome o) {
        RunSettings s = o.settings();
        RecordingStats r = o.stats();
        CheckpointStats c = r.checkpoints();
        EventLogStats log = r.log();
        out.printf("run        %s (%s)%n", o.runDir(), s.simulation().isEmpty() ? "a program's own world" : "simulation " + s.simulation());
        o.resumed().ifPresent(resume -> out.printf("resumed    %s%n", resume.summary()));
        out.printf("ticks      %d (seed %d), %d rows at the end (%d born, %d died)%n",
                r.tick(), s.seed(), o.finalRows(), r.rowsAdded(), r.rowsRemoved());
        out.printf("snapshots  %d written, %s, ticks %s%n", r.snapshots().size(), Units.bytes(c.bytesWritten()),
                Units.tickList(r.snapshots()));
        out.printf("events     %d logged (%s in %d chunks; the log holds %d), the loop waited %.3f ms for the log's writer%n",
                log.appendedRecords(), Units.bytes(log.bytesWritten()), log.chunksWritten(), r.logRecords(), log.blockedNanos() / 1e6);
        out.printf("stalls     checkpoints stalled the loop %.3f ms in all over %d checkpoints (mean %.3f ms, max %.3f ms);"
                        + " writing took %.3f s in the background (%s)%n",
                c.stallNanos() / 1e6, c.checkpoints(), c.meanStallNanos() / 1e6, c.maxStallNanos() / 1e6, c.writeNanos() / 1e9,
                s.fsync() ? "fsync" : "page cache");
        out.printf("time       %.3f s simulating, %.3f s in all%n", r.systemNanos() / 1e9, r.wallNanos() / 1e9);
        out.printf("hash       %s%n", o.worldHash());
        o.journal().ifPresent(j -> {
            out.printf("persisted  %d ticks into %s in %.3f s in the background%s, session %s%n", j.ticksPersisted(), j.target(),
                    j.persistNanos() / 1e9, j.ticksBackfilled() > 0 ? " (" + j.ticksBackfilled() + " filled in after the interruption)" : "",
                    j.sessionId());
            if (j instanceof Journal) {
                out.printf("           ./tickstore hydrate --from %s --session %s --tick %d%n", Units.quoted(j.target()), j.sessionId(), r.tick());
            } else {
                // the hex journal's tables are read by SQL: the cache, its views, or a past tick rebuilt from the journals
                out.printf("           SELECT * FROM v_hex_economic WHERE game_id = '%s' (schema %s)%n", j.sessionId(),
                        io.tickstore.backends.postgres.PostgresOptions.DEFAULT_SCHEMA);
            }
        });
        String run = Units.quoted(o.runDir().toString());
        out.printf("next       ./tickstore inspect %s%n", run);
        out.printf("           ./tickstore replay %s --tick %d%n", run, Math.max(0, r.tick() / 2));
    }
}
