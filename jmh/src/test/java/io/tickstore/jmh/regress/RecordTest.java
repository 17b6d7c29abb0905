package io.tickstore.jmh.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordTest {
    @TempDir
    Path dir;

    @Test
    void ratiosAreTakenAgainstThePeersOfTheSameRunWithTheirErrorsInQuadrature() throws Exception {
        RunResult run = RegressFixtures.run(dir, "jmh.json", 12.0, 0.6);

        Ratio floor = run.ratio("SnapshotWriteBenchmark.tickstoreSnapshot[threads=1] ÷ WritePeersBenchmark.fileChannelFloor").orElseThrow();
        assertEquals(1.2, floor.ratio(), 1e-12);
        assertEquals(1.2 * Math.hypot(0.05, 0.05), floor.error(), 1e-12);
        Ratio numpy = run.ratio("SnapshotWriteBenchmark.tickstoreSnapshot[threads=1] ÷ numpy:np.save per column").orElseThrow();
        assertEquals(1.0, numpy.ratio(), 1e-12);
        assertEquals(2, run.ratios().size(), "replay has no peer: measured, not a ratio");
        assertEquals("abc123", run.commit());
        assertTrue(run.jdk().contains("17.0.15"), run.jdk());
        assertTrue(run.machine().cores() >= 1);
    }

    @Test
    void throughputsArePutOnTheTimeScale() throws Exception {
        RunResult run = RegressFixtures.run(dir, "jmh.json", 12.0, 0.6);
        Measurement replay = run.measurements().stream().filter(m -> m.benchmark().endsWith("tickstoreReplay")).findFirst().orElseThrow();
        assertEquals(5e7, replay.nanos(), 1e-3);
        assertEquals(5e7 * 0.05, replay.nanosError(), 1e-3);
        assertEquals("eventlog.ReplayBenchmark.tickstoreReplay[rows=1000000]", replay.name());
    }

    @Test
    void aResultFileSurvivesTheRoundTrip() throws Exception {
        RunResult run = RegressFixtures.run(dir, "jmh.json", 12.0, 0.6);
        Path file = dir.resolve("result.json");
        RunResults.write(run, file);
        assertEquals(run, RunResults.read(file));
    }

    @Test
    void aFileThatIsNotAResultFileIsNamedWithWhatIsWrong() throws Exception {
        Path notJmh = dir.resolve("notes.json");
        Files.writeString(notJmh, "{\"hello\": 1}");
        TickstoreException e = assertThrows(TickstoreException.class, () -> Record.record(notJmh, null, "x", ""));
        assertEquals(Problem.BAD_HEADER, e.problem());
        assertTrue(e.getMessage().startsWith(notJmh + ": "), e.getMessage());

        TickstoreException missing = assertThrows(TickstoreException.class, () -> RunResults.read(dir.resolve("nope.json")));
        assertEquals(Problem.MISSING_FILE, missing.problem());
    }

    @Test
    void theSlowdownIsReadAsMicrosecondsPerNamedBenchmark() {
        assertEquals(10_000_000L, InjectedSlowdown.parse("SnapshotWriteBenchmark=10000").get("SnapshotWriteBenchmark"));
        assertTrue(InjectedSlowdown.parse(null).isEmpty());
        TickstoreException e = assertThrows(TickstoreException.class, () -> InjectedSlowdown.parse("SnapshotWriteBenchmark"));
        assertEquals(Problem.INVALID_ARGUMENT, e.problem());
    }
}
