package io.tickstore.backends;

import io.tickstore.recording.TickReport;
import io.tickstore.snapshot.eventlog.Codebook;
import io.tickstore.snapshot.replay.EventVocabulary;
import io.tickstore.snapshot.replay.RunHistory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Births and deaths as the tick events a {@link Journal} stores: from a recording's tick report as the run goes, or
 * from the run's event log ({@code TABLE.$born}, {@code TABLE.$died}) for ticks a resume fills in. Both give the same
 * events in the same order: the log holds the recorder's calls in the order they happened.
 */
final class RowEvents {
    private RowEvents() {
    }

    /** The births, then the deaths, of one tick. */
    static List<TickEvent> of(TickReport report) {
        if (report.births().isEmpty() && report.deaths().isEmpty()) {
            return List.of();
        }
        List<TickEvent> events = new ArrayList<>(report.births().size() + report.deaths().size());
        for (TickReport.RowChange born : report.births()) {
            events.add(event(Journal.BIRTH, born.table(), born.entityId(), report.tick()));
        }
        for (TickReport.RowChange died : report.deaths()) {
            events.add(event(Journal.DEATH, died.table(), died.entityId(), report.tick()));
        }
        return events;
    }

    /**
     * The births, then the deaths, of every tick from {@code fromTick} to {@code toTick}, read from the log, by tick (ticks
     * without any left out).
     */
    static java.util.TreeMap<Long, List<TickEvent>> fromLog(RunHistory history, long fromTick, long toTick) throws IOException {
        Codebook codebook = history.log().codebook();
        int keys = codebook.keyCount();
        String[] bornIn = new String[keys];
        String[] diedIn = new String[keys];
        for (int code = 0; code < keys; code++) {
            String name = codebook.keyName(code);
            int dot = name.indexOf('.');
            if (dot > 0 && name.substring(dot + 1).equals(EventVocabulary.BORN)) {
                bornIn[code] = name.substring(0, dot);
            } else if (dot > 0 && name.substring(dot + 1).equals(EventVocabulary.DIED)) {
                diedIn[code] = name.substring(0, dot);
            }
        }
        java.util.TreeMap<Long, List<TickEvent>> births = new java.util.TreeMap<>();
        java.util.TreeMap<Long, List<TickEvent>> deaths = new java.util.TreeMap<>();
        if (toTick < fromTick) {
            return births;
        }
        history.log().forTicks(fromTick, toTick, record -> {
            int key = record.key();
            if (key >= keys || (bornIn[key] == null && diedIn[key] == null)) {
                return;
            }
            if (bornIn[key] != null) {
                births.computeIfAbsent(record.tick(), t -> new ArrayList<>()).add(event(Journal.BIRTH, bornIn[key], record.entityId(), record.tick()));
            } else {
                deaths.computeIfAbsent(record.tick(), t -> new ArrayList<>()).add(event(Journal.DEATH, diedIn[key], record.entityId(), record.tick()));
            }
        });
        deaths.forEach((tick, list) -> births.computeIfAbsent(tick, t -> new ArrayList<>()).addAll(list));
        return births;
    }

    private static TickEvent event(String kind, String table, long entityId, long tick) {
        // table names are identifiers: nothing in them needs escaping
        return TickEvent.about(kind, entityId, "{\"table\":\"" + table + "\",\"tick\":" + tick + "}");
    }
}
