package io.tickstore.jmh.regress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The median of a benchmark's iteration scores and a robust error bar for it: {@code 1.57 × IQR ÷ √n}, the notch
 * of a notched box plot (McGill, Tukey and Larsen, 1978), a 95% interval for the median. On a shared machine one
 * iteration in five can take twice as long; JMH's mean and its Student-t error bar then move with that one
 * iteration, the median and the quartiles do not.
 *
 * @param median the median of the iteration scores
 * @param error  the notch half-width
 * @param count  the number of iterations
 */
record IterationStats(double median, double error, int count) {
    static final double NOTCH = 1.57;

    /** The statistics of one JMH result entry's iterations (all forks), or null when there are fewer than two. */
    static IterationStats of(JsonNode metric) {
        double[] values = iterationScores(metric);
        if (values.length < 2) {
            return null;
        }
        return of(values);
    }

    static IterationStats of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        return new IterationStats(quantile(sorted, 0.5), NOTCH * iqr / Math.sqrt(sorted.length), sorted.length);
    }

    /**
     * One score per measurement iteration: {@code rawData} for the modes that have it, and for SampleTime the
     * median of each iteration's histogram ({@code rawDataHistogram}).
     */
    private static double[] iterationScores(JsonNode metric) {
        List<Double> scores = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode iteration : fork) {
                scores.add(iteration.asDouble());
            }
        }
        for (JsonNode fork : metric.path("rawDataHistogram")) {
            for (JsonNode iteration : fork) {
                scores.add(histogramMedian(iteration));
            }
        }
        return scores.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The median of an iteration's {@code [value, count]} pairs. */
    private static double histogramMedian(JsonNode pairs) {
        long total = 0;
        List<double[]> bins = new ArrayList<>();
        for (JsonNode pair : pairs) {
            bins.add(new double[] {pair.get(0).asDouble(), pair.get(1).asDouble()});
            total += pair.get(1).asLong();
        }
        bins.sort((a, b) -> Double.compare(a[0], b[0]));
        long seen = 0;
        for (double[] bin : bins) {
            seen += (long) bin[1];
            if (seen * 2 >= total) {
                return bin[0];
            }
        }
        return Double.NaN;
    }

    /** Linear interpolation between the closest ranks, as numpy's default percentile. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
