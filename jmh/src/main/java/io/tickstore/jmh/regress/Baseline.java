package io.tickstore.jmh.regress;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Makes a baseline from several runs of one commit on one machine: every ratio (and measurement) becomes the median
 * of the runs', with an error bar wide enough to cover every run's value. One run's ratio moves from run to run
 * with the load of a shared machine far more than its own error bar says; a baseline whose error bar is that
 * run-to-run spread only calls a regression what this commit never did.
 *
 * <pre>
 * Baseline --out jmh/baselines/NAME.json RUN.json RUN.json ...
 * </pre>
 */
public final class Baseline {
    private Baseline() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run("Baseline", () -> {
            CliArgs a = new CliArgs("Baseline", args);
            Path out = a.path("--out");
            List<RunResult> runs = new ArrayList<>();
            for (String file : a.positionalAtLeast(2, "Baseline --out FILE RUN.json RUN.json ...")) {
                runs.add(RunResults.read(Path.of(file)));
            }
            RunResult baseline = merge(runs);
            RunResults.write(baseline, out);
            System.out.printf("baseline: %d runs of %s, %d ratios -> %s%n", runs.size(), baseline.commit(),
                    baseline.ratios().size(), out);
            return 0;
        }));
    }

    static RunResult merge(List<RunResult> runs) {
        RunResult first = runs.get(0);
        for (RunResult run : runs) {
            if (!run.commit().equals(first.commit()) || !run.machine().host().equals(first.machine().host())) {
                throw new TickstoreException(Problem.INVALID_ARGUMENT, "a baseline is made of runs of one commit on one "
                        + "machine: " + first.commit() + " on " + first.machine().host() + " and " + run.commit() + " on "
                        + run.machine().host() + " differ");
            }
        }
        List<Measurement> measurements = mergeBy(runs, RunResult::measurements, Measurement::name,
                (m, median, error) -> new Measurement(m.name(), m.benchmark(), m.params(), m.mode(), m.score(), m.error(),
                        m.unit(), median, error), Measurement::nanos);
        List<Ratio> ratios = mergeBy(runs, RunResult::ratios, Ratio::name,
                (r, median, error) -> new Ratio(r.name(), r.ours(), r.peer(), median, error), Ratio::ratio);
        RunResult last = runs.get(runs.size() - 1);
        return new RunResult(RunResult.FORMAT, first.commit(), last.date(), first.jdk(), first.machine(), first.args(),
                runs.stream().mapToInt(RunResult::runs).sum(), measurements, ratios);
    }

    private interface Rebuild<T> {
        T with(T original, double median, double error);
    }

    /** For each name, the median of the runs' values and the largest distance from it to a run's value. */
    private static <T> List<T> mergeBy(List<RunResult> runs, Function<RunResult, List<T>> items, Function<T, String> name,
                                       Rebuild<T> rebuild, Function<T, Double> value) {
        Map<String, List<T>> byName = new LinkedHashMap<>();
        for (RunResult run : runs) {
            for (T item : items.apply(run)) {
                byName.computeIfAbsent(name.apply(item), k -> new ArrayList<>()).add(item);
            }
        }
        List<T> merged = new ArrayList<>();
        for (List<T> group : byName.values()) {
            double[] values = group.stream().mapToDouble(value::apply).sorted().toArray();
            double median = IterationStats.quantile(values, 0.5);
            double error = Math.max(median - values[0], values[values.length - 1] - median);
            merged.add(rebuild.with(group.get(0), median, error));
        }
        return merged;
    }
}
