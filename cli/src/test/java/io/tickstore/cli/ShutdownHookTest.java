package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.snapshot.eventlog.EventLogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An orderly exit loses nothing: the event log's shutdown hook writes what was appended but never flushed. */
class ShutdownHookTest {
    @TempDir
    Path dir;

    @Test
    void systemExitWithoutCloseKeepsEveryAppendedRecord() throws Exception {
        Path logDir = dir.resolve("events");
        Process child = ChildJvm.start(dir.resolve("out.txt"), ShutdownHookProbe.class, logDir.toString(), "2500", "exit");
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the probe exits");
        assertEquals(0, child.exitValue(), Files.readString(dir.resolve("out.txt")));
        try (EventLogReader log = EventLogReader.open(logDir)) {
            assertEquals(2500, log.recordCount(), "two full buffers plus the 500 records of the third");
            assertEquals(0, log.recordsLost());
        }
    }

    @Test
    void sigtermKeepsEveryAppendedRecord() throws Exception {
        Path logDir = dir.resolve("events");
        Path out = dir.resolve("out.txt");
        Process child = ChildJvm.start(out, ShutdownHookProbe.class, logDir.toString(), "1234", "wait");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("ready")) {
            assertTrue(child.isAlive() && System.nanoTime() < deadline, "the probe says ready: " + Files.readString(out));
            child.waitFor(20, TimeUnit.MILLISECONDS);
        }
        child.destroy();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        try (EventLogReader log = EventLogReader.open(logDir)) {
            assertEquals(1234, log.recordCount());
        }
    }
}
