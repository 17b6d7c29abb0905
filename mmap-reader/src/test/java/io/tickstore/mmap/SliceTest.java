package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MappedColumn#slice}: a zero-copy view of a range, indexed from 0, sharing the column's mapping. */
class SliceTest {
    @TempDir
    Path dir;

    private Path tens() {
        return NpyFiles.writeInts(dir.resolve("tens.npy"), 0, 10, 20, 30, 40, 50, 60, 70);
    }

    @Test
    void aSliceIsIndexedFromItsStart() throws IOException {
        try (MappedColumn column = MappedColumn.open(tens())) {
            MappedColumn slice = column.slice(2, 5);
            assertEquals(3, slice.length());
            assertEquals(20, slice.getInt(0));
            assertEquals(40, slice.getInt(2));
            assertEquals(40.0, slice.getAsDouble(2));
            assertEquals(column.type(), slice.type());
            assertEquals(column.file(), slice.file());
        }
    }

    @Test
    void aSliceEndsAtItsOwnLength() throws IOException {
        try (MappedColumn column = MappedColumn.open(tens())) {
            MappedColumn slice = column.slice(2, 5);
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> slice.getInt(3));
            assertTrue(e.getMessage().contains("slice [2, 5)"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> slice.getInt(-1));
        }
    }

    @Test
    void aSliceOfASliceAddsTheOffsets() throws IOException {
        try (MappedColumn column = MappedColumn.open(tens())) {
            MappedColumn inner = column.slice(1, 7).slice(2, 4);
            assertEquals(2, inner.length());
            assertEquals(30, inner.getInt(0));
            assertEquals(40, inner.getInt(1));
        }
    }

    @Test
    void sliceStatsAreTheStatsOfThatRange() throws IOException {
        try (MappedColumn column = MappedColumn.open(tens())) {
            assertEquals(column.stats(3, 6), column.slice(3, 6).stats());
            assertEquals(40, column.slice(3, 6).stats().mean());
            assertEquals(column.stats(4, 5), column.slice(3, 6).stats(1, 2));
        }
    }

    @Test
    void slicesMustLieInsideTheColumn() throws IOException {
        try (MappedColumn column = MappedColumn.open(tens())) {
            assertThrows(IndexOutOfBoundsException.class, () -> column.slice(-1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> column.slice(5, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> column.slice(0, 9));
            assertThrows(IndexOutOfBoundsException.class, () -> column.slice(2, 5).slice(0, 4));
            assertEquals(0, column.slice(8, 8).length());
        }
    }

    @Test
    void closingTheColumnEndsItsSlices() throws IOException {
        MappedColumn column = MappedColumn.open(tens());
        MappedColumn slice = column.slice(1, 3);
        column.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> slice.getInt(0));
        assertTrue(e.getMessage().contains("was closed"), e.getMessage());
        assertTrue(slice.isClosed());
        assertThrows(IllegalStateException.class, slice::stats);
    }

    @Test
    void closingASliceLeavesTheColumnOpen() throws IOException {
        try (MappedColumn column = MappedColumn.open(tens())) {
            MappedColumn slice = column.slice(1, 3);
            slice.close();
            assertThrows(IllegalStateException.class, () -> slice.getInt(0));
            assertEquals(10, column.getInt(1));
            assertEquals(10, column.slice(1, 3).getInt(0));
        }
    }
}
