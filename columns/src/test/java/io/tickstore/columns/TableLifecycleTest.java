package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.lang.reflect.Proxy;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

class TableLifecycleTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private static final Schema SCHEMA = Schema.builder("bodies", 1)
            .column("mass", ColumnType.F64)
            .column("kind", ColumnType.U8)
            .build();

    @Test
    void closeIsIdempotent() {
        Table t = Table.allocate(SCHEMA, memory.root(), 16);
        t.addRow();
        t.close();
        t.close();
        assertTrue(t.isClosed());
        assertEquals(0, t.rowCount());
        assertEquals(0, t.allocatedBytes());
    }

    @Test
    void everyUseAfterCloseThrowsIllegalStateNamingTheTable() {
        Table t = Table.allocate(SCHEMA, memory.root(), 16);
        t.addRow();
        t.close();
        assertClosed(t::addRow);
        assertClosed(() -> t.addRow(5));
        assertClosed(() -> t.getDouble(0, 0));
        assertClosed(() -> t.setDouble(0, 0, 1.0));
        assertClosed(() -> t.getByte(1, 0));
        assertClosed(() -> t.getBits(0, 0));
        assertClosed(() -> t.setBits(0, 0, 0));
        assertClosed(() -> t.getAsDouble(0, 0));
        assertClosed(() -> t.removeRow(0));
        assertClosed(() -> t.removeEntity(0));
        assertClosed(() -> t.entityId(0));
        assertClosed(() -> t.slotOf(0));
        assertClosed(() -> t.containsEntity(0));
        assertClosed(t::clear);
        assertClosed(() -> t.ensureCapacity(100));
        assertClosed(() -> t.adoptLoadedRows(0, 0));
        assertClosed(() -> t.columnAddress(0));
        assertClosed(t::entityIdAddress);
        assertClosed(() -> t.columnView(0, 0, 8));
        assertClosed(() -> t.entityIdView(0, 8));
        assertClosed(() -> ContentHash.of(t));
    }

    private static void assertClosed(Executable use) {
        IllegalStateException e = assertThrows(IllegalStateException.class, use);
        assertEquals("table 'bodies' is closed", e.getMessage());
    }

    @Test
    void allocatedBytesCoverEveryColumnAndTheIdsAndTrackGrowth() {
        BufferAllocator root = memory.root();
        try (Table t = Table.allocate(SCHEMA, root, 16)) {
            long initial = t.allocatedBytes();
            assertTrue(initial >= 16 * (SCHEMA.rowWidth() + 8L), "got " + initial);
            assertEquals(initial, root.getAllocatedMemory(), "the table's child allocator is the only user of the root");
            for (int i = 0; i < 1000; i++) {
                t.addRow();
            }
            assertTrue(t.allocatedBytes() >= t.capacity() * (SCHEMA.rowWidth() + 8L));
            assertEquals(t.allocatedBytes(), root.getAllocatedMemory(), "growth frees the old buffers");
        }
        assertEquals(0, root.getAllocatedMemory(), "closing the table returns everything to the parent");
    }

    @Test
    void aTableAllocatesFromAChildNamedAfterIt() {
        BufferAllocator root = memory.root();
        try (Table t = Table.allocate(SCHEMA, root, 16)) {
            assertEquals(1, root.getChildAllocators().size());
            assertEquals("table:bodies", root.getChildAllocators().iterator().next().getName());
        }
        assertEquals(0, root.getChildAllocators().size(), "closing the table closes its allocator");
    }

    /**
     * A buffer allocated from a child allocator and never released is found when the allocators close at the
     * end of the test: the fixture every test here relies on fails that test and names the guilty child.
     */
    @Test
    void theLeakCheckingAllocatorFailsATestThatLeaks() {
        LeakCheckingAllocator fixture = new LeakCheckingAllocator();
        BufferAllocator child = fixture.root().newChildAllocator("forgotten", 0, Long.MAX_VALUE);
        ArrowBuf held = child.buffer(128);
        try {
            AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> fixture.afterEach(context("leakingTest()")));
            assertTrue(e.getMessage().contains("off-heap memory leaked by leakingTest(): 128 bytes still held"), e.getMessage());
            assertTrue(e.getMessage().contains("forgotten"), e.getMessage());
        } finally {
            held.close();
        }
    }

    @Test
    void theLeakCheckingAllocatorHandsOutGarbageNotZeros() {
        try (ArrowBuf buf = memory.root().buffer(32)) {
            for (int i = 0; i < 32; i++) {
                assertEquals((byte) 0xA5, buf.getByte(i));
            }
        }
    }

    private static ExtensionContext context(String displayName) {
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getDisplayName")) {
                        return displayName;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
