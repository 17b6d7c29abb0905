package io.tickstore.columns.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.util.MemoryUtil;

/** Small helpers over raw off-heap addresses. */
public final class OffHeap {
    private OffHeap() {
    }

    /** A little-endian direct ByteBuffer over existing memory; no copy, no ownership. */
    public static ByteBuffer view(long address, int length) {
        if (length == 0) {
            return ByteBuffer.allocateDirect(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        return MemoryUtil.directBuffer(address, length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
