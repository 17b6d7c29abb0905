package io.tickstore.recording;

import java.util.List;
import java.util.Map;

/**
 * What a recording measured of one tick, handed to observers when it ends.
 *
 * @param tick the tick that ended
 * @param wallNanos from the start of the tick (the end of the previous one) to its end, systems and recording included
 * @param systems the time each system took, in the order they ran (empty when the program ran its tick itself)
 * @param mutations rows added, removed and values written during the tick
 * @param rows live rows across the world's tables at the end of the tick
 * @param births the rows added during the tick, in the order they were added; empty unless an observer
 *        {@link RecordingObserver#followsBirthsAndDeaths() follows births and deaths}
 * @param deaths the rows removed during the tick, likewise
 * @param touched per table (by name), the rows added or written during the tick and live at its end; empty unless an
 *        observer {@link RecordingObserver#followsTouchedRows() follows touched rows}, and then one entry per table
 * @param invariantsChecked the names of the {@link RecordingBuilder#invariant invariant checks} that ran at the end of
 *        the tick and held, in the order registered (empty when none were due)
 */
public record TickReport(long tick, long wallNanos, List<SystemTiming> systems, long mutations, long rows,
                         List<RowChange> births, List<RowChange> deaths, Map<String, TouchedRows> touched,
                         List<String> invariantsChecked) {
    public TickReport {
        systems = List.copyOf(systems);
        births = List.copyOf(births);
        deaths = List.copyOf(deaths);
        touched = touched.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(touched));
        invariantsChecked = List.copyOf(invariantsChecked);
    }

    /** A report without invariant checks. */
    public TickReport(long tick, long wallNanos, List<SystemTiming> systems, long mutations, long rows,
                      List<RowChange> births, List<RowChange> deaths, Map<String, TouchedRows> touched) {
        this(tick, wallNanos, systems, mutations, rows, births, deaths, touched, List.of());
    }

    /** A report without touched rows. */
    public TickReport(long tick, long wallNanos, List<SystemTiming> systems, long mutations, long rows,
                      List<RowChange> births, List<RowChange> deaths) {
        this(tick, wallNanos, systems, mutations, rows, births, deaths, Map.of());
    }

    /**
     * The rows of {@code table} touched during the tick, or empty when they were not tracked (nobody followed them,
     * or the report is of a tick the recording did not run: tick 0, a resumed tick).
     */
    public java.util.Optional<TouchedRows> touched(String table) {
        return java.util.Optional.ofNullable(touched.get(table));
    }

    /** A report without births and deaths. */
    public TickReport(long tick, long wallNanos, List<SystemTiming> systems, long mutations, long rows) {
        this(tick, wallNanos, systems, mutations, rows, List.of(), List.of());
    }

    /** Wall time in milliseconds. */
    public double wallMillis() {
        return wallNanos / 1e6;
    }

    /**
     * One system's share of a tick.
     *
     * @param name the system's name
     * @param nanos how long it ran
     */
    public record SystemTiming(String name, long nanos) {
        public double millis() {
            return nanos / 1e6;
        }
    }

    /**
     * A row that appeared or disappeared during a tick.
     *
     * @param table the table's name
     * @param entityId the row's entity id
     */
    public record RowChange(String table, long entityId) {
    }
}
