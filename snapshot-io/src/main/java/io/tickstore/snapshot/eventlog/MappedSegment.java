package io.tickstore.snapshot.eventlog;

import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.SnapshotFormatException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;

/** One segment file mapped read-only, whole; its size is taken from the file before the mapping is touched. */
final class MappedSegment implements AutoCloseable {
    private final Path file;
    private final long size;
    private MappedByteBuffer map;
    private final long address;

    private MappedSegment(Path file, long size, MappedByteBuffer map) {
        this.file = file;
        this.size = size;
        this.map = map;
        this.address = map == null ? 0 : BufferUtil.address(map);
    }

    static MappedSegment map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new SnapshotFormatException(file, Problem.LENGTH_MISMATCH, "segment is " + size
                        + " bytes; a segment is at most " + Integer.MAX_VALUE);
            }
            MappedByteBuffer map = size == 0 ? null : channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return new MappedSegment(file, size, map);
        }
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    /** The address of byte {@code offset}; the caller has checked {@code offset} against {@link #size()}. */
    long address(long offset) {
        return address + offset;
    }

    /** A little-endian view of {@code [offset, offset + length)}, checked against the file's size. */
    ByteBuffer slice(long offset, long length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + (offset + length) + ") outside segment " + file
                    + " of " + size + " bytes");
        }
        if (length == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        return map.slice((int) offset, (int) length).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() {
        if (map != null) {
            IoUtil.unmap(map);
            map = null;
        }
    }
}
