package io.tickstore.columns.trace;

/**
 * Buffered execution traces: what the systems of a simulation did during a tick, kept in memory while the tick runs
 * and written somewhere only after it ends ({@link #flush(long)}).
 *
 * <p>A trace event has a system and an event name (codes from {@link #names()}, looked up once, outside the tick),
 * a level, an optional node (the entity it is about) and data: up to two numbers, or a JSON payload. A call whose
 * level the collector does not include returns after one comparison. A call that is kept writes a few fields into
 * an off-heap buffer: no I/O, no lock, no allocation. A payload costs building it, so build it only when
 * {@link #enabled(TraceLevel)} says it will be kept:
 *
 * <pre>
 * int system = trace.names().code("forage"), ate = trace.names().code("ate");     // once, at setup
 * ...
 * trace.trace(system, ate, energy, TraceLevel.DEBUG, entityId);                      // in the tick
 * if (trace.enabled(TraceLevel.TRACE)) {
 *     trace.trace(system, ate, "{\"x\":" + x + "}", TraceLevel.TRACE, entityId);
 * }
 * </pre>
 *
 * The seed design's contract, {@code trace(system, event, data, level, node)}, {@code flush}, {@code level} and
 * {@code buffer_size}, is this interface's {@code trace} overloads, {@link #flush(long)}, {@link #level()} and
 * {@link #bufferedCount()}.
 */
public interface TraceCollector {
    /** A node id meaning "about no node in particular". */
    long NO_NODE = Long.MIN_VALUE;

    /** A collector that keeps nothing: what a tick sees when nobody traces. */
    TraceCollector NONE = new TraceCollector() {
        private final TraceNames names = new TraceNames();

        @Override
        public TraceLevel level() {
            return TraceLevel.NONE;
        }

        @Override
        public TraceNames names() {
            return names;
        }

        @Override
        public void trace(int system, int event, TraceLevel level) {
        }

        @Override
        public void trace(int system, int event, double value, TraceLevel level, long node) {
        }

        @Override
        public void trace(int system, int event, double a, double b, TraceLevel level, long node) {
        }

        @Override
        public void trace(int system, int event, CharSequence json, TraceLevel level, long node) {
        }

        @Override
        public void flush(long tick) {
        }

        @Override
        public int bufferedCount() {
            return 0;
        }
    };

    /** The level this collector keeps, with every level below it. */
    TraceLevel level();

    /** Whether an event of {@code level} would be kept. */
    default boolean enabled(TraceLevel level) {
        return level().includes(level);
    }

    /** The codebook of system and event names. */
    TraceNames names();

    /** An event without data or node. */
    void trace(int system, int event, TraceLevel level);

    /** An event with one number, about {@code node} ({@link #NO_NODE} for none). */
    void trace(int system, int event, double value, TraceLevel level, long node);

    /** An event with two numbers, about {@code node} ({@link #NO_NODE} for none). */
    void trace(int system, int event, double a, double b, TraceLevel level, long node);

    /** An event with a JSON payload (copied as UTF-8 into the buffer), about {@code node} ({@link #NO_NODE} for none). */
    void trace(int system, int event, CharSequence json, TraceLevel level, long node);

    /**
     * Ends the buffered events of {@code tick}: they go to the collector's sink (after the tick, never during it), or
     * are dropped when it has none, and the buffer starts empty for the next tick.
     */
    void flush(long tick);

    /** Events buffered since the last flush. */
    int bufferedCount();
}
