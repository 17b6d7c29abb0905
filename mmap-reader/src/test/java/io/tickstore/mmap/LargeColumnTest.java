package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.snapshot.format.NpyHeader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column over 2 GiB, more than one Java buffer can map, read with long indices across its 1 GiB chunks. The
 * file is sparse: only the header and a few values take disk space, the rest is a hole that reads as zeros;
 * the temporary directory, file included, is removed after each test.
 */
class LargeColumnTest {
    /** i64 values per 1 GiB chunk. */
    private static final long PER_CHUNK = (1L << 30) / 8;
    /** Three full chunks and a few values in a fourth: a 3 GiB column. */
    private static final long N = 3 * PER_CHUNK + 7;
    private static final long[] MARKED = {0, 1, PER_CHUNK - 1, PER_CHUNK, 2 * PER_CHUNK - 1, 2 * PER_CHUNK,
        3 * PER_CHUNK - 1, 3 * PER_CHUNK, N - 1};

    @TempDir
    Path dir;
    private Path file;

    /** Every marked index holds a value that encodes the index, so a read from the wrong place shows. */
    private static long markOf(long index) {
        return ~index;
    }

    @BeforeEach
    void writeSparseColumn() throws IOException {
        file = dir.resolve("big.npy");
        byte[] header = NpyHeader.encode(ColumnType.I64, N);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(header);
            raf.setLength(header.length + N * 8);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer value = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            for (long index : MARKED) {
                value.clear();
                value.putLong(0, markOf(index));
                channel.write(value, header.length + index * 8);
            }
        }
    }

    @Test
    void readsValuesNearTheStartAcrossEveryChunkBoundaryAndAtTheEnd() throws IOException {
        assertTrue(Files.size(file) > (2L << 30), "the file is over 2 GiB");
        try (MappedColumn column = MappedColumn.open(file)) {
            assertEquals(N, column.length());
            for (long index : MARKED) {
                assertEquals(markOf(index), column.getLong(index), "index " + index);
            }
            assertEquals(0, column.getLong(PER_CHUNK + 12_345), "a hole reads as zero");
            assertThrows(IndexOutOfBoundsException.class, () -> column.getLong(N));
        }
    }

    @Test
    void slicesAndStatsSpanAChunkBoundary() throws IOException {
        try (MappedColumn column = MappedColumn.open(file)) {
            MappedColumn across = column.slice(2 * PER_CHUNK - 1, 2 * PER_CHUNK + 1);
            assertEquals(markOf(2 * PER_CHUNK - 1), across.getLong(0));
            assertEquals(markOf(2 * PER_CHUNK), across.getLong(1));

            ColumnStats stats = column.stats(PER_CHUNK - 2, PER_CHUNK + 2);
            assertEquals(4, stats.count());
            assertEquals(markOf(PER_CHUNK), stats.minBits());
            assertEquals(0, stats.maxBits());
            assertEquals((double) markOf(PER_CHUNK - 1) + markOf(PER_CHUNK), stats.sum());
        }
    }

    @Test
    void theLastPartialChunkEndsWhereTheDataEnds() throws IOException {
        try (MappedColumn column = MappedColumn.open(file)) {
            MappedColumn tail = column.slice(3 * PER_CHUNK, N);
            assertEquals(7, tail.length());
            assertEquals(markOf(N - 1), tail.getLong(6));
            assertEquals(markOf(N - 1), tail.stats().minBits());
        }
    }
}
