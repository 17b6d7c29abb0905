package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.Simulation;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.examples.orchard.Orchard;
import io.tickstore.examples.parcels.Parcels;
import io.tickstore.recording.RecordedRun;
import io.tickstore.recording.Recording;
import io.tickstore.recording.RunStatus;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.internal.Directories;
import io.tickstore.snapshot.replay.RunHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user-style examples under kill -9: the orchard (every scalar column type, four systems of its own) and the
 * parcels (fixed-shape arrays, categorical strings, free text, json, string lists, rows added and removed) run as
 * {@code ./tickstore run --sim NAME} in a child JVM and are killed with SIGKILL at a random moment while they
 * simulate: the orchard {@value #DEFAULT_KILLS} times, the parcels {@value #PARCELS_KILLS} times (each
 * {@code N / 4} times with {@code -Dtickstore.crash.kills=N}). After each kill every tick the log holds completely is
 * rebuilt, at random, to the clean run's world; then {@code run --resume} finishes the run, which must end as the
 * clean run and rebuild any tick, on either side of the kill, to the clean run's world. Just before each kill the run
 * is opened read-only ({@code Recording.at(run).openReadOnly()}) while the child holds its writer lock, and its last
 * complete tick is rebuilt to the clean run's world: a live writer refuses no reader.
 */
class ExampleCrashTest {
    static final int DEFAULT_KILLS = 5;
    // the parcels' kills cost about as much as the orchard's; fewer keep the build's time for them small
    static final int PARCELS_KILLS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 11;
    private static final int TICKS = 120;

    @TempDir
    Path store;

    private final Random random = new Random(Long.getLong("tickstore.crash.seed", System.nanoTime()));

    /**
     * An example simulation under test: its CLI name, the simulation itself (for the clean run), its size, and how
     * many kills it gets by default.
     */
    record Example(String name, Simulation simulation, int entities, int defaultKills) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Example> examples() {
        return Stream.of(new Example("orchard", new Orchard(), 3_000, DEFAULT_KILLS),
                new Example("parcels", new Parcels(), 3_000, PARCELS_KILLS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theExampleKilledAtRandomResumesToExactlyTheCleanRun(Example example) throws Exception {
        String asked = System.getProperty("tickstore.crash.kills");
        int wanted = asked == null ? example.defaultKills() : Math.max(1, Integer.parseInt(asked) / 4);
        String sim = example.name();
        List<String> clean = LiveRuns.hashes(example.simulation(), new SimulationSettings(SEED, example.entities()), TICKS);
        int kills = 0;
        int rebuilt = 0;
        for (int attempt = 0; kills < wanted && attempt < wanted * 4; attempt++) {
            String name = sim + "-" + attempt;
            Path runDir = store.resolve(name);
            Process child = ChildJvm.start(store.resolve(name + ".out"), Main.class, "run", "--sim", sim, "--store",
                    store.toString(), "--run", name, "--entities", Integer.toString(example.entities()), "--ticks", Integer.toString(TICKS),
                    "--checkpoint-every", "15", "--seed", Long.toString(SEED), "--log-buffer-records", "2048",
                    attempt % 2 == 0 ? "--no-fsync" : "--verify-replay");
            // the child is another process: its log appearing is the sign it simulates
            Path codebook = EventLogLayout.codebook(EventLogLayout.logDir(runDir));
            while (child.isAlive() && !Files.exists(codebook)) {
                Thread.sleep(1);
            }
            if (child.waitFor(random.nextInt(1500), TimeUnit.MILLISECONDS)) {
                assertEquals(0, child.exitValue(), Files.readString(store.resolve(name + ".out")));
                Directories.deleteRecursively(runDir);
                continue; // it finished before the kill: draw again
            }
            rebuilt += readWhileItRecords(runDir, clean, name);
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            kills++;
            try (RecordedRun run = Recording.at(runDir).openReadOnly(); RootAllocator allocator = new RootAllocator()) {
                RunStatus status = run.status();
                // a kill after the run recorded its end, while the JVM exits, finds it completed
                assertTrue(status == RunStatus.CRASHED || status == RunStatus.COMPLETED, name + " after the kill: " + status);
                long last = run.lastCompleteTick();
                // a kill after tick 0's end was logged but before its snapshot was published leaves nothing to rebuild
                // from (the resume builds tick 0 again), as RunCrashTest allows too
                List<Long> snapshots = run.snapshotTicks();
                boolean rebuildable = last >= 0 && !snapshots.isEmpty() && snapshots.get(0) <= last;
                for (int i = 0; i < 3 && rebuildable; i++) {
                    long t = random.nextInt((int) last + 1);
                    try (World world = run.reconstructAt(t, allocator)) {
                        assertEquals(clean.get((int) t), ContentHash.hex(world), name + " tick " + t + " after the kill");
                        rebuilt++;
                    }
                }
            }
            CliRunner.Result resumed = CliRunner.run("run", "--store", store.toString(), "--run", name, "--resume", "--json");
            assertEquals(0, resumed.exitCode(), resumed::toString);
            JsonNode summary = JSON.readTree(resumed.out());
            String before = summary.get("resumed").get("previousStatus").asText();
            // a kill after the run recorded its end, while the JVM exits, finds it completed
            assertTrue(before.equals("crashed") || before.equals("completed"), before);
            assertEquals(clean.get(TICKS), summary.get("worldHash").asText(), name + " resumed to the clean end");
            try (RunHistory history = RunHistory.open(runDir); RootAllocator allocator = new RootAllocator()) {
                for (int i = 0; i < 4; i++) {
                    long t = random.nextInt(TICKS + 1);
                    try (World world = history.reconstructAt(t, allocator)) {
                        assertEquals(clean.get((int) t), ContentHash.hex(world), name + " tick " + t + " after the resume");
                        rebuilt++;
                    }
                }
            }
            Directories.deleteRecursively(runDir);
        }
        System.out.printf("%s crash test: %d kills, %d ticks rebuilt to the clean run's world%n", sim, kills, rebuilt);
        assertTrue(kills >= wanted, kills + " of " + wanted + " kills landed while the " + sim + " ran");
    }

    /**
     * Opens the run read-only while the child records it (another process holds its writer lock) and rebuilds its
     * last complete tick to the clean run's world; returns how many ticks it rebuilt (none when the child's first
     * snapshot is not published yet).
     */
    private int readWhileItRecords(Path runDir, List<String> clean, String name) throws Exception {
        try (RecordedRun run = Recording.at(runDir).openReadOnly(); RootAllocator allocator = new RootAllocator()) {
            RunStatus status = run.status();
            // it may have recorded its end since the wait
            assertTrue(status == RunStatus.RUNNING || status == RunStatus.COMPLETED, name + " while it records: " + status);
            long last = run.lastCompleteTick();
            List<Long> snapshots = run.snapshotTicks();
            if (last < 0 || snapshots.isEmpty() || snapshots.get(0) > last) {
                return 0;
            }
            try (World world = run.reconstructAt(last, allocator)) {
                assertEquals(clean.get((int) last), ContentHash.hex(world), name + " tick " + last + " read while it records");
            }
            return 1;
        }
    }
}
