package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstore.recording.Recording;
import io.tickstore.recording.RunStatus;
import io.tickstore.snapshot.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) or SIGTERM during {@code run}, sent to a real child process: the tick finishes, the log is flushed,
 * the last tick is checkpointed whole, the run says how to continue and exits 128 + the signal; the resumed run is the
 * clean run. A second Ctrl-C stops at once, and the run survives that too.
 */
class CliSignalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTERRUPTED = Pattern.compile("tickstore: interrupted at tick (\\d+); continue with: (.*)");

    @TempDir
    Path dir;

    private Process startRun(Path out, int entities, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--store", dir.toString(), "--run", "r", "--entities", Integer.toString(entities),
                "--ticks", "100000000", "--checkpoint-every", "40", "--seed", "5", "--no-fsync"));
        args.addAll(List.of(extra));
        return ChildJvm.start(out, Main.class, args.toArray(new String[0]));
    }

    /** Waits until the run has a snapshot past tick 0, so the signal lands in the middle of the tick loop. */
    private void awaitTicks(Process child, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.isDirectory(dir.resolve("r/tick-00000000000000000040"))) {
            assertTrue(child.isAlive() && System.nanoTime() < deadline, "the run gets going: " + read(out));
            Thread.sleep(20);
        }
    }

    /** Sends the signal to the child alone, by its process id. */
    private static void signal(Process child, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).redirectErrorStream(true).start();
        kill.getInputStream().readAllBytes();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
        assertTrue(kill.exitValue() == 0 || !child.isAlive(), "kill -" + name + " " + child.pid());
    }

    private static String read(Path out) throws IOException {
        return Files.exists(out) ? Files.readString(out) : "";
    }

    @Test
    void ctrlCFinishesTheTickPublishesItWholeAndSaysHowToContinue() throws Exception {
        stopsGracefully("INT", ExitCodes.INTERRUPTED);
    }

    @Test
    void sigtermStopsTheSameWay() throws Exception {
        stopsGracefully("TERM", ExitCodes.TERMINATED);
    }

    private void stopsGracefully(String signal, int exitCode) throws Exception {
        Path out = dir.resolve("out.txt");
        Process child = startRun(out, 1500);
        awaitTicks(child, out);
        signal(child, signal);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the run stops: " + read(out));
        String output = read(out);
        assertEquals(exitCode, child.exitValue(), output);
        assertTrue(output.contains("tickstore: SIG" + signal + ": finishing the tick in progress, then stopping"), output);
        Matcher m = INTERRUPTED.matcher(output);
        assertTrue(m.find(), output);
        long tick = Long.parseLong(m.group(1));
        assertEquals("./tickstore run --resume --store " + dir + " --run r", m.group(2));
        Path run = dir.resolve("r");
        assertEquals(RunStatus.INTERRUPTED, Recording.readSettings(run).status());
        try (RunStore store = RunStore.openReadOnly(run)) {
            assertEquals(tick, store.latestTick().getAsLong(), "the tick it stopped at is checkpointed");
        }
        CliRunner.Result verify = CliRunner.run("verify", run.toString());
        assertEquals(0, verify.exitCode(), verify::toString);
        assertEquals("", verify.err(), "nothing torn: the log was flushed");
        resumesToTheCleanRun(tick);
    }

    @Test
    void aSecondCtrlCStopsAtOnceAndTheRunStillResumes() throws Exception {
        Path out = dir.resolve("out.txt");
        // a journal makes the graceful stop take a while (the last checkpoint is journaled before the run closes)
        Process child = startRun(out, 60_000, "--persist", "sqlite:" + dir.resolve("j.sqlite"));
        awaitTicks(child, out);
        signal(child, "INT");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!read(out).contains("press Ctrl-C again") && child.isAlive()) {
            assertTrue(System.nanoTime() < deadline, read(out));
            Thread.sleep(5);
        }
        if (child.isAlive()) {
            signal(child, "INT");
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), read(out));
        String output = read(out);
        assertEquals(ExitCodes.INTERRUPTED, child.exitValue(), output);
        if (output.contains("SIGINT again: stopped at once")) {
            assertTrue(output.contains("the run resumes from its last complete chunk with ./tickstore run --resume --store " + dir
                    + " --run r"), output);
        } else {
            // the graceful stop was quicker than the second signal: it finished as the first one asked
            assertTrue(INTERRUPTED.matcher(output).find(), output);
        }
        CliRunner.Result resumed = CliRunner.run("run", "--resume", "--store", dir.toString(), "--run", "r", "--ticks", "60", "--json");
        assertTrue(resumed.exitCode() == 0 || resumed.err().contains("past --ticks"), resumed::toString);
        CliRunner.Result verify = CliRunner.run("verify", dir.resolve("r").toString());
        assertEquals(0, verify.exitCode(), verify::toString);
    }

    /** Resumes the run a few ticks past where it stopped and compares with the same run made in one go, in this JVM. */
    private void resumesToTheCleanRun(long stoppedAt) throws IOException {
        long end = stoppedAt + 3;
        CliRunner.Result resumed = CliRunner.run("run", "--resume", "--store", dir.toString(), "--run", "r", "--ticks",
                Long.toString(end), "--json");
        assertEquals(0, resumed.exitCode(), resumed::toString);
        String hash = JSON.readTree(resumed.out()).get("worldHash").asText();
        assertEquals(LiveRuns.hashes(5, 1500, (int) end).get((int) end), hash, "the resumed run is the clean run");
    }
}
