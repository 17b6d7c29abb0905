package io.tickstore.snapshot.internal;

import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.manifest.FileEntry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * One .npy file of a snapshot as a private copy-on-write mapping ({@code MAP_PRIVATE}), checked against the manifest
 * before it is mapped, and then handed to Arrow as a foreign allocation: the {@code ArrowBuf} that wraps it is
 * accounted by its allocator like any other, and closing it unmaps. Writes through the buffer land in private copies
 * of the pages they touch, never in the file; reads fault in only the pages they touch.
 *
 * <p>Opening costs one {@code open}, one {@code fstat}, one read of the header, one {@code mmap} (and the
 * {@code fstat} that {@code FileChannel.map} makes of its own) and one {@code close}: the checks
 * {@link StoredFile#open} makes (size against the manifest, header against the size and the manifest) are made on
 * the descriptor that is mapped, so no check is skipped and none is made on a file other than the one mapped. That
 * matters beyond speed: a read past the end of a mapped file is a {@code SIGBUS}, not an exception, so the size that
 * counts is the one of the file that is mapped. The file must not be truncated while it is mapped.
 *
 * <p>The mapping starts at byte 0 of the file (a page boundary) and the buffer starts {@code dataOffset} bytes in.
 * Until {@link #adopt} it belongs to whoever opened it, who closes it (unmapping) if it is never adopted; after, it
 * belongs to the buffer, and {@link #close} does nothing.
 */
public final class PrivateMapping extends ForeignAllocation implements Closeable {
    private MappedByteBuffer mapping;
    private boolean adopted;
    /** The snapshot directory's key in {@link MappedSnapshots}, counted while this mapping exists. */
    private final Object snapshotKey;

    private PrivateMapping(MappedByteBuffer mapping, long dataOffset, long dataBytes, Object snapshotKey) {
        super(dataBytes, BufferUtil.address(mapping) + dataOffset);
        this.mapping = mapping;
        this.snapshotKey = snapshotKey;
        MappedSnapshots.retain(snapshotKey);
    }

    /**
     * Opens, checks and maps the file {@code entry} names under {@code snapshotDir} ({@code path}, resolved by the
     * caller), or returns null when it cannot be mapped privately: a file over 2 GiB (one mapping's limit), no data
     * to map, or a file this process may not open for writing, which {@code FileChannel} requires of a private
     * mapping even though nothing is written to the file. The caller then checks and reads the file as usual
     * ({@link StoredFile#open}).
     *
     * <p>The file itself may not be a symbolic link (it is opened with {@code O_NOFOLLOW}); the directories between
     * {@code snapshotDir} and it are the caller's to check ({@link LinkFreeDirectories}), once for all their files.
     * When the open fails for any other reason (a missing file, a link, a directory) the file is looked at again by
     * {@link StoredFile#open}, whose error names the problem.
     *
     * <p>{@code snapshotKey} is {@code MappedSnapshots.key(snapshotDir)}, taken once per snapshot by the caller: the
     * snapshot counts as mapped ({@link MappedSnapshots}) while the mapping exists, so no recycled write overwrites its
     * files meanwhile.
     *
     * @throws io.tickstore.snapshot.SnapshotFormatException as {@link StoredFile#open} would for the same file
     */
    public static PrivateMapping openOrNull(Path snapshotDir, FileEntry entry, Path path, Object snapshotKey) throws IOException {
        long fileBytes = entry.fileBytes();
        if (fileBytes > Integer.MAX_VALUE || entry.dataBytes() == 0) {
            return null;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            return null;
        } catch (IOException e) {
            throw explained(snapshotDir, entry, e);
        }
        MappedByteBuffer mapping;
        try (channel) {
            long size = channel.size();
            StoredFile.checkSize(path, entry, size);
            // The header is read, not looked at through the mapping: touching the mapping's first page would cost a
            // page fault now and make the unmapping at close tear down a populated page table, several times the
            // cost of this one small read (measured: CopyOnWriteOpenBenchmark, jmh/README.md).
            ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, NpyHeader.MAX_HEADER_BYTES));
            StoredFile.readFully(channel, 0, start, path);
            start.flip();
            StoredFile.checkHeader(path, entry, start, size);
            mapping = channel.map(FileChannel.MapMode.PRIVATE, 0, fileBytes);
        }
        return new PrivateMapping(mapping, entry.dataOffset(), entry.dataBytes(), java.util.Objects.requireNonNull(snapshotKey, "snapshotKey"));
    }

    /**
     * Throws the error {@link StoredFile#open} reports for a file that would not open for mapping (it names a link,
     * a directory or a missing file as such), or returns the open's own error if that finds nothing wrong.
     */
    private static IOException explained(Path snapshotDir, FileEntry entry, IOException openFailure) throws IOException {
        try {
            StoredFile.open(snapshotDir, entry).close();
        } catch (IOException | RuntimeException explanation) {
            explanation.addSuppressed(openFailure);
            throw explanation;
        }
        return openFailure;
    }

    /** Hands the mapping to {@code allocator} as the memory of a new buffer, which from now on owns (and unmaps) it. */
    public ArrowBuf adopt(BufferAllocator allocator) {
        if (adopted || mapping == null) {
            throw new IllegalStateException("the mapping was already " + (adopted ? "adopted" : "closed"));
        }
        ArrowBuf buffer = allocator.wrapForeignAllocation(this);
        adopted = true;
        return buffer;
    }

    /** Unmaps a mapping no buffer adopted; does nothing after {@link #adopt} or a first close. */
    @Override
    public void close() {
        if (!adopted) {
            release0();
        }
    }

    /** Unmaps now rather than when the collector finds the mapping; Arrow calls it once, when the buffer closes. */
    @Override
    protected void release0() {
        if (mapping != null) {
            IoUtil.unmap(mapping);
            mapping = null;
            MappedSnapshots.release(snapshotKey);
        }
    }
}
