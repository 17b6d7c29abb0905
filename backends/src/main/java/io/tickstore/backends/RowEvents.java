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

    /** The births, then the deaths, of every tick from {@code fromTick} to {@code toTick}, tick by tick, read from the log. */
    static List<TickEvent> fromLog(RunHistory history, long fromTick, long toTick) throws IOException {
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
        List<TickEvent> events = new ArrayList<>();
        List<TickEvent> births = new ArrayList<>();
        List<TickEvent> deaths = new ArrayList<>();
        long[] tick = {fromTick};
        history.log().forTicks(fromTick, toTick, record -> {
            int key = record.key();
            if (key >= keys || (bornIn[key] == null && diedIn[key] == null)) {
                return;
            }
            if (record.tick() != tick[0]) {
                events.addAll(births);
                events.addAll(deaths);
                births.clear();
                deaths.clear();
                tick[0] = record.tick();
            }
            if (bornIn[key] != null) {
                births.add(event(Journal.BIRTH, bornIn[key], record.entityId(), record.tick()));
            } else {
                deaths.add(event(Journal.DEATH, diedIn[key], record.entityId(), record.tick()));
            }
        });
        events.addAll(births);
        events.addAll(deaths);
        return events;
    }

    private static TickEvent event(String kind, String table, long entityId, long tick) {
        // table names are identifiers: nothing in them needs escaping
        return TickEvent.about(kind, entityId, "{\"table\":\"" + table + "\",\"tick\":" + tick + "}");
    }
}
