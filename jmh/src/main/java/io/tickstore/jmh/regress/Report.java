package io.tickstore.jmh.regress;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The history of every ratio: a PNG chart per ratio in the output directory and a table in the terminal (latest
 * value with its error bar, lowest and highest over the history, runs, change since the previous run).
 *
 * <pre>
 * Report [--history jmh/history] [--out jmh/target/report]
 * </pre>
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(Cli.run("Report", () -> {
            CliArgs a = new CliArgs("Report", args);
            Path history = Path.of(a.optional("--history", "jmh/history"));
            Path out = Path.of(a.optional("--out", "jmh/target/report"));
            report(History.load(history), out, System.out);
            return 0;
        }));
    }

    static void report(History history, Path out, PrintStream terminal) {
        if (history.runs().isEmpty()) {
            throw new TickstoreException(Problem.MISSING_FILE, "no result files in the history: run jmh/run-benchmarks.sh first");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new TickstoreException(Problem.IO, out + ": cannot create the report directory: " + e.getMessage(), e);
        }
        Map<String, List<History.Point>> series = history.series();
        int width = series.keySet().stream().mapToInt(String::length).max().orElse(20);
        terminal.printf("report: %d runs, %d ratios (Tickstore's time ÷ its peer's, lower is better); charts in %s%n",
                history.runs().size(), series.size(), out);
        terminal.printf("%-" + width + "s  %18s  %7s  %7s  %4s  %8s%n", "ratio", "latest", "lowest", "highest", "runs", "vs prev");
        for (Map.Entry<String, List<History.Point>> e : series.entrySet()) {
            List<History.Point> points = e.getValue();
            Ratio latest = points.get(points.size() - 1).ratio();
            double low = points.stream().mapToDouble(p -> p.ratio().ratio()).min().orElse(Double.NaN);
            double high = points.stream().mapToDouble(p -> p.ratio().ratio()).max().orElse(Double.NaN);
            String previous = points.size() < 2 ? "" : String.format(Locale.ROOT, "%7.2f×",
                    latest.ratio() / points.get(points.size() - 2).ratio().ratio());
            terminal.printf(Locale.ROOT, "%-" + width + "s  %8.3f ± %7.3f  %7.3f  %7.3f  %4d  %8s%n", e.getKey(),
                    latest.ratio(), latest.error(), low, high, points.size(), previous);
            RatioChart.write(e.getKey(), points, out.resolve(RatioChart.fileName(e.getKey())));
        }
    }
}
