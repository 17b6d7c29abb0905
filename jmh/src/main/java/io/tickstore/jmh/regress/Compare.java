package io.tickstore.jmh.regress;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares a run with a baseline on the ratios of Tickstore's benchmarks to their in-run peers, using both runs'
 * error bars (the rule is {@link Judgement}'s), prints one line per ratio and exits 1 when any regressed, 0
 * otherwise, 2 when a file is not a result file.
 *
 * <pre>
 * Compare BASELINE.json RUN.json [--tolerance 0.25]
 * </pre>
 *
 * A ratio only one of the two runs has is listed and not judged: a smoke run measures a few of the baseline's ratios.
 */
public final class Compare {
    /** The default tolerance: a ratio must grow by more than this fraction to be a regression. */
    static final double DEFAULT_TOLERANCE = 0.25;

    private Compare() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run("Compare", () -> {
            CliArgs a = new CliArgs("Compare", args);
            List<String> files = a.positional(2, "Compare BASELINE.json RUN.json [--tolerance FRACTION]");
            double tolerance = a.number("--tolerance", DEFAULT_TOLERANCE);
            Path baselineFile = Path.of(files.get(0));
            Path runFile = Path.of(files.get(1));
            RunResult baseline = RunResults.read(baselineFile);
            RunResult run = RunResults.read(runFile);
            List<Judgement> judgements = judge(baseline, run, tolerance);
            print(baseline, run, judgements, tolerance, System.out);
            return regressions(judgements) > 0 ? 1 : 0;
        }));
    }

    static List<Judgement> judge(RunResult baseline, RunResult run, double tolerance) {
        Set<String> names = new LinkedHashSet<>();
        baseline.ratios().forEach(r -> names.add(r.name()));
        run.ratios().forEach(r -> names.add(r.name()));
        List<Judgement> out = new ArrayList<>();
        for (String name : names) {
            out.add(Judgement.of(name, baseline.ratio(name).orElse(null), run.ratio(name).orElse(null), tolerance));
        }
        return out;
    }

    static long regressions(List<Judgement> judgements) {
        return judgements.stream().filter(j -> j.verdict() == Judgement.Verdict.REGRESSED).count();
    }

    static void print(RunResult baseline, RunResult run, List<Judgement> judgements, double tolerance, PrintStream out) {
        out.printf("compare: run %s (%s) against baseline %s (%s)%n", run.commit(), run.date(), baseline.commit(), baseline.date());
        if (!baseline.machine().host().equals(run.machine().host()) || baseline.machine().cores() != run.machine().cores()) {
            out.printf("compare: note: the baseline is from %s (%d cores), this run from %s (%d cores); ratios travel "
                    + "better than scores, but not perfectly%n", baseline.machine().host(), baseline.machine().cores(),
                    run.machine().host(), run.machine().cores());
        }
        out.printf("ratio = Tickstore's time ÷ its peer's in the same run (lower is better); regression: grew by more than "
                + "%.0f%% and the error bars do not overlap%n", tolerance * 100);
        int width = judgements.stream().filter(j -> j.run() != null && j.baseline() != null)
                .mapToInt(j -> j.name().length()).max().orElse(20);
        out.printf("%-" + width + "s  %18s  %18s  %7s  %s%n", "ratio", "baseline", "this run", "change", "verdict");
        int notCompared = 0;
        for (Judgement j : judgements) {
            if (j.run() == null || j.baseline() == null) {
                notCompared++;
                continue;
            }
            out.printf(Locale.ROOT, "%-" + width + "s  %18s  %18s  %6.2f×  %s%n", j.name(), withError(j.baseline()),
                    withError(j.run()), j.change(), j.verdict().name().toLowerCase(Locale.ROOT));
        }
        if (notCompared > 0) {
            out.printf("compare: %d ratio(s) in only one of the two runs, not judged%n", notCompared);
        }
        long regressed = regressions(judgements);
        out.println(regressed == 0 ? "compare: no regression" : "compare: " + regressed + " REGRESSION(S)");
    }

    private static String withError(Ratio r) {
        return String.format(Locale.ROOT, "%.3f ± %.3f", r.ratio(), r.error());
    }
}
