package io.tickstore.jmh.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.jmh.regress.Judgement.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
    private static final String WRITE_VS_FLOOR = "SnapshotWriteBenchmark.tickstoreSnapshot[threads=1] ÷ WritePeersBenchmark.fileChannelFloor";

    @TempDir
    Path dir;

    private Verdict verdict(double baselineMs, double baselineError, double runMs, double runError, double tolerance) throws Exception {
        RunResult baseline = RegressFixtures.run(dir, "baseline.json", baselineMs, baselineError);
        RunResult run = RegressFixtures.run(dir, "run.json", runMs, runError);
        return Compare.judge(baseline, run, tolerance).stream().filter(j -> j.name().equals(WRITE_VS_FLOOR))
                .findFirst().orElseThrow().verdict();
    }

    @Test
    void aRatioThatGrewBeyondToleranceAndErrorBarsIsARegression() throws Exception {
        assertEquals(Verdict.REGRESSED, verdict(12, 0.5, 24, 0.5, 0.25));
    }

    @Test
    void theSameRatioWithinTheNoiseIsNot() throws Exception {
        assertEquals(Verdict.SAME, verdict(12, 0.5, 12.5, 0.5, 0.25));
    }

    @Test
    void aLargeChangeInsideWideErrorBarsIsNotARegression() throws Exception {
        assertEquals(Verdict.SAME, verdict(12, 6, 20, 8, 0.25));
    }

    @Test
    void aSmallChangeOutsideNarrowErrorBarsIsNotARegressionEither() throws Exception {
        assertEquals(Verdict.SAME, verdict(12, 0.01, 13, 0.01, 0.25));
    }

    @Test
    void aRatioThatFellBeyondBothIsAnImprovement() throws Exception {
        assertEquals(Verdict.IMPROVED, verdict(24, 0.5, 12, 0.5, 0.25));
    }

    @Test
    void ratiosInOnlyOneRunAreListedNotJudged() throws Exception {
        RunResult baseline = RegressFixtures.run(dir, "baseline.json", 12, 0.5);
        RunResult run = new RunResult(RunResult.FORMAT, "def", "2026-01-01T00:00:00Z", "jdk", baseline.machine(), "", 1,
                List.of(), List.of());
        List<Judgement> judgements = Compare.judge(baseline, run, 0.25);
        assertEquals(0, Compare.regressions(judgements));
        judgements.forEach(j -> assertEquals(Verdict.NOT_IN_RUN, j.verdict()));
    }
}
