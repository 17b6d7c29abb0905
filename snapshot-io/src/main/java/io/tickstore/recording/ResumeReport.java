package io.tickstore.recording;

import io.tickstore.snapshot.eventlog.RecoveryReport;
import java.util.Optional;

/**
 * What a resume found and did: where the run continues from and what the interruption cost.
 *
 * @param previousStatus how the run stood when it was resumed ({@link RunStatus#CRASHED} after a kill)
 * @param tick the last complete tick, where the run continues
 * @param fromSnapshot the snapshot the world was rebuilt from (-1 when the run restarted from its settings because it
 *        stopped before its tick-0 snapshot was durable)
 * @param log what reopening the event log found: records lost to the interruption, the torn tail it dropped, the
 *        records of an unfinished tick it cut; empty when the run had no log yet
 */
public record ResumeReport(RunStatus previousStatus, long tick, long fromSnapshot, Optional<RecoveryReport> log) {
    /** Records appended before the interruption that no longer exist. */
    public long recordsLost() {
        return log.map(RecoveryReport::recordsLost).orElse(0L);
    }

    /** One line saying what happened, for a person. */
    public String summary() {
        String from = fromSnapshot < 0 ? "a fresh start from the run's settings"
                : fromSnapshot == tick ? "its snapshot" : "the snapshot of tick " + fromSnapshot + " plus the log";
        StringBuilder s = new StringBuilder("resumed a ").append(previousStatus.label()).append(" run at tick ").append(tick)
                .append(" from ").append(from);
        log.ifPresent(r -> {
            s.append("; ").append(r.recordsLost()).append(r.counterKnown() ? "" : " at most").append(" records lost");
            r.tornTail().ifPresent(t -> s.append(", a torn chunk of ").append(t.bytes()).append(" bytes dropped"));
            if (r.recordsTrimmed() > 0) {
                s.append(", ").append(r.recordsTrimmed()).append(" records of an unfinished tick dropped");
            }
        });
        return s.toString();
    }
}
