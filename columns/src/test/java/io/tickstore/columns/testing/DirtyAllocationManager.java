package io.tickstore.columns.testing;

import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Allocates like Arrow's unsafe allocator but fills every new block with {@link #GARBAGE}, so code that
 * silently relies on fresh memory being zero fails in tests instead of in production (where reused memory
 * is never zero).
 */
public final class DirtyAllocationManager extends AllocationManager {
    public static final byte GARBAGE = (byte) 0xA5;

    public static final Factory FACTORY = new Factory() {
        @Override
        public AllocationManager create(BufferAllocator accountingAllocator, long size) {
            return new DirtyAllocationManager(accountingAllocator, size);
        }

        @Override
        public ArrowBuf empty() {
            return UnsafeAllocationManager.FACTORY.empty();
        }
    };

    private final long address;
    private final long size;

    private DirtyAllocationManager(BufferAllocator accountingAllocator, long size) {
        super(accountingAllocator);
        this.address = MemoryUtil.allocateMemory(size);
        this.size = size;
        MemoryUtil.setMemory(address, size, GARBAGE);
    }

    @Override
    public long getSize() {
        return size;
    }

    @Override
    protected long memoryAddress() {
        return address;
    }

    @Override
    protected void release0() {
        MemoryUtil.freeMemory(address);
    }
}
