package io.tickstore.snapshot.internal;

import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.manifest.FileEntry;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ForeignAllocation;

/**
 * The data region of one checked .npy file as a private copy-on-write mapping ({@code MAP_PRIVATE}), presented to
 * Arrow as a foreign allocation: the {@code ArrowBuf} that wraps it is accounted by its allocator like any other,
 * and closing it unmaps. Writes through the buffer land in private copies of the pages they touch, never in the
 * file; reads fault in only the pages they touch.
 *
 * <p>The mapping starts at byte 0 of the file (a page boundary) and the buffer starts {@code dataOffset} bytes in.
 * The file's size is checked against its manifest entry (and so its header) on the channel that maps it, since a
 * read past the end of a mapped file is a {@code SIGBUS}, not an exception. The file must not be truncated while
 * it is mapped.
 */
public final class PrivateMapping extends ForeignAllocation {
    private MappedByteBuffer mapping;

    private PrivateMapping(MappedByteBuffer mapping, long dataOffset, long dataBytes) {
        super(dataBytes, BufferUtil.address(mapping) + dataOffset);
        this.mapping = mapping;
    }

    /**
     * Maps the data of the file {@code entry} names under {@code snapshotDir}, already checked by {@link StoredFile#open}
     * (its size is checked again here, on the channel that maps it), into a buffer of {@code allocator},
     * or returns null when it cannot be mapped privately: a data region over 2 GiB (one mapping's limit) or a file
     * this process may not open for writing, which {@code FileChannel} requires of a private mapping even though
     * nothing is written to the file. The caller then reads the file as usual.
     */
    public static ArrowBuf mapOrNull(Path snapshotDir, FileEntry entry, BufferAllocator allocator) throws IOException {
        long fileBytes = entry.fileBytes();
        long dataBytes = entry.dataBytes();
        if (fileBytes > Integer.MAX_VALUE || dataBytes == 0) {
            return null;
        }
        Path path = entry.resolve(snapshotDir);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            return null;
        }
        MappedByteBuffer mapping;
        try (channel) {
            long size = channel.size();
            if (size != fileBytes) {
                throw new SnapshotFormatException(path, size < fileBytes ? Problem.TRUNCATED : Problem.LENGTH_MISMATCH,
                        "manifest says fileBytes " + fileBytes + ", file has " + size + " bytes (it changed after it was checked)");
            }
            mapping = channel.map(FileChannel.MapMode.PRIVATE, 0, fileBytes);
        }
        PrivateMapping region = new PrivateMapping(mapping, entry.dataOffset(), dataBytes);
        try {
            return allocator.wrapForeignAllocation(region);
        } catch (RuntimeException | Error e) {
            region.release0();
            throw e;
        }
    }

    /** Unmaps now rather than when the collector finds the mapping; Arrow calls it once, when the buffer closes. */
    @Override
    protected void release0() {
        if (mapping != null) {
            IoUtil.unmap(mapping);
            mapping = null;
        }
    }
}
