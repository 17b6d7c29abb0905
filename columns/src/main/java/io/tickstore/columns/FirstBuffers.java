package io.tickstore.columns;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Where a new table's first fixed-width buffers come from, for a loader that already has the bytes somewhere
 * Arrow can wrap (a file mapping, say) and would rather hand them over than copy them
 * ({@link Table#allocate(Schema, BufferAllocator, long, FirstBuffers)}).
 *
 * <p>Each method returns a buffer of at least {@code bytes} bytes that it created through {@code tableAllocator}
 * (usually {@code BufferAllocator.wrapForeignAllocation}), which the table then owns and closes like its own, or
 * {@code null} for a buffer the table allocates as usual. Only the first buffers are asked for: when the table
 * grows past them it copies their rows into memory of its own and closes them.
 */
public interface FirstBuffers {
    /** The first buffer of fixed-width column {@code column}, or null to allocate it. */
    ArrowBuf column(BufferAllocator tableAllocator, int column, long bytes);

    /** The first buffer of the entity ids, or null to allocate it. */
    ArrowBuf entityIds(BufferAllocator tableAllocator, long bytes);
}
