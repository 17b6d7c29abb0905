package io.tickstore.vectors.internal;

import org.agrona.UnsafeApi;

/**
 * Dot products of {@code f32} vectors read where they lie: a heap array against off-heap memory, or two rows of
 * off-heap memory. Nothing is copied or allocated, so a scan over a column costs its memory bandwidth and the
 * multiplications. Eight independent fused multiply-adds keep the CPU's FMA units busy where one running sum would
 * wait on each addition's latency: about twice as fast as four sums of separate multiplications and additions
 * (measured on the 768-float rows of the vectors benchmark), and as fast as Lucene's own loop over heap arrays.
 */
final class Cosine {
    private Cosine() {
    }

    static float dot(float[] query, long address, int dimension) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < dimension; i += 8) {
            long at = address + ((long) i << 2);
            s0 = Math.fma(query[i], UnsafeApi.getFloat(at), s0);
            s1 = Math.fma(query[i + 1], UnsafeApi.getFloat(at + 4), s1);
            s2 = Math.fma(query[i + 2], UnsafeApi.getFloat(at + 8), s2);
            s3 = Math.fma(query[i + 3], UnsafeApi.getFloat(at + 12), s3);
            s4 = Math.fma(query[i + 4], UnsafeApi.getFloat(at + 16), s4);
            s5 = Math.fma(query[i + 5], UnsafeApi.getFloat(at + 20), s5);
            s6 = Math.fma(query[i + 6], UnsafeApi.getFloat(at + 24), s6);
            s7 = Math.fma(query[i + 7], UnsafeApi.getFloat(at + 28), s7);
        }
        for (; i < dimension; i++) {
            s0 = Math.fma(query[i], UnsafeApi.getFloat(address + ((long) i << 2)), s0);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    static float dot(long a, long b, int dimension) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < dimension; i += 8) {
            long offset = (long) i << 2;
            s0 = Math.fma(UnsafeApi.getFloat(a + offset), UnsafeApi.getFloat(b + offset), s0);
            s1 = Math.fma(UnsafeApi.getFloat(a + offset + 4), UnsafeApi.getFloat(b + offset + 4), s1);
            s2 = Math.fma(UnsafeApi.getFloat(a + offset + 8), UnsafeApi.getFloat(b + offset + 8), s2);
            s3 = Math.fma(UnsafeApi.getFloat(a + offset + 12), UnsafeApi.getFloat(b + offset + 12), s3);
            s4 = Math.fma(UnsafeApi.getFloat(a + offset + 16), UnsafeApi.getFloat(b + offset + 16), s4);
            s5 = Math.fma(UnsafeApi.getFloat(a + offset + 20), UnsafeApi.getFloat(b + offset + 20), s5);
            s6 = Math.fma(UnsafeApi.getFloat(a + offset + 24), UnsafeApi.getFloat(b + offset + 24), s6);
            s7 = Math.fma(UnsafeApi.getFloat(a + offset + 28), UnsafeApi.getFloat(b + offset + 28), s7);
        }
        for (; i < dimension; i++) {
            long offset = (long) i << 2;
            s0 = Math.fma(UnsafeApi.getFloat(a + offset), UnsafeApi.getFloat(b + offset), s0);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** The Euclidean norm of a row, in double so that 768 squares lose nothing that matters. */
    static double norm(long address, int dimension) {
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            double v = UnsafeApi.getFloat(address + ((long) i << 2));
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /** The vector scaled to length 1; the caller has checked its norm is not 0. */
    static float[] unit(float[] vector) {
        double inverse = 1 / norm(vector);
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] * inverse);
        }
        return unit;
    }

    /** Lucene's similarity for cosine, {@code (1 + cos) / 2}: higher is nearer, never negative. */
    static float similarity(float cosine) {
        return Math.max((1 + cosine) / 2, 0f);
    }
}
