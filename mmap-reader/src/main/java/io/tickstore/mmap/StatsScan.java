package io.tickstore.mmap;

import io.tickstore.columns.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.agrona.UnsafeApi;

/**
 * One pass of {@link ColumnStats} over raw mapped addresses. The range has been checked once by the caller;
 * the loops read memory directly, one loop per column type, so nothing is checked, boxed or dispatched per
 * element. A chunk holds at most 2^30 bytes, so a loop over one chunk counts with an {@code int}.
 */
final class StatsScan {
    /** Float values summed plainly before a compensated add; bounds the rounding error (see ColumnStats). */
    static final int FLOAT_BLOCK = 128;

    private final ColumnType type;
    private long count;
    private long nanCount;
    /** Integer extremes; u64 keeps them with the sign bit flipped so a signed comparison orders them. */
    private long intMin = Long.MAX_VALUE;
    private long intMax = Long.MIN_VALUE;
    /** The exact integer sum as a 128-bit two's complement number. */
    private long sumHigh;
    private long sumLow;
    private double floatMin = Double.POSITIVE_INFINITY;
    private double floatMax = Double.NEGATIVE_INFINITY;
    /** Neumaier's running sum and the low-order bits it lost. */
    private double floatSum;
    private double floatCompensation;

    private StatsScan(ColumnType type) {
        this.type = type;
    }

    /**
     * Statistics of data bytes {@code [fromByte, toByte)} of a mapping; both are multiples of the element width
     * and inside the data.
     */
    static ColumnStats scan(ColumnMapping mapping, ColumnType type, long fromByte, long toByte) {
        StatsScan scan = new StatsScan(type);
        int shift = type.log2Width();
        long at = fromByte;
        while (at < toByte) {
            long bytes = Math.min(toByte - at, mapping.bytesLeftInChunk(at));
            scan.add(mapping.address(at), (int) (bytes >>> shift), at >>> shift);
            at += bytes;
        }
        return scan.result();
    }

    /** Adds {@code n} elements at {@code address}, the first of which is element {@code firstElement} of the data. */
    private void add(long address, int n, long firstElement) {
        switch (type) {
            case I8: i8(address, n); break;
            case U8: u8(address, n); break;
            case BOOL: bool(address, n); break;
            case I16: i16(address, n); break;
            case U16: u16(address, n); break;
            case I32: i32(address, n); break;
            case U32: u32(address, n); break;
            case I64: i64(address, n); break;
            case U64: u64(address, n); break;
            case F32: f32(address, n, firstElement); break;
            case F64: f64(address, n, firstElement); break;
            default: throw new AssertionError(type);
        }
        count += n;
    }

    // Narrow integers: n <= 2^30 values of magnitude < 2^32 sum to less than 2^62, so a long cannot overflow
    // within one chunk; the chunk's sum then joins the 128-bit total.

    private void i8(long address, int n) {
        long min = intMin;
        long max = intMax;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long v = UnsafeApi.getByte(address + i);
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        finishNarrow(min, max, sum);
    }

    private void u8(long address, int n) {
        long min = intMin;
        long max = intMax;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long v = UnsafeApi.getByte(address + i) & 0xFFL;
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        finishNarrow(min, max, sum);
    }

    /** Any non-zero byte is true, as {@link MappedColumn#getBoolean} reads it. */
    private void bool(long address, int n) {
        long min = intMin;
        long max = intMax;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long v = UnsafeApi.getByte(address + i) != 0 ? 1L : 0L;
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        finishNarrow(min, max, sum);
    }

    private void i16(long address, int n) {
        long min = intMin;
        long max = intMax;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long v = UnsafeApi.getShort(address + ((long) i << 1));
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        finishNarrow(min, max, sum);
    }

    private void u16(long address, int n) {
        long min = intMin;
        long max = intMax;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long v = UnsafeApi.getShort(address + ((long) i << 1)) & 0xFFFFL;
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        finishNarrow(min, max, sum);
    }

    private void i32(long address, int n) {
        long min = intMin;
        long max = intMax;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long v = UnsafeApi.getInt(address + ((long) i << 2));
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        finishNarrow(min, max, sum);
    }

    private void u32(long address, int n) {
        long min = intMin;
        long max = intMax;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long v = UnsafeApi.getInt(address + ((long) i << 2)) & 0xFFFF_FFFFL;
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        finishNarrow(min, max, sum);
    }

    private void finishNarrow(long min, long max, long sum) {
        intMin = min;
        intMax = max;
        long low = sumLow + sum;
        sumHigh += (sum >> 63) + carry(sumLow, sum, low);
        sumLow = low;
    }

    // 64-bit integers: every value goes into the 128-bit sum at once.

    private void i64(long address, int n) {
        long min = intMin;
        long max = intMax;
        long high = sumHigh;
        long low = sumLow;
        for (int i = 0; i < n; i++) {
            long v = UnsafeApi.getLong(address + ((long) i << 3));
            min = Math.min(min, v);
            max = Math.max(max, v);
            long next = low + v;
            high += (v >> 63) + carry(low, v, next);
            low = next;
        }
        intMin = min;
        intMax = max;
        sumHigh = high;
        sumLow = low;
    }

    private void u64(long address, int n) {
        long min = intMin;
        long max = intMax;
        long high = sumHigh;
        long low = sumLow;
        for (int i = 0; i < n; i++) {
            long v = UnsafeApi.getLong(address + ((long) i << 3));
            long ordered = v ^ Long.MIN_VALUE;
            min = Math.min(min, ordered);
            max = Math.max(max, ordered);
            long next = low + v;
            high += carry(low, v, next);
            low = next;
        }
        intMin = min;
        intMax = max;
        sumHigh = high;
        sumLow = low;
    }

    /** The carry out of the unsigned addition {@code a + b = sum}, as 0 or 1, without a branch. */
    private static long carry(long a, long b, long sum) {
        return ((a & b) | ((a | b) & ~sum)) >>> 63;
    }

    // Floats: NaN is counted and skipped (numpy's nan* functions); the rest is summed in blocks.

    private void f32(long address, int n, long firstElement) {
        double min = floatMin;
        double max = floatMax;
        long nans = 0;
        for (int start = 0, end; start < n; start = end) {
            end = blockEnd(start, n, firstElement);
            double block = 0;
            for (int i = start; i < end; i++) {
                double v = UnsafeApi.getFloat(address + ((long) i << 2));
                if (v != v) {
                    nans++;
                } else {
                    if (v < min) {
                        min = v;
                    }
                    if (v > max) {
                        max = v;
                    }
                    block += v;
                }
            }
            addCompensated(block);
        }
        finishFloat(min, max, nans);
    }

    private void f64(long address, int n, long firstElement) {
        double min = floatMin;
        double max = floatMax;
        long nans = 0;
        for (int start = 0, end; start < n; start = end) {
            end = blockEnd(start, n, firstElement);
            double block = 0;
            for (int i = start; i < end; i++) {
                double v = UnsafeApi.getDouble(address + ((long) i << 3));
                if (v != v) {
                    nans++;
                } else {
                    if (v < min) {
                        min = v;
                    }
                    if (v > max) {
                        max = v;
                    }
                    block += v;
                }
            }
            addCompensated(block);
        }
        finishFloat(min, max, nans);
    }

    /**
     * Blocks start at multiples of {@value #FLOAT_BLOCK} elements of the data, not of the range or the chunk, so
     * the same elements give the same sum however they are sliced or chunked (a chunk holds whole blocks).
     */
    private static int blockEnd(int start, int n, long firstElement) {
        long toBoundary = FLOAT_BLOCK - ((firstElement + start) & (FLOAT_BLOCK - 1));
        return (int) Math.min(n, start + toBoundary);
    }

    private void finishFloat(double min, double max, long nans) {
        floatMin = min;
        floatMax = max;
        nanCount += nans;
    }

    /** Neumaier's variant of Kahan summation: keeps what each addition rounds away, whichever term is larger. */
    private void addCompensated(double x) {
        double t = floatSum + x;
        if (Math.abs(floatSum) >= Math.abs(x)) {
            floatCompensation += (floatSum - t) + x;
        } else {
            floatCompensation += (x - t) + floatSum;
        }
        floatSum = t;
    }

    private ColumnStats result() {
        long values = count - nanCount;
        if (type.isFloat()) {
            // Once the running sum is infinite or NaN the compensation is meaningless (inf - inf).
            double sum = Double.isFinite(floatSum) ? floatSum + floatCompensation : floatSum;
            long minBits = type == ColumnType.F32
                    ? Float.floatToRawIntBits((float) floatMin) & 0xFFFF_FFFFL
                    : Double.doubleToRawLongBits(floatMin);
            long maxBits = type == ColumnType.F32
                    ? Float.floatToRawIntBits((float) floatMax) & 0xFFFF_FFFFL
                    : Double.doubleToRawLongBits(floatMax);
            return new ColumnStats(type, count, nanCount, minBits, maxBits, values == 0 ? 0.0 : sum,
                    values == 0 ? Double.NaN : sum / values);
        }
        BigInteger exactSum = BigInteger.valueOf(sumHigh).shiftLeft(64)
                .add(BigInteger.valueOf(sumLow >>> 1).shiftLeft(1))
                .add(BigInteger.valueOf(sumLow & 1));
        double mean = values == 0 ? Double.NaN
                : new BigDecimal(exactSum).divide(BigDecimal.valueOf(values), MathContext.DECIMAL128).doubleValue();
        long minBits = type == ColumnType.U64 ? intMin ^ Long.MIN_VALUE : intMin;
        long maxBits = type == ColumnType.U64 ? intMax ^ Long.MIN_VALUE : intMax;
        return new ColumnStats(type, count, 0, minBits, maxBits, exactSum.doubleValue(), mean);
    }
}
