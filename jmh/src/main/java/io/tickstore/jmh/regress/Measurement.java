package io.tickstore.jmh.regress;

import java.util.Map;

/**
 * One benchmark's result in a run: its name with its parameters ({@code SnapshotWriteBenchmark.tickstoreSnapshot[threads=1]}),
 * its score and error bar as JMH reported them in {@code unit}, and, on the common scale every ratio is taken on
 * (nanoseconds per operation, throughputs inverted), the median of its iterations with that median's 95% notch
 * ({@link IterationStats}; JMH's score and error when there was a single iteration).
 *
 * @param name      benchmark without the {@code io.tickstore.jmh.} prefix, parameters in brackets
 * @param benchmark benchmark without the prefix and without parameters
 * @param params    the JMH parameters, in the order JMH reports them
 * @param mode      JMH's mode ({@code avgt}, {@code sample}, {@code thrpt}, {@code ss}), or {@code numpy}
 * @param score     the score as the run reported it
 * @param error     JMH's 99.9% error half-width ({@code 0} when unknown), or the numpy spread
 * @param unit      the score's unit
 * @param nanos     the median iteration's time of one operation, in nanoseconds
 * @param nanosError the median's notch half-width on the same scale
 */
public record Measurement(String name, String benchmark, Map<String, String> params, String mode, double score,
                          double error, String unit, double nanos, double nanosError) {

    /** The name a benchmark and its parameters go by in result files: {@code Class.method[k=v,k=v]}. */
    static String nameOf(String benchmark, Map<String, String> params) {
        if (params.isEmpty()) {
            return benchmark;
        }
        StringBuilder s = new StringBuilder(benchmark).append('[');
        params.forEach((k, v) -> s.append(s.charAt(s.length() - 1) == '[' ? "" : ",").append(k).append('=').append(v));
        return s.append(']').toString();
    }

    /** Relative error (error ÷ score); 0 when the score is 0 or the error unknown. */
    double relativeError() {
        return nanos == 0 || !Double.isFinite(nanosError) ? 0 : nanosError / nanos;
    }
}
