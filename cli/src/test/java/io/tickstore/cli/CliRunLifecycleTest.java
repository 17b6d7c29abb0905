package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstore.backends.Backends;
import io.tickstore.backends.Journal;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code run} as a client of the recording: any simulation on the classpath, nothing left behind by a run that
 * cannot start, a size that does not fit refused in one sentence, and a journal that continues its session across
 * a kill.
 */
class CliRunLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"creatures", "geo", "graph", "orchard", "parcels"})
    void everyExampleSimulationRunsReplaysAndResumesLikeAnyOther(String sim) throws Exception {
        Path store = dir.resolve("store");
        // the geographic world's size is its map's: a coarse one, a few hundred hexes
        String size = sim.equals("geo") ? "--param" : "--entities";
        String value = sim.equals("geo") ? "resolution=3" : "500";
        CliRunner.Result run = CliRunner.run("run", "--sim", sim, "--store", store.toString(), "--run", sim, size, value,
                "--ticks", "12", "--checkpoint-every", "5", "--no-fsync", "--verify-replay", "--json");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode summary = JSON.readTree(run.out());
        assertEquals(sim, summary.get("simulation").asText());
        assertEquals(List.of(0L, 5L, 10L, 12L), longs(summary.get("snapshots")));
        CliRunner.Result replay = CliRunner.run("replay", store.resolve(sim).toString(), "--tick", "12", "--json");
        assertEquals(0, replay.exitCode(), replay::toString);
        assertEquals(summary.get("worldHash").asText(), JSON.readTree(replay.out()).get("worldHash").asText());
        CliRunner.Result more = CliRunner.run("run", "--store", store.toString(), "--run", sim, "--resume", "--ticks", "15", "--json");
        assertEquals(0, more.exitCode(), more::toString);
        JsonNode resumed = JSON.readTree(more.out());
        assertEquals("completed", resumed.get("resumed").get("previousStatus").asText());
        assertEquals(15, resumed.get("finalTick").asLong());
    }

    @Test
    void anUnknownSimulationIsAUsageErrorListingTheOnesThereAre() {
        CliRunner.Result run = CliRunner.run("run", "--sim", "weather", "--store", dir.resolve("s").toString(), "--run", "w");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no simulation named 'weather'") && run.err().contains("creatures, geo, graph, orchard"), run::toString);
        assertFalse(Files.exists(dir.resolve("s")));
    }

    @Test
    void aWorldThatCannotFitIsRefusedInOneLineBeforeAnythingIsCreated() {
        Path store = dir.resolve("huge");
        CliRunner.Result run = CliRunner.run("run", "--store", store.toString(), "--run", "big", "--entities", "2147483647");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().contains("2147483647 entities need about") && run.err().contains("entities fit"), run::toString);
        assertFalse(Files.exists(store), "no store, no run directory, no run.json");
    }

    @Test
    void aRunThatCannotStartLeavesTheDiskAsItFoundIt() throws Exception {
        Path store = dir.resolve("untouched");
        CliRunner.Result badSpec = CliRunner.run("run", "--store", store.toString(), "--run", "r", "--persist", "foo:bar");
        assertEquals(2, badSpec.exitCode(), badSpec::toString);
        assertFalse(Files.exists(store));
        Path notADatabase = Files.createDirectories(dir.resolve("a-directory"));
        CliRunner.Result badDb = CliRunner.run("run", "--store", store.toString(), "--run", "r", "--persist", "sqlite:" + notADatabase);
        assertEquals(1, badDb.exitCode(), badDb::toString);
        assertFalse(Files.exists(store));
        CliRunner.Result resumeNothing = CliRunner.run("run", "--store", store.toString(), "--run", "r", "--resume");
        assertEquals(1, resumeNothing.exitCode(), resumeNothing::toString);
        assertTrue(resumeNothing.err().contains("there is no store"), resumeNothing::toString);
        assertFalse(Files.exists(store));
        CliRunner.Result noRun = CliRunner.run("run", "--store", store.toString(), "--resume");
        assertEquals(2, noRun.exitCode(), noRun::toString);
        assertFalse(Files.exists(store));
    }

    /**
     * A journaled run killed with SIGKILL, resumed without naming the backend again: the resume journals into the
     * same session, fills every checkpointed tick the kill kept out, and records how the run was interrupted.
     */
    @Test
    void aKilledJournaledRunResumesIntoTheSameSessionWithNoGap() throws Exception {
        Path store = dir.resolve("store");
        Path db = dir.resolve("journal.sqlite");
        Path runDir = store.resolve("journaled");
        Process child = ChildJvm.start(dir.resolve("child.out"), Main.class, "run", "--store", store.toString(), "--run", "journaled",
                "--entities", "20000", "--ticks", "100000", "--checkpoint-every", "3", "--no-fsync", "--persist", "sqlite:" + db);
        try {
            // the run is another process: its second snapshot appearing is the sign that it journals
            while (child.isAlive() && !Files.exists(runDir.resolve("tick-00000000000000000006"))) {
                Thread.sleep(5);
            }
            assertTrue(child.isAlive(), Files.readString(dir.resolve("child.out")));
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        long reached;
        try (var history = io.tickstore.snapshot.replay.RunHistory.open(runDir)) {
            reached = history.lastCompleteTick();
        }
        CliRunner.Result resumed = CliRunner.run("run", "--store", store.toString(), "--run", "journaled", "--resume", "--ticks",
                Long.toString(reached + 7), "--json");
        assertEquals(0, resumed.exitCode(), resumed::toString);
        JsonNode summary = JSON.readTree(resumed.out());
        assertEquals("crashed", summary.get("resumed").get("previousStatus").asText());
        UUID session = UUID.fromString(summary.get("persisted").get("session").asText());
        try (RuntimePersistence backend = Backends.open("sqlite:" + db)) {
            List<Long> expected = new ArrayList<>();
            for (long t = 0; t <= reached + 7; t += 3) {
                expected.add(t);
            }
            if (expected.get(expected.size() - 1) != reached + 7) {
                expected.add(reached + 7);
            }
            assertEquals(expected, backend.ticks(session), "every checkpointed tick, before and after the kill");
            assertEquals(Optional.of("completed"), backend.getMetadata(session, Journal.STATUS));
            assertEquals(Optional.of("crashed at tick " + reached), backend.getMetadata(session, Journal.LAST_INTERRUPTION));
        }
        assertTrue(Files.exists(EventLogLayout.logDir(runDir)));
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asLong()));
        return values;
    }
}
