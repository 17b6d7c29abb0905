package io.tickstore.jmh.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickstore.columns.TickstoreException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
    private static final String WRITE_VS_FLOOR = "SnapshotWriteBenchmark.tickstoreSnapshot[threads=1] ÷ WritePeersBenchmark.fileChannelFloor";

    @TempDir
    Path dir;

    @Test
    void aBaselineIsTheMedianOfItsRunsWithAnErrorBarCoveringEveryOne() throws Exception {
        RunResult baseline = Baseline.merge(List.of(RegressFixtures.run(dir, "a.json", 12, 0.1),
                RegressFixtures.run(dir, "b.json", 20, 0.1), RegressFixtures.run(dir, "c.json", 13, 0.1)));

        Ratio write = baseline.ratio(WRITE_VS_FLOOR).orElseThrow();
        assertEquals(1.3, write.ratio(), 1e-12);
        assertEquals(0.7, write.error(), 1e-12);
        assertEquals(3, baseline.runs());
        assertEquals(Judgement.Verdict.SAME, Judgement.of(WRITE_VS_FLOOR, write,
                RegressFixtures.run(dir, "d.json", 20, 0.1).ratio(WRITE_VS_FLOOR).orElseThrow(), 0.25).verdict(),
                "what the commit did in one of its own runs is no regression");
    }

    @Test
    void runsOfDifferentCommitsMakeNoBaseline() throws Exception {
        RunResult a = RegressFixtures.run(dir, "a.json", 12, 0.1);
        RunResult b = Record.record(RegressFixtures.jmh(dir, "b.json", 12, 0.1), null, "other", "");
        assertThrows(TickstoreException.class, () -> Baseline.merge(List.of(a, b)));
    }
}
