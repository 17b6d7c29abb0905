package io.tickstore.columns.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tracing allocates nothing on the simulation thread, at any level: names are codes, values typed fields, a JSON
 * payload is copied from a reused builder into the off-heap buffer, and a flush hands the tick's buffer to the writer
 * thread (where the sink runs). Counted with the JVM's per-thread allocation counter, so it is exact and not a timing.
 */
class TraceAllocationTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private static final int TICKS = 2_000;
    private static final int EVENTS = 100;
    private static final int ROUNDS = 4;

    @Test
    void tracedTicksAllocateNothingOnTheSimulationThreadAtAnyLevel() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        for (TraceLevel level : TraceLevel.values()) {
            AtomicLong stored = new AtomicLong();
            StringBuilder payload = new StringBuilder();
            try (TraceRecorder trace = TraceRecorder.create(level, memory.root(), batch -> {
                TraceBatch.Cursor c = batch.cursor();
                while (c.next()) {
                    stored.incrementAndGet();
                }
            })) {
                int system = trace.names().code("forage");
                int event = trace.names().code("ate");
                ticks(trace, system, event, payload, 0, TICKS); // warm up: compile the path, the buffers' steady set
                // The least of several rounds: an allocating trace call or flush would allocate in every round (200,000
                // objects a round), while the JVM's own one-time work on this thread (a class initialised the first
                // time the flush waits for the writer, code not yet compiled with escape analysis) shows in one.
                long allocated = Long.MAX_VALUE;
                for (int round = 1; round <= ROUNDS; round++) {
                    long before = threads.getThreadAllocatedBytes(me);
                    ticks(trace, system, event, payload, (long) round * TICKS, TICKS);
                    allocated = Math.min(allocated, threads.getThreadAllocatedBytes(me) - before);
                }
                trace.awaitWritten();
                // the counter's own call allocates a few bytes; an allocating trace call would show as 200,000 objects
                assertTrue(allocated < 1024, level + ": at least " + allocated + " bytes allocated by every round of " + (TICKS * EVENTS)
                        + " trace calls and " + TICKS + " flushes");
                long perTick = (level.includes(TraceLevel.SUMMARY) ? 1 : 0) + (level.includes(TraceLevel.DEBUG) ? 2 : 0)
                        + (level.includes(TraceLevel.TRACE) ? 1 : 0);
                long expected = (ROUNDS + 1L) * TICKS * (EVENTS / 4) * perTick;
                assertEquals(expected, stored.get(), level + ": the events its level includes reached the sink");
            }
        }
    }

    /** Each tick: a quarter of the calls at each of four kinds (plain, one value, two values, a JSON payload). */
    private static void ticks(TraceRecorder trace, int system, int event, StringBuilder payload, long from, int count) {
        for (long tick = from; tick < from + count; tick++) {
            for (int i = 0; i < EVENTS / 4; i++) {
                trace.trace(system, event, TraceLevel.SUMMARY);
                trace.trace(system, event, i * 0.5, TraceLevel.DEBUG, i);
                trace.trace(system, event, i, tick, TraceLevel.DEBUG, TraceCollector.NO_NODE);
                if (trace.enabled(TraceLevel.TRACE)) {
                    payload.setLength(0);
                    payload.append("{\"food\":").append(i).append('}');
                    trace.trace(system, event, payload, TraceLevel.TRACE, i);
                }
            }
            trace.flush(tick);
        }
    }
}
