package io.tickstore.columns;

import org.agrona.UnsafeApi;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The arena of one variable-length column: the values' bytes, off-heap, in one buffer from the table's allocator.
 * Each row's reference (where its value starts in the arena, and its length: two i64) lives in the column's fixed
 * buffer, {@link ColumnLayout#VALUE_REF_BYTES} bytes a row, so swap-remove and growth move references like any other
 * fixed-width values and never the bytes.
 *
 * <p>A value that fits where the row's old value was is written there; a longer one is appended. What is no longer
 * referenced is counted as garbage; when the arena is full it is rebuilt into a new buffer holding only live values,
 * in slot order, with room to spare, so writing costs amortised O(bytes written) and the arena stays within about
 * twice the live bytes. Rebuilt or loaded, the values are in slot order: Arrow's offsets-plus-data layout.
 */
final class VariableValues implements AutoCloseable {
    private static final long MIN_CAPACITY = 4096;

    private final BufferAllocator allocator;
    private ArrowBuf arena;
    private long address;
    private long capacity;
    private long used;
    private long garbage;

    VariableValues(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    static long start(long refs, long row) {
        return UnsafeApi.getLong(refs + row * ColumnLayout.VALUE_REF_BYTES);
    }

    static long length(long refs, long row) {
        return UnsafeApi.getLong(refs + row * ColumnLayout.VALUE_REF_BYTES + 8);
    }

    private static void setRef(long refs, long row, long start, long length) {
        UnsafeApi.putLong(refs + row * ColumnLayout.VALUE_REF_BYTES, start);
        UnsafeApi.putLong(refs + row * ColumnLayout.VALUE_REF_BYTES + 8, length);
    }

    /** The address of a row's value. */
    long valueAddress(long refs, long row) {
        return address + start(refs, row);
    }

    /** Bytes the arena holds, live or not. */
    long used() {
        return used;
    }

    /** Bytes the arena has allocated. */
    long capacity() {
        return capacity;
    }

    /**
     * Makes room for a new value of {@code length} bytes for {@code row}, whose current value (if {@code fresh} is
     * false) is given up, and returns the address to write it at. May rebuild the arena (moving every other value,
     * never a source outside it). The caller writes exactly {@code length} bytes there.
     */
    long reserve(long refs, long rows, long row, long length, boolean fresh) {
        if (!fresh) {
            long oldLength = length(refs, row);
            if (length <= oldLength) {
                garbage += oldLength - length;
                long start = start(refs, row);
                setRef(refs, row, start, length);
                return address + start;
            }
            garbage += oldLength;
        }
        setRef(refs, row, 0, 0);
        if (used + length > capacity) {
            rebuild(refs, rows, length);
        }
        long start = used;
        used += length;
        setRef(refs, row, start, length);
        return address + start;
    }

    /** Writes {@code length} bytes from {@code source} (anywhere but this arena) as the row's value. */
    void assign(long refs, long rows, long row, long source, long length, boolean fresh) {
        if (source >= address && source < address + capacity && length > 0) {
            // a value of this very table: copy it out first, since making room may move it
            byte[] copy = new byte[(int) length];
            UnsafeApi.copyMemory(null, source, copy, UnsafeApi.arrayBaseOffset(byte[].class), length);
            assign(refs, rows, row, copy, fresh);
            return;
        }
        long at = reserve(refs, rows, row, length, fresh);
        UnsafeApi.copyMemory(source, at, length);
    }

    /** Writes {@code bytes} as the row's value. */
    void assign(long refs, long rows, long row, byte[] bytes, boolean fresh) {
        long at = reserve(refs, rows, row, bytes.length, fresh);
        UnsafeApi.copyMemory(bytes, UnsafeApi.arrayBaseOffset(byte[].class), null, at, bytes.length);
    }

    /** The row's value is no longer referenced (its row is being removed). */
    void release(long refs, long row) {
        garbage += length(refs, row);
    }

    /** Forgets every value: the table has no rows. */
    void clear() {
        used = 0;
        garbage = 0;
    }

    /**
     * Moves every live value of rows {@code [0, rows)} into a new buffer, in slot order, with room for
     * {@code extra} more bytes and half as much again.
     */
    private void rebuild(long refs, long rows, long extra) {
        long live = used - garbage;
        long target = Math.max(MIN_CAPACITY, Math.addExact(live, extra));
        target = Math.max(target, target + (target >> 1));
        ArrowBuf fresh = allocator.buffer(target);
        long to = fresh.memoryAddress();
        long at = 0;
        for (long row = 0; row < rows; row++) {
            long length = length(refs, row);
            if (length > 0) {
                UnsafeApi.copyMemory(address + start(refs, row), to + at, length);
            }
            setRef(refs, row, at, length);
            at += length;
        }
        if (arena != null) {
            arena.close();
        }
        arena = fresh;
        address = to;
        capacity = target;
        used = at;
        garbage = 0;
    }

    /**
     * For a loader: forgets every value and makes the arena hold {@code bytes} bytes, whose content and whose rows'
     * references the loader then writes; returns the address of the first byte.
     */
    long prepareLoad(long bytes) {
        if (bytes > capacity) {
            ArrowBuf fresh = allocator.buffer(Math.max(bytes, MIN_CAPACITY));
            if (arena != null) {
                arena.close();
            }
            arena = fresh;
            address = fresh.memoryAddress();
            capacity = fresh.capacity();
        }
        used = bytes;
        garbage = 0;
        return address;
    }

    /** For a loader: sets a row's reference into bytes it placed with {@link #prepareLoad}. */
    void setLoaded(long refs, long row, long start, long length) {
        if (start < 0 || length < 0 || start > used || length > used - start) {
            throw new IllegalArgumentException("value [" + start + ", " + (start + length) + ") lies outside the " + used
                    + " loaded bytes");
        }
        setRef(refs, row, start, length);
    }

    /**
     * After a load: the first row in {@code [0, rows)} whose reference leaves the arena, or -1 when every one is
     * inside it (so no read can stray outside the arena's memory). Also recounts the garbage.
     */
    long firstBadReference(long refs, long rows) {
        long live = 0;
        for (long row = 0; row < rows; row++) {
            long start = start(refs, row);
            long length = length(refs, row);
            if (start < 0 || length < 0 || start > used || length > used - start) {
                return row;
            }
            live += length;
        }
        garbage = Math.max(0, used - live);
        return -1;
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
        address = 0;
        capacity = 0;
        used = 0;
        garbage = 0;
    }
}
