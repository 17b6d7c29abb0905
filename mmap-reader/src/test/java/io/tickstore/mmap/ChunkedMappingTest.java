package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.columns.ColumnType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columns larger than one chunk are mapped as several; with 4 KiB chunks a small file crosses many chunk
 * boundaries, so every read path is checked across them without a multi-gigabyte file.
 */
class ChunkedMappingTest {
    private static final int LOG2_4_KIB = 12;
    private static final int N = 10_000;

    @TempDir
    Path dir;

    @Test
    void everyValueReadsBackAcrossChunkBoundaries() throws IOException {
        for (ColumnType type : ColumnType.values()) {
            long[] bits = new long[N];
            for (int i = 0; i < N; i++) {
                bits[i] = valueFor(type, i);
            }
            Path file = NpyFiles.write(dir.resolve(type + ".npy"), type, bits);
            try (MappedColumn chunked = MappedColumn.open(file, LOG2_4_KIB)) {
                for (int i = 0; i < N; i++) {
                    assertEquals(bits[i], chunked.getBits(i), type + " index " + i);
                }
            }
        }
    }

    @Test
    void statsOverManyChunksEqualStatsOverOne() throws IOException {
        for (ColumnType type : ColumnType.values()) {
            long[] bits = new long[N];
            for (int i = 0; i < N; i++) {
                bits[i] = valueFor(type, i);
            }
            Path file = NpyFiles.write(dir.resolve(type + ".npy"), type, bits);
            try (MappedColumn whole = MappedColumn.open(file);
                 MappedColumn chunked = MappedColumn.open(file, LOG2_4_KIB)) {
                assertEquals(whole.stats(), chunked.stats(), type.toString());
                assertEquals(whole.stats(123, 9_876), chunked.stats(123, 9_876), type.toString());
            }
        }
    }

    @Test
    void aSliceStraddlingAChunkBoundaryReadsBothSides() throws IOException {
        int[] values = new int[N];
        for (int i = 0; i < N; i++) {
            values[i] = i * 3;
        }
        int firstOfSecondChunk = 4096 / 4;
        try (MappedColumn chunked = MappedColumn.open(NpyFiles.writeInts(dir.resolve("a.npy"), values), LOG2_4_KIB)) {
            MappedColumn slice = chunked.slice(firstOfSecondChunk - 2, firstOfSecondChunk + 2);
            assertEquals((firstOfSecondChunk - 2) * 3, slice.getInt(0));
            assertEquals((firstOfSecondChunk + 1) * 3, slice.getInt(3));
            assertEquals(firstOfSecondChunk * 3 - 1.5, slice.stats().mean());
        }
    }

    @Test
    void copyToJoinsChunks() throws IOException {
        int[] values = new int[N];
        for (int i = 0; i < N; i++) {
            values[i] = -i;
        }
        try (MappedColumn chunked = MappedColumn.open(NpyFiles.writeInts(dir.resolve("a.npy"), values), LOG2_4_KIB)) {
            ByteBuffer dst = ByteBuffer.allocate(3000 * 4).order(ByteOrder.LITTLE_ENDIAN);
            chunked.copyTo(1000, 3000, dst);
            for (int i = 0; i < 3000; i++) {
                assertEquals(-(1000 + i), dst.getInt(i * 4));
            }
        }
    }

    /** Distinct values that use every bit width of the type, with a few NaNs among the floats. */
    private static long valueFor(ColumnType type, int i) {
        long mixed = i * 0x9E37_79B9_7F4A_7C15L;
        switch (type) {
            case I8: return (byte) mixed;
            case U8: return mixed & 0xFF;
            case BOOL: return mixed & 1;
            case I16: return (short) mixed;
            case U16: return mixed & 0xFFFF;
            case I32: return (int) mixed;
            case U32: return mixed & 0xFFFF_FFFFL;
            case F32: return Float.floatToRawIntBits(i % 97 == 0 ? Float.NaN : (float) (mixed % 100_000) / 7) & 0xFFFF_FFFFL;
            case F64: return Double.doubleToRawLongBits(i % 97 == 0 ? Double.NaN : (double) mixed / 3);
            default: return mixed;
        }
    }
}
