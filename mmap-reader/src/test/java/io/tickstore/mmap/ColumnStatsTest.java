package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ColumnValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MappedColumn#stats()}: count, min, max, sum and mean of a column or a range of it, with NaN counted and
 * left out as numpy's nanmin, nanmax and nanmean do.
 */
class ColumnStatsTest {
    @TempDir
    Path dir;

    @Test
    void integerStatsAreCountMinMaxAndMean() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.writeInts(dir.resolve("a.npy"), 3, -1, 4, 1, -5, 9))) {
            ColumnStats stats = column.stats();
            assertEquals(ColumnType.I32, stats.type());
            assertEquals(6, stats.count());
            assertEquals(0, stats.nanCount());
            assertEquals(-5, stats.min());
            assertEquals(9, stats.max());
            assertEquals(-5, stats.minBits());
            assertEquals(11, stats.sum());
            assertEquals(11.0 / 6, stats.mean());
        }
    }

    @Test
    void i64SumsAreExactWhereALongWouldOverflow() throws IOException {
        Path file = NpyFiles.write(dir.resolve("a.npy"), ColumnType.I64, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        try (MappedColumn column = MappedColumn.open(file)) {
            ColumnStats stats = column.stats();
            assertEquals(3 * 0x1p63, stats.sum());
            assertEquals(0x1p63, stats.mean());
            assertEquals(Long.MAX_VALUE, stats.maxBits());
        }
    }

    @Test
    void negativeI64ValuesSumExactly() throws IOException {
        Path file = NpyFiles.write(dir.resolve("a.npy"), ColumnType.I64, Long.MIN_VALUE, Long.MIN_VALUE, 5);
        try (MappedColumn column = MappedColumn.open(file)) {
            ColumnStats stats = column.stats();
            assertEquals(-0x1p64, stats.sum());
            assertEquals(Long.MIN_VALUE, stats.minBits());
            assertEquals(5, stats.maxBits());
        }
    }

    @Test
    void u64ValuesAreOrderedAndSummedAsUnsigned() throws IOException {
        Path file = NpyFiles.write(dir.resolve("a.npy"), ColumnType.U64, -1L, 0, 1L << 63);
        try (MappedColumn column = MappedColumn.open(file)) {
            ColumnStats stats = column.stats();
            assertEquals(0, stats.minBits());
            assertEquals("18446744073709551615", ColumnValues.toText(ColumnType.U64, stats.maxBits()));
            assertEquals(0x1p64 + 0x1p63 - 1, stats.sum());
            assertEquals((0x1p64 + 0x1p63) / 3, stats.mean());
        }
    }

    @Test
    void unsignedNarrowTypesAreNotSignExtended() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.U8, 255, 1))) {
            ColumnStats stats = column.stats();
            assertEquals(1, stats.min());
            assertEquals(255, stats.max());
            assertEquals(128, stats.mean());
        }
    }

    @Test
    void nanIsCountedAndLeftOutOfMinMaxAndMean() throws IOException {
        Path file = NpyFiles.writeDoubles(dir.resolve("a.npy"), 1, Double.NaN, 3, Double.NaN, -2);
        try (MappedColumn column = MappedColumn.open(file)) {
            ColumnStats stats = column.stats();
            assertEquals(5, stats.count());
            assertEquals(2, stats.nanCount());
            assertEquals(3, stats.valueCount());
            assertEquals(-2, stats.min());
            assertEquals(3, stats.max());
            assertEquals(2, stats.sum());
            assertEquals(2.0 / 3, stats.mean());
        }
    }

    @Test
    void f32StatsKeepTheExactFloatBitsOfTheExtremes() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.writeFloats(dir.resolve("a.npy"), 2.5f, Float.NaN, -0.1f))) {
            ColumnStats stats = column.stats();
            assertEquals(Float.floatToRawIntBits(-0.1f) & 0xFFFF_FFFFL, stats.minBits());
            assertEquals((double) -0.1f, stats.min());
            assertEquals(2.5, stats.max());
            assertEquals(1, stats.nanCount());
            assertEquals((2.5 + (double) -0.1f) / 2, stats.mean());
        }
    }

    @Test
    void onlyNanLeavesNoMinMaxOrMean() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.writeFloats(dir.resolve("a.npy"), Float.NaN, Float.NaN))) {
            ColumnStats stats = column.stats();
            assertEquals(2, stats.count());
            assertEquals(2, stats.nanCount());
            assertEquals(0, stats.valueCount());
            assertTrue(Double.isNaN(stats.min()));
            assertTrue(Double.isNaN(stats.max()));
            assertTrue(Double.isNaN(stats.mean()));
            assertEquals(0, stats.sum());
            assertThrows(NoSuchElementException.class, stats::minBits);
            assertThrows(NoSuchElementException.class, stats::maxBits);
        }
    }

    @Test
    void anEmptyColumnHasCountZeroAndNoMean() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.I16))) {
            assertEquals(0, column.length());
            ColumnStats stats = column.stats();
            assertEquals(0, stats.count());
            assertTrue(Double.isNaN(stats.mean()));
            assertTrue(Double.isNaN(stats.min()));
            assertEquals(0, stats.sum());
            assertTrue(stats.toString().contains("min=none"), stats.toString());
        }
    }

    @Test
    void infinitiesAreValues() throws IOException {
        try (MappedColumn both = MappedColumn.open(NpyFiles.writeDoubles(dir.resolve("a.npy"),
                Double.NEGATIVE_INFINITY, 1, Double.POSITIVE_INFINITY));
             MappedColumn up = MappedColumn.open(NpyFiles.writeDoubles(dir.resolve("b.npy"), 1, Double.POSITIVE_INFINITY))) {
            assertEquals(Double.NEGATIVE_INFINITY, both.stats().min());
            assertEquals(Double.POSITIVE_INFINITY, both.stats().max());
            assertTrue(Double.isNaN(both.stats().mean()), "inf - inf has no mean, as in numpy");
            assertEquals(Double.POSITIVE_INFINITY, up.stats().mean());
        }
    }

    @Test
    void boolMeanIsTheFractionTrue() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.write(dir.resolve("a.npy"), ColumnType.BOOL, 1, 0, 1, 1))) {
            ColumnStats stats = column.stats();
            assertEquals(0.75, stats.mean());
            assertEquals("false", ColumnValues.toText(ColumnType.BOOL, stats.minBits()));
            assertEquals("true", ColumnValues.toText(ColumnType.BOOL, stats.maxBits()));
        }
    }

    @Test
    void floatSumsAreCompensatedSoAMillionTenthsAverageToATenth() throws IOException {
        double[] tenths = new double[1_000_000];
        Arrays.fill(tenths, 0.1);
        try (MappedColumn column = MappedColumn.open(NpyFiles.writeDoubles(dir.resolve("a.npy"), tenths))) {
            double relativeError = Math.abs(column.stats().mean() - 0.1) / 0.1;
            // a plain running sum is off by 1.3e-11 here
            assertTrue(relativeError < 1e-14, "relative error " + relativeError);
        }
    }

    @Test
    void statsOfARangeCoverOnlyThatRange() throws IOException {
        try (MappedColumn column = MappedColumn.open(NpyFiles.writeInts(dir.resolve("a.npy"), 100, 1, 2, 3, -100))) {
            ColumnStats middle = column.stats(1, 4);
            assertEquals(3, middle.count());
            assertEquals(1, middle.min());
            assertEquals(3, middle.max());
            assertEquals(2, middle.mean());
            assertEquals(0, column.stats(2, 2).count());
        }
    }

    @Test
    void statsOfARangeOutsideTheColumnAreRefused() throws IOException {
        Path file = NpyFiles.writeInts(dir.resolve("a.npy"), 1, 2, 3);
        try (MappedColumn column = MappedColumn.open(file)) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> column.stats(0, 4));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> column.stats(-1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> column.stats(2, 1));
        }
    }

    @Test
    void statsPrintAsOneLine() throws IOException {
        Path file = NpyFiles.writeDoubles(dir.resolve("a.npy"), 1.5, Double.NaN, -2);
        try (MappedColumn column = MappedColumn.open(file)) {
            assertEquals("ColumnStats[f64, count=3, nan=1, min=-2.0, max=1.5, mean=-0.25]", column.stats().toString());
        }
    }

    @Test
    void equalRangesGiveEqualStats() throws IOException {
        try (MappedColumn a = MappedColumn.open(NpyFiles.writeInts(dir.resolve("a.npy"), 5, 6, 7));
             MappedColumn b = MappedColumn.open(NpyFiles.writeInts(dir.resolve("b.npy"), 0, 5, 6, 7))) {
            assertEquals(a.stats(), b.stats(1, 4));
            assertEquals(a.stats().hashCode(), b.stats(1, 4).hashCode());
        }
    }
}
