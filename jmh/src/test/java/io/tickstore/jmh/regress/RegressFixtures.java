package io.tickstore.jmh.regress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Small JMH and numpy result files of the shape the real ones have. */
final class RegressFixtures {
    private RegressFixtures() {
    }

    /** A JMH result file: the snapshot write at {@code writeMs} ± {@code error} beside a 10 ms ± 0.5 FileChannel floor. */
    static Path jmh(Path dir, String name, double writeMs, double error) throws IOException {
        String json = "[" + entry("SnapshotWriteBenchmark.tickstoreSnapshot", "{\"threads\":\"1\"}", "avgt", writeMs, error, "ms/op")
                + "," + entry("WritePeersBenchmark.fileChannelFloor", "{}", "avgt", 10.0, 0.5, "ms/op")
                + "," + entry("eventlog.ReplayBenchmark.tickstoreReplay", "{\"rows\":\"1000000\"}", "thrpt", 20.0, 1.0, "ops/s")
                + "]";
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    static String entry(String benchmark, String params, String mode, double score, double error, String unit) {
        return String.format(Locale.ROOT, "{\"jmhVersion\":\"1.37\",\"benchmark\":\"io.tickstore.jmh.%s\",\"mode\":\"%s\","
                + "\"jdkVersion\":\"17.0.15\",\"vmName\":\"OpenJDK 64-Bit Server VM\",\"vmVersion\":\"17.0.15+6\","
                + "\"params\":%s,\"primaryMetric\":{\"score\":%s,\"scoreError\":%s,\"scoreUnit\":\"%s\"},"
                + "\"secondaryMetrics\":{}}", benchmark, mode, params, score, error, unit);
    }

    static Path numpy(Path dir) throws IOException {
        Path file = dir.resolve("numpy.json");
        Files.writeString(file, "{\"rows\":1000000,\"results\":{\"np.save per column\":"
                + "{\"unit\":\"ms\",\"median\":12.0,\"min\":11.0,\"p90\":13.0,\"repeats\":15}}}");
        return file;
    }

    static RunResult run(Path dir, String name, double writeMs, double error) throws IOException {
        return Record.record(jmh(dir, name, writeMs, error), numpy(dir), "abc123", "-f 1");
    }
}
