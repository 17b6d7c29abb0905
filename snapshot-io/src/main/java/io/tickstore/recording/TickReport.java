package io.tickstore.recording;

import java.util.List;

/**
 * What a recording measured of one tick, handed to observers when it ends.
 *
 * @param tick the tick that ended
 * @param wallNanos from the start of the tick (the end of the previous one) to its end, systems and recording included
 * @param systems the time each system took, in the order they ran (empty when the program ran its tick itself)
 * @param mutations rows added, removed and values written during the tick
 * @param rows live rows across the world's tables at the end of the tick
 */
public record TickReport(long tick, long wallNanos, List<SystemTiming> systems, long mutations, long rows) {
    public TickReport {
        systems = List.copyOf(systems);
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
}
