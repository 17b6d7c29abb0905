package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.snapshot.internal.Directories;
import io.tickstore.snapshot.eventlog.ChunkInfo;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.replay.RunHistory;
import io.tickstore.snapshot.store.RunStore;
import io.tickstore.snapshot.store.Store;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: {@code ./tickstore run} is started as a separate JVM and killed with SIGKILL
 * ({@code Process.destroyForcibly}) at a random point of its life, {@value #DEFAULT_KILLS} times (more with
 * {@code -Dtickstore.crash.kills=500}): four kills in five at a moment drawn from the time the run simulates (after
 * its event log appears), the fifth anywhere from start-up on. After each kill:
 * <ol>
 *   <li>the store and the run open (abandoned temporary snapshot directories are removed);</li>
 *   <li>every published snapshot verifies;</li>
 *   <li>the log opens, its torn tail is ignored, and the records lost (appended but in no complete chunk, as the
 *       append counter says) are within the documented bound of two log buffers;</li>
 *   <li>{@code reconstructAt(T)} equals the clean run's world for every snapshot tick, the last complete tick and
 *       random ticks in between;</li>
 *   <li>{@code run --resume} (sometimes itself killed first) continues to the end, and the result is the clean
 *       run's world, byte for byte, at the end and at random ticks on both sides of the crash.</li>
 * </ol>
 * A kill lands inside a chunk's write only rarely (a chunk reaches the page cache in well under a millisecond), so
 * every third killed run also has the tail of its last chunk cut at a random byte before it is checked: the state
 * a kill in the middle of that write leaves behind. Its records count as lost, the reader must report the torn tail
 * and read nothing from it, and the resume must still end as the clean run.
 */
class RunCrashTest {
    static final int DEFAULT_KILLS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 2024;
    private static final int ENTITIES = 2_000;
    private static final int TICKS = 300;
    private static final int EVERY = 20;
    private static final int BUFFER_RECORDS = 1024;

    @TempDir
    Path store;

    private final Random random = new Random(Long.getLong("tickstore.crash.seed", System.nanoTime()));
    private List<String> clean;
    private int kills;
    private int snapshotsVerified;
    private int reconstructions;
    private int resumes;
    private int killedResumes;
    private long maxLost;
    private int tornTails;
    private int chunksCut;
    private int races;

    private String[] runArgs(String name, boolean fsync, boolean resume) {
        List<String> args = new ArrayList<>(List.of("run", "--store", store.toString(), "--run", name));
        if (resume) {
            args.add("--resume");
        } else {
            args.addAll(List.of("--entities", Integer.toString(ENTITIES), "--ticks", Integer.toString(TICKS), "--checkpoint-every",
                    Integer.toString(EVERY), "--seed", Long.toString(SEED), "--log-buffer-records", Integer.toString(BUFFER_RECORDS)));
            if (!fsync) {
                args.add("--no-fsync");
            }
        }
        return args.toArray(new String[0]);
    }

    @Test
    void killedRunsRecoverAndResumeToExactlyTheCleanRun() throws Exception {
        int wanted = Integer.getInteger("tickstore.crash.kills", DEFAULT_KILLS);
        clean = LiveRuns.hashes(SEED, ENTITIES, TICKS);
        Lifetime lifetime = cleanChildLifetime();
        for (int attempt = 0; kills < wanted && attempt < wanted * 3; attempt++) {
            String name = "crash-" + attempt;
            Path runDir = store.resolve(name);
            // four kills in five land while the run simulates; the fifth anywhere in its life, start-up included
            boolean whileSimulating = attempt % 5 != 4;
            if (killAtRandom(runArgs(name, attempt % 2 == 0, false), lifetime, runDir, whileSimulating)) {
                long cutRecords = attempt % 3 == 2 ? tearLastChunk(runDir) : 0;
                checkAfterKill(runDir, cutRecords, true);
                if (attempt % 4 == 1 && killAtRandom(runArgs(name, true, true), lifetime, runDir, false)) {
                    killedResumes++;
                    // a resume killed before its recovery rewrote the counter leaves the log as the first kill did
                    checkAfterKill(runDir, cutRecords, false);
                }
                if (attempt % 4 == 3) {
                    raceTwoWriters(name, runDir);
                } else {
                    resumeAndCompare(name, runDir);
                }
            }
            Directories.deleteRecursively(runDir);
        }
        System.out.printf("crash test: %d kills (%d of them of a resumed run), %d snapshots verified, %d torn tails dropped"
                        + " (%d of them cut by the test), at most %d records lost to a kill (bound %d), %d reconstructions and %d resumes"
                        + " matched the clean run, %d second writers refused%n",
                kills, killedResumes, snapshotsVerified, tornTails, chunksCut, maxLost, 2L * BUFFER_RECORDS, reconstructions, resumes,
                races);
        assertTrue(kills >= wanted, kills + " of " + wanted + " kills landed while the run was alive");
    }

    /** A clean child's life: from its start to its whole end, and the part after its event log appeared. */
    private record Lifetime(long wholeNanos, long simulatingNanos) {
    }

    /** How long a whole run takes as a child JVM here, start-up included, and how long it simulates. */
    private Lifetime cleanChildLifetime() throws Exception {
        Path runDir = store.resolve("clean");
        long start = System.nanoTime();
        Process child = ChildJvm.start(store.resolve("clean.out"), Main.class, runArgs("clean", true, false));
        long logAppeared = awaitLog(child, runDir);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "a clean run finishes");
        long end = System.nanoTime();
        assertEquals(0, child.exitValue(), Files.readString(store.resolve("clean.out")));
        Directories.deleteRecursively(runDir);
        return new Lifetime(end - start, end - (logAppeared > 0 ? logAppeared : start));
    }

    /**
     * Waits until the run's event log exists; returns when, or 0 if the child ended first. The log is made by another
     * process, which has no way to signal this one, so the file is polled every millisecond.
     */
    private static long awaitLog(Process child, Path runDir) throws InterruptedException {
        Path codebook = EventLogLayout.codebook(EventLogLayout.logDir(runDir));
        while (child.isAlive()) {
            if (Files.exists(codebook)) {
                return System.nanoTime();
            }
            Thread.sleep(1);
        }
        return 0;
    }

    /**
     * Starts the run and kills it at a random moment; returns whether it was killed while alive and left its run
     * directory behind. {@code whileSimulating}: the moment is drawn from the part of its life after its event log
     * appeared (where the snapshots, chunks and torn tails are); otherwise from 30 to 95% of a whole run's life.
     */
    private boolean killAtRandom(String[] args, Lifetime lifetime, Path runDir, boolean whileSimulating) throws Exception {
        Path out = store.resolve("child.out");
        Process child = ChildJvm.start(out, Main.class, args);
        long delay;
        if (whileSimulating) {
            awaitLog(child, runDir);
            delay = (long) (lifetime.simulatingNanos() * random.nextDouble());
        } else {
            delay = (long) (lifetime.wholeNanos() * (0.3 + 0.65 * random.nextDouble()));
        }
        if (child.waitFor(delay, TimeUnit.NANOSECONDS)) {
            assertEquals(0, child.exitValue(), Files.readString(out));
            return false;
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        kills++;
        return Files.isDirectory(runDir);
    }

    /**
     * Cuts the newest chunk of the run's log at a random byte inside it, as a kill during its write leaves it;
     * returns how many records the chunk held (0 when the log has no chunk yet).
     */
    private long tearLastChunk(Path runDir) throws IOException {
        Path logDir = EventLogLayout.logDir(runDir);
        if (!Files.exists(EventLogLayout.codebook(logDir))) {
            return 0;
        }
        ChunkInfo last;
        try (EventLogReader log = EventLogReader.open(logDir)) {
            if (log.chunks().isEmpty() || log.tornTail().isPresent()) {
                return 0; // nothing to cut, or the kill itself tore the tail
            }
            last = log.chunks().get(log.chunks().size() - 1);
        }
        try (Stream<Path> files = Files.list(logDir)) {
            Path newestSegment = files.filter(f -> f.getFileName().toString().endsWith(".tlog")).max(Path::compareTo).orElseThrow();
            if (!newestSegment.equals(last.segment())) {
                return 0; // the writer has started a new, still empty segment: a cut here would be damage, not a torn tail
            }
        }
        long cutAt = last.offset() + 1 + (long) (random.nextDouble() * (last.end() - last.offset() - 1));
        try (FileChannel segment = FileChannel.open(last.segment(), StandardOpenOption.WRITE)) {
            segment.truncate(cutAt);
        }
        chunksCut++;
        return last.header().recordCount();
    }

    /**
     * The checks after a kill. {@code cutRecords}: the records of a chunk this test cut after the first kill of the
     * run, which may still count as lost; {@code cutJustMade}: the cut was made right before this check, so the log
     * must show it as its torn tail.
     */
    private void checkAfterKill(Path runDir, long cutRecords, boolean cutJustMade) throws IOException {
        try (RunStore run = Store.open(store).run(runDir.getFileName().toString())) {
            for (long tick : run.ticks()) {
                VerifyReport report = SnapshotVerifier.verify(run.snapshotDir(tick));
                assertTrue(report.ok(), report.summary());
                snapshotsVerified++;
            }
            assertTrue(run.ticks().stream().allMatch(t -> t % EVERY == 0 || t == TICKS), "snapshots " + run.ticks());
        }
        if (!Files.exists(EventLogLayout.codebook(EventLogLayout.logDir(runDir)))) {
            return;
        }
        try (EventLogReader log = EventLogReader.open(EventLogLayout.logDir(runDir))) {
            long lost = log.recordsLost();
            assertTrue(lost >= 0, "the append counter survives a kill -9");
            assertTrue(lost <= 2L * BUFFER_RECORDS + cutRecords, lost + " records lost; the bound is two buffers of " + BUFFER_RECORDS
                    + (cutRecords > 0 ? " plus the " + cutRecords + " records of the chunk this test cut" : ""));
            if (cutJustMade && cutRecords > 0) {
                assertTrue(log.tornTail().isPresent(), "a chunk cut short is reported as the torn tail");
                assertTrue(lost >= cutRecords, "the records of the cut chunk count as lost: " + lost + " < " + cutRecords);
            } else if (cutRecords == 0) {
                maxLost = Math.max(maxLost, lost);
            }
            tornTails += log.tornTail().isPresent() ? 1 : 0;
        }
        try (RunHistory history = RunHistory.open(runDir); RootAllocator allocator = new RootAllocator()) {
            long last = history.lastCompleteTick();
            if (last < 0 || history.run().tickAtOrBefore(last).isEmpty()) {
                return;
            }
            List<Long> ticks = new ArrayList<>();
            for (long t : history.snapshotTicks()) {
                if (t <= last) {
                    ticks.add(t);
                }
            }
            ticks.add(last);
            for (int i = 0; i < 3; i++) {
                ticks.add((long) random.nextInt((int) last + 1));
            }
            for (long t : ticks) {
                try (World world = history.reconstructAt(t, allocator)) {
                    assertEquals(clean.get((int) t), ContentHash.hex(world), runDir + " tick " + t);
                    reconstructions++;
                }
            }
        }
    }

    /**
     * Two resumes of the same run start at once: one takes the run's writer lock and finishes it, the other is
     * refused naming the run and the holder's pid (or, when the first was already done, finds the run complete). The
     * run must end as the clean run with its whole log readable: nothing torn, nothing lost, nothing cut twice.
     */
    private void raceTwoWriters(String name, Path runDir) throws Exception {
        Path outA = store.resolve("race-a.out");
        Path outB = store.resolve("race-b.out");
        Process a = ChildJvm.start(outA, Main.class, runArgs(name, true, true));
        Process b = ChildJvm.start(outB, Main.class, runArgs(name, true, true));
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS), "both writers end");
        int succeeded = 0;
        for (Process p : List.of(a, b)) {
            Path out = p == a ? outA : outB;
            if (p.exitValue() == 0) {
                succeeded++;
            } else {
                String text = Files.readString(out);
                assertEquals(1, p.exitValue(), text);
                assertTrue(text.contains("run '" + name + "' is being written by pid "), text);
                races++;
            }
        }
        assertTrue(succeeded >= 1, "one of two racing writers finishes the run");
        try (RunHistory history = RunHistory.open(runDir); RootAllocator allocator = new RootAllocator()) {
            assertEquals(TICKS, history.lastCompleteTick());
            assertTrue(history.log().tornTail().isEmpty(), "no torn tail after the race");
            assertEquals(0, history.log().recordsLost(), "no record lost in the race");
            try (World world = history.reconstructAt(TICKS, allocator)) {
                assertEquals(clean.get(TICKS), ContentHash.hex(world), "the raced run ends as the clean run");
            }
        }
        resumes++;
    }

    private void resumeAndCompare(String name, Path runDir) throws IOException {
        CliRunner.Result resumed = CliRunner.run("run", "--store", store.toString(), "--run", name, "--resume", "--json");
        assertEquals(0, resumed.exitCode(), resumed::toString);
        JsonNode doc = JSON.readTree(resumed.out());
        assertEquals(TICKS, doc.get("finalTick").asLong());
        assertEquals(clean.get(TICKS), doc.get("worldHash").asText(), "the resumed run ends as the clean run");
        resumes++;
        try (RunHistory history = RunHistory.open(runDir); RootAllocator allocator = new RootAllocator()) {
            assertEquals(TICKS, history.lastCompleteTick());
            assertTrue(history.log().tornTail().isEmpty());
            for (int i = 0; i < 3; i++) {
                long t = random.nextInt(TICKS + 1);
                try (World world = history.reconstructAt(t, allocator)) {
                    assertEquals(clean.get((int) t), ContentHash.hex(world), "after resume, tick " + t);
                    reconstructions++;
                }
            }
        }
    }
}
