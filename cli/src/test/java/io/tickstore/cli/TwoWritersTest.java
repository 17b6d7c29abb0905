package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.replay.RunHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per run across processes: while a run is being written by one process, a second {@code run --resume}
 * of it is refused naming the run and the first process's pid and changes nothing; once the first is killed with
 * SIGKILL the kernel has released its lock and the resume goes ahead.
 */
class TwoWritersTest {
    @TempDir
    Path store;

    @Test
    void aSecondWriterIsRefusedWhileTheFirstLivesAndAdmittedOnceItIsKilled() throws Exception {
        Path runDir = store.resolve("busy");
        Process first = ChildJvm.start(store.resolve("first.out"), Main.class, "run", "--store", store.toString(), "--run", "busy",
                "--entities", "20000", "--ticks", "100000", "--checkpoint-every", "50", "--no-fsync");
        try {
            Path codebook = EventLogLayout.codebook(EventLogLayout.logDir(runDir));
            // the first writer is another process, which cannot signal this one: its log appearing is the sign it runs
            while (first.isAlive() && !Files.exists(codebook)) {
                Thread.sleep(5);
            }
            assertTrue(first.isAlive(), Files.readString(store.resolve("first.out")));
            byte[] settingsBefore = Files.readAllBytes(runDir.resolve("run.json"));
            CliRunner.Result second = CliRunner.run("run", "--store", store.toString(), "--run", "busy", "--resume");
            assertEquals(1, second.exitCode(), second::toString);
            assertTrue(second.err().contains("run 'busy' is being written by pid " + first.pid()), second::toString);
            assertTrue(second.err().contains("one writer per run"), second::toString);
            assertEquals(new String(settingsBefore), new String(Files.readAllBytes(runDir.resolve("run.json"))),
                    "the refused writer changed nothing");
            CliRunner.Result live = CliRunner.run("inspect", runDir.toString(), "--json");
            assertTrue(live.out().contains("\"status\" : \"running\""), live::toString);
        } finally {
            first.destroyForcibly();
            assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        }
        CliRunner.Result killed = CliRunner.run("inspect", runDir.toString(), "--json");
        assertTrue(killed.out().contains("\"status\" : \"crashed\""), killed::toString);
        long reached;
        try (RunHistory history = RunHistory.open(runDir)) {
            reached = Math.max(0, history.lastCompleteTick());
        }
        CliRunner.Result resumed = CliRunner.run("run", "--store", store.toString(), "--run", "busy", "--resume", "--ticks",
                Long.toString(reached + 10), "--json");
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.out().contains("\"previousStatus\" : \"crashed\""), resumed::toString);
    }
}
