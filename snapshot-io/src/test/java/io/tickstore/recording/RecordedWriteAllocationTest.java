package io.tickstore.recording;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded write allocates nothing on the thread that writes: the value is stored and the event appended with no
 * object made, whatever the log's writer thread does in the background. Counted with the JVM's per-thread allocation
 * counter, so it is exact and not a timing.
 */
class RecordedWriteAllocationTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    static final Schema VALUES = Schema.builder("values", 1).column("f", ColumnType.F32).column("l", ColumnType.I64).build();

    @Test
    void recordedTypedWritesAllocateNothingOnTheWritingThread() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        try (Recording rec = Recording.at(dir.resolve("run")).fsync(false).logBufferRecords(4096)
                .create(memory.root(), (world, random) -> {
                    Table t = world.createTable(VALUES, 1000);
                    for (int i = 0; i < 1000; i++) {
                        t.addRow();
                    }
                })) {
            Table t = rec.world().table("values");
            write(t, 200_000); // warm up: compile the path, grow the log's buffers to their steady set
            long before = threads.getThreadAllocatedBytes(me);
            write(t, 1_000_000);
            long allocated = threads.getThreadAllocatedBytes(me) - before;
            // the counter's own call allocates a few bytes; a write that allocated would show as two million objects
            assertTrue(allocated < 1024, allocated + " bytes allocated by two million recorded writes");
        }
    }

    static final Schema KINDS = Schema.builder("kinds", 1)
            .array("embedding", ColumnType.F32, 8)
            .categorical("county")
            .string("note")
            .build();
    static final String[] COUNTIES = {"Travis", "Bexar", "Doña Ana", "東京"};
    static final String[] NOTES = {"short", "a longer note, é", "", "🦊"};

    /**
     * The kinds beyond scalars, on their allocation-free paths: an array element, a whole array row (its bytes to the
     * log's value area), a categorical string the dictionary holds, a {@code str} value encoded in place.
     */
    @Test
    void recordedWritesOfTheOtherKindsAllocateNothingOnTheWritingThread() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        try (Recording rec = Recording.at(dir.resolve("kinds")).fsync(false).logBufferRecords(4096)
                .create(memory.root(), (world, random) -> {
                    Table t = world.createTable(KINDS, 1000);
                    for (int i = 0; i < 1000; i++) {
                        t.addRow();
                    }
                    for (String county : COUNTIES) {
                        t.setString(1, 0, county);
                    }
                })) {
            Table t = rec.world().table("kinds");
            float[] row = new float[8];
            writeKinds(t, row, 100_000);
            long before = threads.getThreadAllocatedBytes(me);
            writeKinds(t, row, 250_000);
            long allocated = threads.getThreadAllocatedBytes(me) - before;
            assertTrue(allocated < 1024, allocated + " bytes allocated by a million recorded writes of arrays, strings and text");
        }
    }

    private static void writeKinds(Table t, float[] row, int writes) {
        for (int i = 0; i < writes; i++) {
            long slot = (i * 37L) % 1000;
            t.setFloat(0, slot, i & 7, i * 0.5f);
            row[i & 7] = i;
            t.setArray(0, slot, row);
            t.setString(1, slot, COUNTIES[i & 3]);
            t.setString(2, slot, NOTES[i & 3]);
        }
    }

    private static void write(Table t, int writes) {
        for (int i = 0; i < writes; i++) {
            long row = (i * 37L) % 1000;
            t.setFloat(0, row, i * 0.5f);
            t.setLong(1, row, i);
        }
    }
}
