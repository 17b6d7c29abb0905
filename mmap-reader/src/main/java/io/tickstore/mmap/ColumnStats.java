package io.tickstore.mmap;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ColumnValues;
import java.util.NoSuchElementException;

/**
 * Summary statistics of a range of one column: what {@link MappedColumn#stats()} returns. Immutable.
 *
 * <h2>NaN</h2>
 * NaN values of f32 and f64 columns are counted in {@link #count()} and {@link #nanCount()} and left out of
 * min, max, sum and mean, as numpy's {@code nanmin}, {@code nanmax}, {@code nansum} and {@code nanmean} do.
 * Infinities are values like any other. When no value is left ({@link #valueCount()} is 0: an empty range,
 * or only NaNs) min, max and mean are NaN and the sum is 0.
 *
 * <h2>Precision</h2>
 * Integer columns (and bool, as 0 and 1) are summed exactly in 128 bits whatever the count, even for u64 above
 * 2^63: {@link #sum()} is that exact sum rounded to a double, and {@link #mean()} the exact sum divided by the
 * count to 34 digits, then rounded to a double. Float columns are summed in double: plain sums over blocks of
 * {@value StatsScan#FLOAT_BLOCK} values, combined by Kahan-Babuška (Neumaier) compensated summation, which
 * bounds the error of the sum by about {@value StatsScan#FLOAT_BLOCK} ulps of the sum of magnitudes whatever
 * the count (comparable to numpy's pairwise summation, and far better than a running sum over millions of
 * values). f32 values are widened to double first. Blocks are aligned to the data, so the same elements give
 * the same statistics however the column is sliced or chunked.
 *
 * <p>{@link #min()} and {@link #max()} are doubles, which round i64 and u64 values beyond 2^53; {@link #minBits()}
 * and {@link #maxBits()} are exact, in the raw form {@link ColumnValues} converts.
 */
public final class ColumnStats {
    private final ColumnType type;
    private final long count;
    private final long nanCount;
    private final long minBits;
    private final long maxBits;
    private final double sum;
    private final double mean;

    ColumnStats(ColumnType type, long count, long nanCount, long minBits, long maxBits, double sum, double mean) {
        this.type = type;
        this.count = count;
        this.nanCount = nanCount;
        this.minBits = minBits;
        this.maxBits = maxBits;
        this.sum = sum;
        this.mean = mean;
    }

    /** The type of the column the statistics describe. */
    public ColumnType type() {
        return type;
    }

    /** Elements in the range, NaNs included. */
    public long count() {
        return count;
    }

    /** NaN elements in the range; always 0 for integer and bool columns. */
    public long nanCount() {
        return nanCount;
    }

    /** Elements that min, max, sum and mean describe: {@code count() - nanCount()}. */
    public long valueCount() {
        return count - nanCount;
    }

    /** The smallest value as a double, or NaN when {@link #valueCount()} is 0. */
    public double min() {
        return valueCount() == 0 ? Double.NaN : ColumnValues.toDouble(type, minBits);
    }

    /** The largest value as a double, or NaN when {@link #valueCount()} is 0. */
    public double max() {
        return valueCount() == 0 ? Double.NaN : ColumnValues.toDouble(type, maxBits);
    }

    /**
     * The smallest value exactly, as raw bits ({@link ColumnValues#toText} prints them).
     *
     * @throws NoSuchElementException when {@link #valueCount()} is 0
     */
    public long minBits() {
        requireValues("min");
        return minBits;
    }

    /**
     * The largest value exactly, as raw bits ({@link ColumnValues#toText} prints them).
     *
     * @throws NoSuchElementException when {@link #valueCount()} is 0
     */
    public long maxBits() {
        requireValues("max");
        return maxBits;
    }

    /** The sum of the values (exact then rounded for integers, compensated for floats); 0 when there are none. */
    public double sum() {
        return sum;
    }

    /** The mean of the values, or NaN when {@link #valueCount()} is 0. */
    public double mean() {
        return mean;
    }

    private void requireValues(String what) {
        if (valueCount() == 0) {
            throw new NoSuchElementException("no " + what + ": the range holds " + count + " " + type + " elements, "
                    + nanCount + " of them NaN");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ColumnStats)) {
            return false;
        }
        ColumnStats s = (ColumnStats) o;
        boolean hasValues = valueCount() != 0;
        return s.type == type && s.count == count && s.nanCount == nanCount
                && (!hasValues || s.minBits == minBits && s.maxBits == maxBits)
                && Double.compare(s.sum, sum) == 0 && Double.compare(s.mean, mean) == 0;
    }

    @Override
    public int hashCode() {
        int h = type.hashCode();
        h = h * 31 + Long.hashCode(count);
        h = h * 31 + Long.hashCode(nanCount);
        if (valueCount() != 0) {
            h = h * 31 + Long.hashCode(minBits);
            h = h * 31 + Long.hashCode(maxBits);
        }
        h = h * 31 + Double.hashCode(sum);
        return h * 31 + Double.hashCode(mean);
    }

    @Override
    public String toString() {
        boolean hasValues = valueCount() != 0;
        return "ColumnStats[" + type + ", count=" + count + (type.isFloat() ? ", nan=" + nanCount : "")
                + ", min=" + (hasValues ? ColumnValues.toText(type, minBits) : "none")
                + ", max=" + (hasValues ? ColumnValues.toText(type, maxBits) : "none")
                + ", mean=" + mean + "]";
    }
}
