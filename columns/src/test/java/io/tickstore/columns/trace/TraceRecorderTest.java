package io.tickstore.columns.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TraceRecorderTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    /** What a sink received, one line per event. */
    private static List<String> lines(TraceBatch batch) {
        List<String> out = new ArrayList<>();
        TraceBatch.Cursor c = batch.cursor();
        while (c.next()) {
            out.add(batch.tick() + " " + c.seq() + " " + c.system() + "." + c.event() + " " + c.level()
                    + (c.hasNode() ? " node=" + c.node() : "") + (c.hasA() ? " a=" + c.a() : "") + (c.hasB() ? " b=" + c.b() : "")
                    + (c.hasPayload() ? " " + c.payload() : ""));
        }
        return out;
    }

    @Test
    void levelsIncludeTheOnesBelow() {
        assertTrue(TraceLevel.DEBUG.includes(TraceLevel.SUMMARY));
        assertTrue(TraceLevel.DEBUG.includes(TraceLevel.DEBUG));
        assertFalse(TraceLevel.DEBUG.includes(TraceLevel.TRACE));
        assertFalse(TraceLevel.TRACE.includes(TraceLevel.NONE));
        assertEquals(TraceLevel.TRACE, TraceLevel.parse("trace"));
        assertThrows(IllegalArgumentException.class, () -> TraceLevel.parse("loud"));
    }

    @Test
    void flushedTicksReachTheSinkInOrderWithEveryField() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (TraceRecorder trace = TraceRecorder.create(TraceLevel.DEBUG, memory.root(), batch -> seen.addAll(lines(batch)))) {
            int forage = trace.names().code("forage");
            int ate = trace.names().code("ate");
            trace.trace(forage, ate, TraceLevel.SUMMARY);
            trace.trace(forage, ate, 1.5, TraceLevel.DEBUG, 42);
            trace.trace(forage, ate, 1.5, 2.5, TraceLevel.DEBUG, TraceCollector.NO_NODE);
            trace.trace(forage, ate, "{\"food\":\"gräs 🌱\"}", TraceLevel.DEBUG, 7);
            trace.trace(forage, ate, 9.0, TraceLevel.TRACE, 1);            // above the level: dropped
            assertEquals(4, trace.bufferedCount());
            trace.flush(1);
            assertEquals(0, trace.bufferedCount());
            trace.flush(2);                                                   // nothing traced: nothing sent
            trace.trace(forage, ate, TraceLevel.SUMMARY);
            trace.flush(3);
            trace.awaitWritten();
        }
        assertEquals(List.of(
                "1 0 forage.ate SUMMARY",
                "1 1 forage.ate DEBUG node=42 a=1.5",
                "1 2 forage.ate DEBUG a=1.5 b=2.5",
                "1 3 forage.ate DEBUG node=7 {\"food\":\"gräs 🌱\"}",
                "3 0 forage.ate SUMMARY"), seen);
    }

    @Test
    void withoutASinkFlushClearsTheBuffer() {
        try (TraceRecorder trace = TraceRecorder.create(TraceLevel.TRACE, memory.root())) {
            trace.trace(0, 0, TraceLevel.TRACE);
            assertEquals(1, trace.bufferedCount());
            trace.flush(1);
            assertEquals(0, trace.bufferedCount());
            assertFalse(trace.hasSink());
        }
    }

    @Test
    void atNoneNothingIsKept() {
        try (TraceRecorder trace = TraceRecorder.create(TraceLevel.NONE, memory.root())) {
            trace.trace(0, 0, 1.0, TraceLevel.SUMMARY, 1);
            assertEquals(0, trace.bufferedCount());
            assertFalse(trace.enabled(TraceLevel.SUMMARY));
        }
    }

    @Test
    void aTickLargerThanTheBufferGrowsItAndLosesNothing() {
        List<Integer> counts = Collections.synchronizedList(new ArrayList<>());
        try (TraceRecorder trace = TraceRecorder.create(TraceLevel.TRACE, memory.root(), b -> counts.add(b.count()), 1024, 2)) {
            for (int tick = 1; tick <= 5; tick++) {
                for (int i = 0; i < 1000; i++) {
                    trace.trace(0, 1, i, TraceLevel.TRACE, i);
                }
                trace.flush(tick);
            }
        }
        assertEquals(List.of(1000, 1000, 1000, 1000, 1000), counts);
    }

    @Test
    void aFailingSinkFailsTheNextFlushOrClose() {
        TraceRecorder trace = TraceRecorder.create(TraceLevel.SUMMARY, memory.root(), b -> {
            throw new IllegalStateException("database gone");
        });
        trace.trace(0, 0, TraceLevel.SUMMARY);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            trace.flush(1);        // the writer may fail before this flush returns: then the flush throws
            trace.awaitWritten();
        });
        assertEquals("database gone", e.getMessage());
        trace.close();
        trace.close();   // idempotent
        assertThrows(IllegalStateException.class, () -> trace.flush(2));
    }
}
