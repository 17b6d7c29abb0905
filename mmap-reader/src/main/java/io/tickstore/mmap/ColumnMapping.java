package io.tickstore.mmap;

import io.tickstore.snapshot.format.NpyHeader;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;

/**
 * The data region of one .npy file, mapped read-only as one or more chunks, and the only owner of those
 * mappings.
 *
 * <pre>
 *  file offset 0            dataOffset        dataOffset + C      dataOffset + 2C           fileBytes
 *              +------------+-----------------+-------------------+-------------------------+
 *              | .npy header| chunk 0 (C bytes)| chunk 1 (C bytes) | chunk 2 (the rest)      |
 *              | (not mapped)                 |                   |                         |
 *              +------------+-----------------+-------------------+-------------------------+
 *  data byte offset b       0                 C                   2C
 *
 *  b lives in chunk (b >>> log2ChunkBytes) at (b &amp; (C - 1));  C = 2^log2ChunkBytes, 1 GiB by default
 * </pre>
 *
 * Chunks are counted from the start of the data, not of the file, and C is a power of two of at least 4 KiB, so
 * every element width (1, 2, 4 or 8 bytes) divides C and no element straddles two chunks. Java 17 maps at most
 * 2 GiB per buffer, hence the chunks; a column of at most C bytes is a single chunk and a single base address.
 *
 * <p>The channel is not kept: a mapping stays valid after its channel closes, so an open column costs no file
 * descriptor. {@link #unmap()} releases every chunk explicitly instead of waiting for the garbage collector.
 */
final class ColumnMapping {
    /** 1 GiB chunks: below Java 17's 2 GiB limit per buffer, and a power of two so a shift finds the chunk. */
    static final int DEFAULT_LOG2_CHUNK_BYTES = 30;
    /** A page: chunks then hold whole elements and whole blocks of the float sums in {@link StatsScan}. */
    static final int MIN_LOG2_CHUNK_BYTES = 12;

    private static final long[] NO_ADDRESSES = {};
    private static final MappedByteBuffer[] NO_CHUNKS = {};

    final Path file;
    final NpyHeader header;
    final int log2ChunkBytes;
    final long chunkMask;
    /** Base address of each chunk; the hot path reads these, never the buffers. */
    final long[] chunkAddresses;
    /** Plain field, no volatile: closing is not concurrent with reads (see the package charter). */
    boolean closed;
    private final MappedByteBuffer[] chunks;

    private ColumnMapping(Path file, NpyHeader header, int log2ChunkBytes, MappedByteBuffer[] chunks, long[] chunkAddresses) {
        this.file = file;
        this.header = header;
        this.log2ChunkBytes = log2ChunkBytes;
        this.chunkMask = (1L << log2ChunkBytes) - 1;
        this.chunks = chunks;
        this.chunkAddresses = chunkAddresses;
    }

    /**
     * Maps the data region that {@code header} (already validated against the file's real size) describes.
     * Nothing stays mapped if any chunk fails to map.
     */
    static ColumnMapping map(FileChannel channel, Path file, NpyHeader header, int log2ChunkBytes) throws IOException {
        if (log2ChunkBytes < MIN_LOG2_CHUNK_BYTES || log2ChunkBytes > DEFAULT_LOG2_CHUNK_BYTES) {
            throw new IllegalArgumentException("chunk size 2^" + log2ChunkBytes + " outside [2^" + MIN_LOG2_CHUNK_BYTES
                    + ", 2^" + DEFAULT_LOG2_CHUNK_BYTES + "]");
        }
        long dataBytes = header.dataBytes();
        if (dataBytes == 0) {
            return new ColumnMapping(file, header, log2ChunkBytes, NO_CHUNKS, NO_ADDRESSES);
        }
        long chunkBytes = 1L << log2ChunkBytes;
        int chunkCount = Math.toIntExact((dataBytes + chunkBytes - 1) >>> log2ChunkBytes);
        MappedByteBuffer[] chunks = new MappedByteBuffer[chunkCount];
        long[] addresses = new long[chunkCount];
        try {
            for (int i = 0; i < chunkCount; i++) {
                long start = (long) i << log2ChunkBytes;
                long size = Math.min(chunkBytes, dataBytes - start);
                chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, header.dataOffset() + start, size);
                addresses[i] = BufferUtil.address(chunks[i]);
            }
        } catch (IOException | RuntimeException | Error e) {
            unmapAll(chunks);
            if (e instanceof IOException) {
                throw new IOException(file + ": cannot map " + dataBytes + " bytes of column data", e);
            }
            throw e;
        }
        return new ColumnMapping(file, header, log2ChunkBytes, chunks, addresses);
    }

    /** Whether all the data is one chunk, so an address is the base plus the byte offset. */
    boolean isSingleChunk() {
        return chunkAddresses.length <= 1;
    }

    /** The address of data byte {@code byteOffset}; the caller has checked it is inside the data. */
    long address(long byteOffset) {
        return chunkAddresses[(int) (byteOffset >>> log2ChunkBytes)] + (byteOffset & chunkMask);
    }

    /** Bytes from {@code byteOffset} to the end of the chunk that holds it (the last chunk may end earlier). */
    long bytesLeftInChunk(long byteOffset) {
        return (1L << log2ChunkBytes) - (byteOffset & chunkMask);
    }

    /** The chunk buffer holding {@code byteOffset}, for bulk copies through the buffer API. */
    MappedByteBuffer chunkAt(long byteOffset) {
        return chunks[(int) (byteOffset >>> log2ChunkBytes)];
    }

    /** Releases every chunk now; idempotent. Any address handed out before is dangling afterwards. */
    void unmap() {
        if (closed) {
            return;
        }
        closed = true;
        unmapAll(chunks);
    }

    private static void unmapAll(MappedByteBuffer[] chunks) {
        for (int i = 0; i < chunks.length; i++) {
            if (chunks[i] != null) {
                IoUtil.unmap(chunks[i]);
                chunks[i] = null;
            }
        }
    }
}
