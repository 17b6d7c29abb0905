package io.tickstore.vectors.internal;

import org.agrona.UnsafeApi;

/**
 * One query's dot product with rows of the exact scan, which gives up on a row once the row provably cannot enter
 * the k nearest found so far, and otherwise returns exactly what {@link Cosine#dot(float[], long, int)} returns.
 *
 * <p><b>Summation order</b>, the same as {@link Cosine#dot(float[], long, int)}'s, so a row compared to the end has
 * the same value to the last bit whatever was compared before it, on whichever thread: element {@code i} is added by a
 * fused multiply-add to accumulator {@code i mod 8}, in increasing {@code i}; the elements after the last multiple of
 * eight go to accumulator 0; the result is {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))}. The eight
 * accumulators are independent, so the additions overlap instead of each waiting for the one before.
 *
 * <p><b>Giving up.</b> At three checkpoints (after an eighth, a quarter and half of the elements, rounded down to a
 * multiple of eight) the rest of the dot product is at most {@code |unit tail| * |row tail|} (Cauchy-Schwarz), so the
 * row's cosine is at most {@code partial / |row| + |unit tail| * |row tail| / |row|}. The row's tail shares
 * ({@code |row tail| / |row|}, {@link #tailShares}) are kept beside its inverse norm. When that bound is below
 * {@code floor}, the cosine a row needs to enter, the rest of the row is not read. Rows far from the query (most of
 * them, in clustered data) are given up after an eighth or a quarter of their floats; rows whose cosines are all
 * alike (uniform random vectors) are rarely given up, and cost one comparison per checkpoint more.
 *
 * <p>The scan is limited by memory bandwidth, not by these multiplications, so the first eighth of each row is read
 * from a copy of the rows' first eighths kept one after another (see {@code VectorIndex}): read from the table, the
 * processor's prefetcher would bring in the rest of a row given up anyway.
 *
 * <p>The bound is taken with {@link #slack} to spare, more than the rounding of a float dot product can move a
 * cosine, so no row that the full comparison would admit is ever given up: the scan's answer is the one comparing
 * every float would give, ties included.
 */
final class AbandoningDot {
    /** Checkpoints a row has, and tail shares a row keeps. */
    static final int CHECKPOINTS = 3;
    /** What {@link #dot} returns for a row given up: its distance is then {@code +Infinity}, which a full heap never admits. */
    static final float GIVEN_UP = Float.NEGATIVE_INFINITY;

    private final float[] unit;
    private final int dimension;
    private final int[] marks;
    private final float[] unitTails = new float[CHECKPOINTS];

    /** For the query {@code unit}, a unit vector. */
    AbandoningDot(float[] unit) {
        this.unit = unit;
        this.dimension = unit.length;
        this.marks = marks(dimension);
        for (int c = 0; c < CHECKPOINTS; c++) {
            double tail = 0;
            for (int i = marks[c]; i < dimension; i++) {
                tail += (double) unit[i] * unit[i];
            }
            unitTails[c] = Math.nextUp((float) Math.sqrt(tail));
        }
    }

    /** Elements compared before each checkpoint: an eighth, a quarter and half of them, each a multiple of eight. */
    static int[] marks(int dimension) {
        return new int[] {(dimension >> 3) & ~7, (dimension >> 2) & ~7, (dimension >> 1) & ~7};
    }

    /**
     * How far below the cosine a row needs its bound must be for the row to be given up: 0.001, more than the
     * rounding of 8 float sums of {@code dimension / 8} products each can move a cosine (about {@code dimension} times
     * 7.5e-9), plus a share that grows with the dimension for very long rows.
     */
    static float slack(int dimension) {
        return 1e-3f + 1e-7f * dimension;
    }

    /**
     * Writes the row's tail shares, {@code |row[mark..]| / |row|} at each checkpoint, rounded up, to
     * {@code shares[at..at + CHECKPOINTS)}.
     */
    static void tailShares(long address, int dimension, float[] shares, int at) {
        int[] marks = marks(dimension);
        double[] tails = new double[CHECKPOINTS];
        double total = 0;
        for (int i = dimension - 1; i >= 0; i--) {
            double v = UnsafeApi.getFloat(address + ((long) i << 2));
            total += v * v;
            for (int c = 0; c < CHECKPOINTS; c++) {
                if (i == marks[c]) {
                    tails[c] = total;
                }
            }
        }
        for (int c = 0; c < CHECKPOINTS; c++) {
            double tail = marks[c] < dimension ? tails[c] : 0;
            shares[at + c] = total == 0 ? 1 : Math.nextUp((float) Math.sqrt(tail / total));
        }
    }

    /** Floats of each row kept in the heads copy: those before the first checkpoint. */
    static int headLength(int dimension) {
        return marks(dimension)[0];
    }

    /**
     * The dot product of the query with a row, or {@link #GIVEN_UP} when the row's cosine is proven below
     * {@code floor} ({@code -Infinity}: never give up). The row's first {@link #headLength} floats are read from
     * {@code heads[headAt..]}, a copy of them, and the rest from {@code address}, the row in the table; the values
     * and their order are those of the row, so the result is too. {@code inverseNorm} is the row's, its tail shares
     * are {@code shares[at..at + CHECKPOINTS)}.
     */
    float dot(float[] heads, int headAt, long address, float inverseNorm, float[] shares, int at, float floor) {
        float[] q = unit;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        int head = marks[0];
        for (; i < head; i += 8) {
            int h = headAt + i;
            s0 = Math.fma(q[i], heads[h], s0);
            s1 = Math.fma(q[i + 1], heads[h + 1], s1);
            s2 = Math.fma(q[i + 2], heads[h + 2], s2);
            s3 = Math.fma(q[i + 3], heads[h + 3], s3);
            s4 = Math.fma(q[i + 4], heads[h + 4], s4);
            s5 = Math.fma(q[i + 5], heads[h + 5], s5);
            s6 = Math.fma(q[i + 6], heads[h + 6], s6);
            s7 = Math.fma(q[i + 7], heads[h + 7], s7);
        }
        int body = dimension & ~7;
        for (int c = 0; c <= CHECKPOINTS; c++) {
            int end = c < CHECKPOINTS ? marks[c] : body;
            for (; i < end; i += 8) {
                long p = address + ((long) i << 2);
                s0 = Math.fma(q[i], UnsafeApi.getFloat(p), s0);
                s1 = Math.fma(q[i + 1], UnsafeApi.getFloat(p + 4), s1);
                s2 = Math.fma(q[i + 2], UnsafeApi.getFloat(p + 8), s2);
                s3 = Math.fma(q[i + 3], UnsafeApi.getFloat(p + 12), s3);
                s4 = Math.fma(q[i + 4], UnsafeApi.getFloat(p + 16), s4);
                s5 = Math.fma(q[i + 5], UnsafeApi.getFloat(p + 20), s5);
                s6 = Math.fma(q[i + 6], UnsafeApi.getFloat(p + 24), s6);
                s7 = Math.fma(q[i + 7], UnsafeApi.getFloat(p + 28), s7);
            }
            if (c < CHECKPOINTS) {
                float partial = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
                if (partial * inverseNorm + unitTails[c] * shares[at + c] < floor) {
                    return GIVEN_UP;
                }
            }
        }
        for (; i < dimension; i++) {
            s0 = Math.fma(q[i], UnsafeApi.getFloat(address + ((long) i << 2)), s0);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
