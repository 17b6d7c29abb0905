package io.tickstore.columns.trace;

/**
 * How much a {@link TraceCollector} keeps. Each level includes every level below it: a collector at {@code DEBUG}
 * keeps {@code SUMMARY} and {@code DEBUG} events and drops {@code TRACE} ones.
 */
public enum TraceLevel {
    /** Tracing off: every trace call returns after one comparison. */
    NONE,
    /** A few events a tick: what each system did, in totals. */
    SUMMARY,
    /** Events of the system level: births, deaths, decisions worth naming. */
    DEBUG,
    /** Everything, down to one event per entity a system touched. */
    TRACE;

    /** Whether a collector at this level keeps events of {@code event}'s level. */
    public boolean includes(TraceLevel event) {
        return event != NONE && event.ordinal() <= ordinal();
    }

    /** The level's number as the trace tables store it: 0 for NONE up to 3 for TRACE. */
    public int value() {
        return ordinal();
    }

    /** The level called {@code name}, in any case ({@code debug}, {@code DEBUG}). */
    public static TraceLevel parse(String name) {
        for (TraceLevel level : values()) {
            if (level.name().equalsIgnoreCase(name.trim())) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown trace level '" + name + "': use NONE, SUMMARY, DEBUG or TRACE");
    }

    /** The level stored as {@code value}. */
    public static TraceLevel of(int value) {
        if (value < 0 || value >= values().length) {
            throw new IllegalArgumentException("trace level " + value + " is not between 0 and " + (values().length - 1));
        }
        return values()[value];
    }
}
