package io.tickstore.jmh.regress;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the result file of one run from its JMH results and, when given, the numpy peer's.
 *
 * <pre>
 * Record --jmh jmh.json [--numpy numpy.json] --commit SHA [--args "JMH ARGS"] --out result.json
 * </pre>
 */
public final class Record {
    private Record() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run("Record", () -> {
            CliArgs a = new CliArgs("Record", args);
            Path jmh = a.path("--jmh");
            Path out = a.path("--out");
            RunResult result = record(jmh, a.optionalPath("--numpy"), a.value("--commit"), a.optional("--args", ""));
            RunResults.write(result, out);
            System.out.printf("record: %d measurements, %d ratios -> %s%n", result.measurements().size(),
                    result.ratios().size(), out);
            return 0;
        }));
    }

    static RunResult record(Path jmhFile, Path numpyFile, String commit, String jmhArgs) {
        JsonNode jmh = JmhResults.readJson(jmhFile, "JMH result file");
        List<Measurement> measurements = new ArrayList<>(JmhResults.fromJmh(jmh, jmhFile));
        if (numpyFile != null) {
            measurements.addAll(JmhResults.fromNumpy(JmhResults.readJson(numpyFile, "numpy peer result file"), numpyFile));
        }
        List<Ratio> ratios = new ArrayList<>(PairedRatios.from(jmh));
        ratios.addAll(Peers.ratios(measurements));
        return new RunResult(RunResult.FORMAT, commit, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                JmhResults.jdk(jmh), Machine.current(), jmhArgs, 1, measurements, ratios);
    }
}
