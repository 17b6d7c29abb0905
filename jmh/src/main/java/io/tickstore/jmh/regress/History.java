package io.tickstore.jmh.regress;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The stored result files of a directory, oldest first, and every ratio's values across them. */
final class History {
    /** One ratio in one run. */
    record Point(RunResult run, Ratio ratio) {
    }

    private final List<RunResult> runs;

    private History(List<RunResult> runs) {
        this.runs = runs;
    }

    static History load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TickstoreException(Problem.MISSING_FILE, dir + ": no history directory (every run of "
                    + "jmh/run-benchmarks.sh stores its result file there)");
        }
        List<RunResult> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                runs.add(RunResults.read(file));
            }
        } catch (IOException e) {
            throw new TickstoreException(Problem.IO, dir + ": cannot list the history: " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing(RunResult::date));
        return new History(runs);
    }

    List<RunResult> runs() {
        return runs;
    }

    /** Every ratio's points, ratios in the order they first appear, points oldest first. */
    Map<String, List<Point>> series() {
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (RunResult run : runs) {
            for (Ratio ratio : run.ratios()) {
                series.computeIfAbsent(ratio.name(), k -> new ArrayList<>()).add(new Point(run, ratio));
            }
        }
        return series;
    }
}
