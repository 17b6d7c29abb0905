package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickstore.columns.ColumnType;
import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MappedColumn#copyTo}: the raw little-endian bytes of a range, as a .npy file holds them. */
class CopyToTest {
    @TempDir
    Path dir;

    @Test
    void copiesTheRawBytesOfARange() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.I16, 1, -2, 3, 4))) {
            ByteBuffer dst = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
            column.copyTo(1, 3, dst);
            assertEquals(6, dst.position());
            assertEquals(-2, dst.getShort(0));
            assertEquals(3, dst.getShort(2));
            assertEquals(4, dst.getShort(4));
        }
    }

    @Test
    void copiesIntoDirectBuffersAndFromSlices() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.writeDoubles(dir.resolve("a.npy"), 1, 2, 3, 4))) {
            ByteBuffer dst = ByteBuffer.allocateDirect(16).order(ByteOrder.LITTLE_ENDIAN);
            column.slice(2, 4).copyTo(0, 2, dst);
            assertEquals(3.0, dst.getDouble(0));
            assertEquals(4.0, dst.getDouble(8));
        }
    }

    @Test
    void aTooSmallBufferGetsNothing() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.writeInts(dir.resolve("a.npy"), 1, 2, 3))) {
            ByteBuffer dst = ByteBuffer.allocate(8);
            assertThrows(BufferOverflowException.class, () -> column.copyTo(0, 3, dst));
            assertEquals(0, dst.position());
        }
    }

    @Test
    void aRangeOutsideTheColumnIsRefused() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.writeInts(dir.resolve("a.npy"), 1, 2, 3))) {
            ByteBuffer dst = ByteBuffer.allocate(64);
            assertThrows(IndexOutOfBoundsException.class, () -> column.copyTo(2, 2, dst));
            assertThrows(IndexOutOfBoundsException.class, () -> column.copyTo(0, -1, dst));
            assertThrows(IndexOutOfBoundsException.class, () -> column.copyTo(1, Long.MAX_VALUE, dst));
        }
    }
}
