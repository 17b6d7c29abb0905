package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstore.backends.Backends;
import io.tickstore.backends.Journal;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.recording.Recording;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.internal.fault.FaultPoint;
import io.tickstore.snapshot.internal.fault.Faults;
import io.tickstore.snapshot.replay.RunHistory;
import io.tickstore.snapshot.store.RunStore;
import io.tickstore.snapshot.verify.EventLogVerifier;
import io.tickstore.snapshot.verify.LogVerifyReport;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix: a failure injected at every durable write step ({@link FaultPoint}: snapshot publish, log chunk,
 * recovery, run settings, journal transaction), as each {@link Faults.Kind} (no space, an I/O error, the process's
 * death), each in a child JVM running {@code ./tickstore run} (or its resume, for the recovery steps) journaled into
 * SQLite. After each: every published snapshot verifies, the event log verifies (a torn tail is allowed, damage is
 * not), every tick the journal holds is the clean run's, and a resume without faults ends exactly as the clean run,
 * with the journal's session complete and no gap.
 *
 * <p>By default each (point, kind) runs once, at an occurrence drawn at random from the first few arrivals
 * ({@code -Dtickstore.faults.seed=N} repeats a draw); {@code -Dtickstore.faults.all=true} runs every occurrence from 1
 * to {@value #ALL_OCCURRENCES} (fewer for the steps a run reaches fewer times).
 */
class FaultMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int ALL_OCCURRENCES = 6;
    private static final long SEED = 77;
    private static final int ENTITIES = 1_500;
    private static final int TICKS = 40;
    private static final int EVERY = 10;
    private static final int BUFFER_RECORDS = 512;
    private static final Set<FaultPoint> RECOVERY = EnumSet.of(FaultPoint.RECOVERY_COUNTER, FaultPoint.RECOVERY_CUT_COPY,
            FaultPoint.RECOVERY_CUT_RENAME, FaultPoint.RECOVERY_DELETE_LATER);
    /** How often a run (or a resume) reaches a step, at most; the default is {@value #ALL_OCCURRENCES} or more. */
    private static final java.util.Map<FaultPoint, Integer> ARRIVALS = java.util.Map.of(FaultPoint.LOG_CODEBOOK, 1,
            FaultPoint.RECOVERY_COUNTER, 1, FaultPoint.RECOVERY_CUT_COPY, 1, FaultPoint.RECOVERY_CUT_RENAME, 1,
            FaultPoint.RECOVERY_DELETE_LATER, 1, FaultPoint.RUN_SETTINGS, 3);
    /** Steps that only happen when the run forces its writes to the device. */
    private static final Set<FaultPoint> FSYNC_ONLY = EnumSet.of(FaultPoint.SNAPSHOT_FSYNC, FaultPoint.LOG_CHUNK_FORCE);

    @TempDir
    Path dir;

    private List<String> clean;
    private final TreeMap<String, Integer> outcomes = new TreeMap<>();
    private final List<String> notReached = new ArrayList<>();

    @Test
    void everyDurableStateSurvivesAFailureAtEveryWriteStep() throws Exception {
        clean = LiveRuns.hashes(SEED, ENTITIES, TICKS);
        boolean all = Boolean.getBoolean("tickstore.faults.all");
        Random random = new Random(Long.getLong("tickstore.faults.seed", System.nanoTime()));
        int cases = 0;
        for (FaultPoint point : FaultPoint.values()) {
            for (Faults.Kind kind : Faults.Kind.values()) {
                List<Integer> occurrences = new ArrayList<>();
                int arrivals = ARRIVALS.getOrDefault(point, ALL_OCCURRENCES);
                if (all) {
                    for (int n = 1; n <= arrivals; n++) {
                        occurrences.add(n);
                    }
                } else {
                    occurrences.add(1 + random.nextInt(arrivals));
                }
                for (int occurrence : occurrences) {
                    runCase(point, kind, occurrence, "c" + cases++);
                }
            }
        }
        System.out.printf("fault matrix: %d cases over %d points and %d kinds: %s; not reached: %s%n", cases,
                FaultPoint.values().length, Faults.Kind.values().length, outcomes, notReached);
        assertTrue(outcomes.getOrDefault("fired", 0) >= FaultPoint.values().length * 2,
                "most planted faults fired: " + outcomes);
    }

    private void runCase(FaultPoint point, Faults.Kind kind, int occurrence, String name) throws Exception {
        Path store = dir.resolve(name);
        Path db = dir.resolve(name + ".sqlite");
        Path runDir = store.resolve("run");
        String where = point + " " + kind + " #" + occurrence + ": ";
        List<String> run = new ArrayList<>(List.of("run", "--store", store.toString(), "--run", "run", "--entities",
                Integer.toString(ENTITIES), "--ticks", Integer.toString(TICKS), "--checkpoint-every", Integer.toString(EVERY),
                "--seed", Long.toString(SEED), "--log-buffer-records", Integer.toString(BUFFER_RECORDS), "--log-segment-bytes", "4096",
                "--persist", "sqlite:" + db));
        if (!FSYNC_ONLY.contains(point)) {
            run.add("--no-fsync");
        }
        String output;
        int exit;
        if (RECOVERY.contains(point)) {
            // a run killed in the middle of a chunk write: its resume has a torn tail and an unfinished tick to cut
            child(new Faults.Plan(FaultPoint.LOG_CHUNK_WRITE, Faults.Kind.DEATH, 9), run, name + "-crash");
            List<String> resume = List.of("run", "--store", store.toString(), "--run", "run", "--resume", "--log-segment-bytes", "4096");
            Result r = child(new Faults.Plan(point, kind, occurrence), resume, name);
            output = r.output;
            exit = r.exit;
        } else {
            Result r = child(new Faults.Plan(point, kind, occurrence), run, name);
            output = r.output;
            exit = r.exit;
        }
        boolean fired = output.contains("fault fired") || exit == 137;
        outcomes.merge(fired ? "fired" : "not reached", 1, Integer::sum);
        if (!fired) {
            notReached.add(point + " " + kind + " #" + occurrence);
        }
        if (fired && kind != Faults.Kind.DEATH) {
            assertTrue(exit == 1, where + "a failed write is a failed command (exit 1): " + output);
            assertTrue(output.contains("tickstore: "), where + output);
            assertEquals(1, output.lines().filter(l -> l.startsWith("tickstore: ") && !l.startsWith("tickstore: warning:")).count(),
                    where + "one error line: " + output);
        } else if (!fired) {
            assertEquals(0, exit, where + output);
        }
        if (!Files.isDirectory(runDir)) {
            // the fault came before the run existed: a failure leaves nothing; a death may leave the hidden directory
            // the run was being made in, which the next creation of that name removes
            if (kind != Faults.Kind.DEATH) {
                assertTrue(!Files.exists(store) || isEmpty(store), where + "a run that never started left " + store);
            } else if (Files.exists(store)) {
                CliRunner.Result again = CliRunner.run(run.toArray(new String[0]));
                assertEquals(0, again.exitCode(), where + again);
                try (var children = Files.list(store)) {
                    assertEquals(List.of("run"), children.map(p -> p.getFileName().toString()).sorted().toList(),
                            where + "the creation after the death cleaned up after it");
                }
                assertEquals(clean.get(TICKS), JSON.readTree(CliRunner.run("replay", runDir.toString(), "--tick",
                        Integer.toString(TICKS), "--json").out()).get("worldHash").asText(), where);
            }
            return;
        }
        checkDurableState(where, runDir, db);
        resumeToTheCleanEnd(where, store, runDir, db);
    }

    /** What a failure may leave: whole snapshots, a log with at most a torn tail, journaled ticks that are the clean run's. */
    private void checkDurableState(String where, Path runDir, Path db) throws Exception {
        try (RunStore run = RunStore.openReadOnly(runDir)) {
            for (long tick : run.ticks()) {
                VerifyReport report = SnapshotVerifier.verify(run.snapshotDir(tick));
                assertTrue(report.ok(), where + report.summary());
            }
        }
        if (Files.exists(EventLogLayout.codebook(EventLogLayout.logDir(runDir)))) {
            LogVerifyReport log = EventLogVerifier.verify(EventLogLayout.logDir(runDir));
            assertTrue(log.ok(), where + "the log is intact (a torn tail is allowed): " + log.summary());
        }
        journaledTicksAreClean(where, runDir, db, false);
    }

    private void resumeToTheCleanEnd(String where, Path store, Path runDir, Path db) throws Exception {
        CliRunner.Result resumed = CliRunner.run("run", "--store", store.toString(), "--run", "run", "--resume", "--json");
        assertEquals(0, resumed.exitCode(), where + resumed);
        JsonNode summary = JSON.readTree(resumed.out());
        assertEquals(clean.get(TICKS), summary.get("worldHash").asText(), where + "the resumed run ends as the clean run");
        try (RunHistory history = RunHistory.open(runDir); RootAllocator allocator = new RootAllocator()) {
            for (long t : new long[] {7, 23, TICKS}) {
                try (World world = history.reconstructAt(t, allocator)) {
                    assertEquals(clean.get((int) t), ContentHash.hex(world), where + "tick " + t + " after the resume");
                }
            }
        }
        journaledTicksAreClean(where, runDir, db, true);
    }

    /** Every journaled tick is the clean run's; once the run is complete, every checkpointed tick is there. */
    private void journaledTicksAreClean(String where, Path runDir, Path db, boolean complete) throws Exception {
        if (!Files.exists(db) || !Files.exists(runDir.resolve("run.json"))) {
            return;
        }
        String session = Recording.readSettings(runDir).attribute(Journal.SESSION_ATTRIBUTE).orElse(null);
        if (session == null) {
            return;
        }
        try (RuntimePersistence journal = Backends.openExisting("sqlite:" + db); RootAllocator allocator = new RootAllocator()) {
            UUID id = UUID.fromString(session);
            List<Long> ticks;
            try {
                ticks = journal.ticks(id);
            } catch (RuntimeException e) {
                assertTrue(!complete, where + "the resumed session exists: " + e.getMessage());
                return; // the session was never registered: the fault came before the first persist
            }
            for (long tick : ticks) {
                assertTrue(tick % EVERY == 0 || tick == TICKS, where + "journaled tick " + tick + " is a checkpoint");
                try (World world = journal.hydrate(id, tick, allocator)) {
                    assertEquals(clean.get((int) tick), ContentHash.hex(world), where + "journaled tick " + tick);
                }
            }
            if (complete) {
                List<Long> expected = new ArrayList<>();
                for (long t = 0; t <= TICKS; t += EVERY) {
                    expected.add(t);
                }
                assertEquals(expected, ticks, where + "the journal has every checkpointed tick, no gap");
            }
        }
    }

    private static boolean isEmpty(Path directory) throws java.io.IOException {
        try (var children = Files.list(directory)) {
            return children.findAny().isEmpty();
        }
    }

    private record Result(int exit, String output) {
    }

    private Result child(Faults.Plan plan, List<String> command, String name) throws Exception {
        Path out = dir.resolve(name + ".out");
        List<String> args = new ArrayList<>(List.of(plan.point().name(), plan.kind().name(), Integer.toString(plan.occurrence())));
        args.addAll(command);
        Process p = ChildJvm.start(out, null, FaultyRun.class.getName(), List.of(), args.toArray(new String[0]));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), name + " ends");
        return new Result(p.exitValue(), Files.readString(out));
    }
}
