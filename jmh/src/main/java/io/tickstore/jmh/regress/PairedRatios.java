package io.tickstore.jmh.regress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ratios of benchmarks whose iterations alternate between Tickstore (even iterations) and its floor (odd ones), as
 * {@code PairedFloorBenchmark} does: each odd iteration is paired with the even one before it, and the ratio is the
 * median over the pairs of Tickstore's time ÷ the floor's, its error bar the notch of those pair ratios
 * ({@link IterationStats}). Load that changes over seconds or minutes falls on both sides of a pair alike, which a
 * ratio of two benchmarks measured minutes apart cannot promise.
 */
final class PairedRatios {
    /** Benchmarks (without the package prefix) that alternate Tickstore and floor, and what the floor is. */
    static final Map<String, String> PAIRED = Map.of("PairedFloorBenchmark.operation", "FileChannel floor, alternate iterations");

    private PairedRatios() {
    }

    static List<Ratio> from(JsonNode jmh) {
        List<Ratio> out = new ArrayList<>();
        for (JsonNode entry : jmh) {
            String benchmark = entry.path("benchmark").asText("");
            String shortName = benchmark.startsWith(JmhResults.PREFIX) ? benchmark.substring(JmhResults.PREFIX.length()) : benchmark;
            String floor = PAIRED.get(shortName);
            if (floor == null) {
                continue;
            }
            List<Double> pairs = new ArrayList<>();
            for (JsonNode fork : entry.path("primaryMetric").path("rawData")) {
                for (int i = 0; i + 1 < fork.size(); i += 2) {
                    double floorTime = fork.get(i + 1).asDouble();
                    if (floorTime > 0) {
                        pairs.add(fork.get(i).asDouble() / floorTime);
                    }
                }
            }
            if (pairs.size() < 2) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                params.put(p.getKey(), p.getValue().asText());
            }
            String ours = Measurement.nameOf(shortName, params);
            IterationStats stats = IterationStats.of(pairs.stream().mapToDouble(Double::doubleValue).toArray());
            out.add(new Ratio(ours + " ÷ " + floor, ours, floor, stats.median(), stats.error()));
        }
        return out;
    }
}
