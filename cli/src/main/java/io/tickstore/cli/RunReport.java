package io.tickstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.snapshot.checkpoint.CheckpointStats;
import io.tickstore.snapshot.eventlog.EventLogStats;
import io.tickstore.snapshot.eventlog.RecoveryReport;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.PrintWriter;

/** The summary {@code run} prints at the end, as text or as JSON. */
final class RunReport {
    private RunReport() {
    }

    static ObjectNode json(RunOutcome o) {
        ObjectNode json = Json.object();
        RunSettings s = o.settings();
        CheckpointStats c = o.checkpoints();
        EventLogStats log = o.log();
        json.put("run", o.runDir().toString());
        json.put("seed", s.seed());
        json.put("entities", s.entities());
        json.put("ticks", s.ticks());
        json.put("startTick", o.startTick());
        if (o.recovery().isPresent()) {
            RecoveryReport r = o.recovery().get();
            ObjectNode resumed = json.putObject("resumed");
            resumed.put("fromTick", o.startTick());
            resumed.put("fromSnapshot", o.resumedFromSnapshot());
            resumed.put("recordsLost", r.recordsLost());
            resumed.put("lossExact", r.counterKnown());
            resumed.put("tornTailBytes", r.tornTail().map(t -> t.bytes()).orElse(0L));
            resumed.put("recordsDropped", r.recordsTrimmed());
            resumed.put("recordsKept", r.recordsKept());
        }
        json.put("finalTick", o.finalTick());
        json.put("finalRows", o.finalRows());
        json.put("births", o.births());
        json.put("deaths", o.deaths());
        ArrayNode snaps = json.putArray("snapshots");
        o.snapshots().forEach(snaps::add);
        json.put("bytesWritten", c.bytesWritten());
        json.put("eventsLogged", log.appendedRecords());
        json.put("logRecords", o.logRecords());
        json.put("logBytesWritten", log.bytesWritten());
        json.put("logChunksWritten", log.chunksWritten());
        json.put("logBlockedSeconds", log.blockedNanos() / 1e9);
        json.put("checkpoints", c.checkpoints());
        json.put("checkpointStallSeconds", c.stallNanos() / 1e9);
        json.put("checkpointStallMaxMillis", c.maxStallNanos() / 1e6);
        json.put("checkpointStallMeanMillis", c.meanStallNanos() / 1e6);
        json.put("checkpointWriteSeconds", c.writeNanos() / 1e9);
        json.put("simulationSeconds", o.simulationNanos() / 1e9);
        json.put("checkpointSeconds", c.stallNanos() / 1e9);
        json.put("wallSeconds", o.wallNanos() / 1e9);
        json.put("worldHash", o.worldHash());
        o.journaled().ifPresent(j -> {
            ObjectNode persisted = json.putObject("persisted");
            persisted.put("backend", j.backend());
            persisted.put("session", j.sessionId().toString());
            persisted.put("ticks", j.ticks());
            persisted.put("seconds", j.nanos() / 1e9);
        });
        return json;
    }

    static void print(PrintWriter out, RunOutcome o) {
        RunSettings s = o.settings();
        CheckpointStats c = o.checkpoints();
        EventLogStats log = o.log();
        out.printf("run        %s%n", o.runDir());
        if (o.recovery().isPresent()) {
            RecoveryReport r = o.recovery().get();
            out.printf("resumed    at tick %d (%s plus the log); %d records lost to the crash%s, %d of an unfinished tick dropped%n",
                    o.startTick(), o.resumedFromSnapshot() < 0 ? "a fresh start" : SnapshotLayout.snapshotDirName(o.resumedFromSnapshot()),
                    r.recordsLost(), r.counterKnown() ? "" : " at most", r.recordsTrimmed());
        }
        out.printf("ticks      %d (seed %d), %d creatures at the end (%d born, %d died)%n",
                o.finalTick(), s.seed(), o.finalRows(), o.births(), o.deaths());
        out.printf("snapshots  %d written, %s, ticks %s%n", o.snapshots().size(), Units.bytes(c.bytesWritten()),
                Units.tickList(o.snapshots()));
        out.printf("events     %d logged (%s in %d chunks; the log holds %d), the loop waited %.3f ms for the log's writer%n",
                log.appendedRecords(), Units.bytes(log.bytesWritten()), log.chunksWritten(), o.logRecords(), log.blockedNanos() / 1e6);
        out.printf("stalls     checkpoints stalled the loop %.3f ms in all over %d checkpoints (mean %.3f ms, max %.3f ms);"
                        + " writing took %.3f s in the background (%s)%n",
                c.stallNanos() / 1e6, c.checkpoints(), c.meanStallNanos() / 1e6, c.maxStallNanos() / 1e6, c.writeNanos() / 1e9,
                s.fsync() ? "fsync" : "page cache");
        out.printf("time       %.3f s simulating, %.3f s in all%n", o.simulationNanos() / 1e9, o.wallNanos() / 1e9);
        out.printf("hash       %s%n", o.worldHash());
        o.journaled().ifPresent(j -> out.printf("persisted  %d ticks into %s in %.3f s in the background, session %s%n"
                + "           ./tickstore hydrate --from %s --session %s --tick %d%n", j.ticks(), j.backend(), j.nanos() / 1e9,
                j.sessionId(), j.backend(), j.sessionId(), o.finalTick()));
        out.printf("next       ./tickstore inspect %s%n", o.runDir());
        out.printf("           ./tickstore replay %s --tick %d%n", o.runDir(), Math.max(0, o.finalTick() / 2));
    }
}
