package io.tickstore.snapshot.eventlog;

import io.tickstore.columns.TickstoreException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;

/**
 * One segment file mapped read-only, whole; its size is taken from the file before the mapping is touched.
 *
 * <p>The mapping stays valid for as long as it is open because nothing ever makes a segment file shorter in place:
 * a recovery or a salvage writes the kept prefix to a new file and renames it over the old name, so this mapping
 * keeps the old inode and its bytes (a file cut in place under a mapping would fault on the next read). The
 * file's identity (its {@code fileKey}, the inode on Linux) is recorded so a scan can tell that the name now
 * stands for another file.
 */
final class MappedSegment implements AutoCloseable {
    private final Path file;
    private final Object fileKey;
    private final long size;
    private MappedByteBuffer map;
    private final long address;

    private MappedSegment(Path file, Object fileKey, long size, MappedByteBuffer map) {
        this.file = file;
        this.fileKey = fileKey;
        this.size = size;
        this.map = map;
        this.address = map == null ? 0 : BufferUtil.address(map);
    }

    static MappedSegment map(Path file) throws IOException {
        // the key is read before the file is opened: if the name is replaced in between, the key no longer matches
        // the name afterwards, and the scan treats that as a change under it, as it should
        Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new EventLogException(file, Problem.LENGTH_MISMATCH, "segment is " + size
                        + " bytes; a segment is at most " + Integer.MAX_VALUE);
            }
            MappedByteBuffer map = size == 0 ? null : channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return new MappedSegment(file, fileKey, size, map);
        }
    }

    /**
     * Whether the segment's name still stands for the file that was mapped: false when it was removed or replaced
     * since (a recovery or salvage ran), true when the platform has no file keys to tell.
     */
    boolean stillAtItsPath() throws IOException {
        if (fileKey == null) {
            return true;
        }
        try {
            return Objects.equals(fileKey, Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** The offset of the first occurrence of {@code pattern} at or after {@code from}, or -1. */
    long indexOf(byte[] pattern, long from) {
        long last = size - pattern.length;
        for (long at = Math.max(0, from); at <= last; at++) {
            if (map.get((int) at) == pattern[0] && matchesAt(pattern, at)) {
                return at;
            }
        }
        return -1;
    }

    private boolean matchesAt(byte[] pattern, long at) {
        for (int i = 1; i < pattern.length; i++) {
            if (map.get((int) at + i) != pattern[i]) {
                return false;
            }
        }
        return true;
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
