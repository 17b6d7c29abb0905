package io.tickstore.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each tick's report lists, per table, exactly the rows added or written during it and live at its end. */
class TouchedRowsTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    static final Schema VALUES = Schema.builder("values", 1).column("f", ColumnType.F32).string("note").build();
    static final Schema OTHER = Schema.builder("other", 1).column("l", ColumnType.I64).build();

    /** Keeps the reports it is handed. */
    static class Follower implements RecordingObserver {
        final List<TickReport> reports = new ArrayList<>();

        @Override
        public void tickEnded(TickReport tick) {
            reports.add(tick);
        }

        @Override
        public boolean followsTouchedRows() {
            return true;
        }
    }

    @Test
    void eachTickReportsTheRowsItTouchedPerTableAndForgetsThemAfter() throws IOException {
        Follower follower = new Follower();
        try (Recording rec = Recording.at(dir.resolve("run")).fsync(false).observer(follower)
                .create(memory.root(), (world, random) -> {
                    Table t = world.createTable(VALUES, 200);
                    for (int i = 0; i < 200; i++) {
                        t.addRow();
                    }
                    world.createTable(OTHER, 4).addRow();
                })) {
            Table t = rec.world().table("values");
            t.setFloat(0, 3, 1f);
            t.setFloat(0, 3, 2f);
            t.setString(1, 150, "x");
            rec.endTick();
            // tick 2: a row added, a row written then removed (its slot then holds the last row, untouched)
            long added = t.entityId(t.addRow());
            t.setFloat(0, 7, 1f);
            long removed = t.removeRow(7);
            rec.endTick();
            rec.endTick();
            rec.world().table("other").setLong(0, 0, 5);
            rec.endTick();

            assertArrayEquals(new long[] {3, 150}, follower.reports.get(0).touched("values").orElseThrow().entityIds());
            assertTrue(follower.reports.get(0).touched("other").orElseThrow().isEmpty());
            assertEquals(200, added);
            assertEquals(7, removed);
            assertArrayEquals(new long[] {200}, follower.reports.get(1).touched("values").orElseThrow().entityIds());
            assertTrue(follower.reports.get(2).touched("values").orElseThrow().isEmpty());
            assertArrayEquals(new long[] {0}, follower.reports.get(3).touched("other").orElseThrow().entityIds());
        }
    }

    @Test
    void reportsCarryNoTouchedRowsWhenNobodyFollowsThem() throws IOException {
        RecordingObserver quiet = new RecordingObserver() {
        };
        List<TickReport> reports = new ArrayList<>();
        try (Recording rec = Recording.at(dir.resolve("quiet")).fsync(false).observer(quiet).observer(new RecordingObserver() {
            @Override
            public void tickEnded(TickReport tick) {
                reports.add(tick);
            }
        }).create(memory.root(), (world, random) -> world.createTable(OTHER, 4).addRow())) {
            rec.world().table("other").setLong(0, 0, 5);
            rec.endTick();
        }
        assertTrue(reports.get(0).touched().isEmpty());
        assertTrue(reports.get(0).touched("other").isEmpty());
    }

    @Test
    void unionOfTicksIsAscendingAndDistinct() {
        TouchedRows a = TouchedRows.of("t", 9, 1, 5, 5);
        TouchedRows b = TouchedRows.of("t", 2, 5, 11);
        assertArrayEquals(new long[] {1, 2, 5, 9, 11}, a.union(b).entityIds());
        assertTrue(a.union(b).contains(11));
    }

    /** Tracking the touched rows adds no allocation to a recorded write: a bit set in a bitset sized at attach. */
    @Test
    void trackedWritesAllocateNothingOnTheWritingThread() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        try (Recording rec = Recording.at(dir.resolve("alloc")).fsync(false).logBufferRecords(4096).observer(new Follower() {
            @Override
            public void tickEnded(TickReport tick) {
                // keeps nothing: only the writes between tick ends are measured
            }
        }).create(memory.root(), (world, random) -> {
            Table t = world.createTable(VALUES, 1000);
            for (int i = 0; i < 1000; i++) {
                t.addRow();
            }
        })) {
            Table t = rec.world().table("values");
            write(t, 200_000);
            rec.endTick();
            long before = threads.getThreadAllocatedBytes(me);
            write(t, 1_000_000);
            long allocated = threads.getThreadAllocatedBytes(me) - before;
            assertTrue(allocated < 1024, allocated + " bytes allocated by a million tracked recorded writes");
            rec.endTick();
        }
    }

    private static void write(Table t, int writes) {
        for (int i = 0; i < writes; i++) {
            t.setFloat(0, (i * 37L) % 1000, i * 0.5f);
        }
    }
}
