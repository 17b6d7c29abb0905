package io.tickstore.jmh.regress;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurements of a JMH result file ({@code -rf json}) and of the numpy peer's ({@code numpy_peer.py --json}),
 * every score also put on one scale, nanoseconds per operation, so that any two can be divided.
 */
final class JmhResults {
    static final String PREFIX = "io.tickstore.jmh.";
    static final String NUMPY = "numpy:";

    private JmhResults() {
    }

    /** The JDK the forked benchmark JVMs ran on, as the JMH file reports it; {@code unknown} for an empty run. */
    static String jdk(JsonNode jmh) {
        for (JsonNode entry : jmh) {
            return entry.path("vmName").asText("?") + " " + entry.path("jdkVersion").asText("?")
                    + " (" + entry.path("vmVersion").asText("?") + ")";
        }
        return "unknown";
    }

    static JsonNode readJson(Path file, String what) {
        try {
            return RunResults.json().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new TickstoreException(Problem.MISSING_FILE, file + ": no such " + what);
        } catch (IOException e) {
            throw new TickstoreException(Problem.BAD_HEADER, file + ": not a readable " + what + ": " + e.getMessage(), e);
        }
    }

    static List<Measurement> fromJmh(JsonNode jmh, Path file) {
        if (!jmh.isArray()) {
            throw new TickstoreException(Problem.BAD_HEADER, file + ": a JMH result file is a JSON array (written with -rf json)");
        }
        List<Measurement> out = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : jmh) {
            String benchmark = entry.path("benchmark").asText("");
            JsonNode metric = entry.path("primaryMetric");
            if (benchmark.isEmpty() || !metric.has("score")) {
                throw new TickstoreException(Problem.BAD_HEADER, file + ": entry " + index
                        + " has no \"benchmark\" or no \"primaryMetric.score\"");
            }
            String shortName = benchmark.startsWith(PREFIX) ? benchmark.substring(PREFIX.length()) : benchmark;
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                params.put(p.getKey(), p.getValue().asText());
            }
            double score = metric.path("score").asDouble(Double.NaN);
            double error = metric.path("scoreError").asDouble(Double.NaN);
            if (!Double.isFinite(error)) {
                error = 0; // one iteration: JMH knows no error bar, and none is assumed
            }
            String unit = metric.path("scoreUnit").asText("");
            out.add(measurement(shortName, params, entry.path("mode").asText(""), score, error, unit, IterationStats.of(metric)));
            index++;
        }
        return out;
    }

    static List<Measurement> fromNumpy(JsonNode numpy, Path file) {
        JsonNode results = numpy.path("results");
        if (!results.isObject()) {
            throw new TickstoreException(Problem.BAD_HEADER, file + ": a numpy peer file has a \"results\" object (numpy_peer.py --json)");
        }
        List<Measurement> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = results.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            double median = r.getValue().path("median").asDouble(Double.NaN);
            // numpy's figures are medians of repeats; the distance to the 90th percentile stands for the error bar.
            double spread = Math.max(0, r.getValue().path("p90").asDouble(median) - median);
            String unit = r.getValue().path("unit").asText("") + "/op";
            out.add(measurement(NUMPY + r.getKey(), Map.of(), "numpy", median, spread, unit,
                    new IterationStats(median, spread, r.getValue().path("repeats").asInt(0))));
        }
        return out;
    }

    /**
     * A measurement whose common-scale figures are the median of its iterations and that median's notch when
     * {@code stats} is given, else JMH's own score and error.
     */
    static Measurement measurement(String benchmark, Map<String, String> params, String mode, double score, double error,
                                   String unit, IterationStats stats) {
        double typical = stats == null ? score : stats.median();
        double spread = stats == null ? error : stats.error();
        double nanos;
        double nanosError;
        double perOp = nanosPerOp(unit);
        double perSecond = opsPerNanos(unit);
        if (!Double.isNaN(perOp)) {
            nanos = typical * perOp;
            nanosError = spread * perOp;
        } else if (!Double.isNaN(perSecond) && typical > 0) {
            nanos = 1 / (typical * perSecond);
            nanosError = nanos * spread / typical;
        } else {
            nanos = Double.NaN;
            nanosError = Double.NaN;
        }
        return new Measurement(Measurement.nameOf(benchmark, params), benchmark, params, mode, score, error, unit, nanos, nanosError);
    }

    private static double nanosPerOp(String unit) {
        switch (unit) {
            case "ns/op": return 1;
            case "us/op": case "µs/op": return 1e3;
            case "ms/op": return 1e6;
            case "s/op": return 1e9;
            default: return Double.NaN;
        }
    }

    private static double opsPerNanos(String unit) {
        switch (unit) {
            case "ops/ns": return 1;
            case "ops/us": case "ops/µs": return 1e-3;
            case "ops/ms": return 1e-6;
            case "ops/s": return 1e-9;
            default: return Double.NaN;
        }
    }
}
