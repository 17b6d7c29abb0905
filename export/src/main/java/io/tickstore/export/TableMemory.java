package io.tickstore.export;

import org.apache.arrow.memory.ForeignAllocation;

/**
 * A region of a table's off-heap memory presented to Arrow as a foreign allocation, so
 * {@code BufferAllocator.wrapForeignAllocation} turns it into an {@code ArrowBuf} without copying. The table
 * owns the memory: releasing does nothing, and the view must be closed before the table is (or grows).
 */
final class TableMemory extends ForeignAllocation {
    TableMemory(long address, long size) {
        super(size, address);
    }

    @Override
    protected void release0() {
        // The table frees this memory when it closes; Arrow only stops accounting for it here.
    }
}
