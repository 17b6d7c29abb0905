package io.tickstore.snapshot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.TickstoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per run, in one JVM; the cross-process cases run the CLI as child processes (cli's TwoWritersTest). */
class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondWriterInTheSameJvmIsRefusedNamingTheRun() throws IOException {
        Path run = Files.createDirectory(dir.resolve("alpha"));
        try (RunLock first = RunLock.acquire(run)) {
            TickstoreException e = assertThrows(TickstoreException.class, () -> RunLock.acquire(run));
            assertEquals(TickstoreException.Problem.RUN_LOCKED, e.problem());
            assertTrue(e.getMessage().startsWith(run + ": run 'alpha' is being written by this process"), e.getMessage());
            assertEquals(Optional.of(true), RunLock.isHeld(run));
        }
        try (RunLock again = RunLock.acquire(run)) {
            assertTrue(Files.readString(again.file()).startsWith("pid=" + ProcessHandle.current().pid() + " "),
                    "the holder writes its pid for the message a second writer gets");
        }
        assertEquals(Optional.of(false), RunLock.isHeld(run));
    }

    @Test
    void closingIsIdempotentAndTheFileStays() throws IOException {
        Path run = Files.createDirectory(dir.resolve("beta"));
        RunLock lock = RunLock.acquire(run);
        lock.close();
        lock.close();
        assertTrue(Files.exists(run.resolve(RunLock.FILE)), "the lock file stays: deleting it would let two writers lock two files");
    }

    @Test
    void aRunThatHasNeverBeenWrittenIsNotHeldAndNothingIsCreatedByAsking() throws IOException {
        Path run = Files.createDirectory(dir.resolve("gamma"));
        assertEquals(Optional.empty(), RunLock.isHeld(run));
        assertTrue(Files.notExists(run.resolve(RunLock.FILE)));
    }

    @Test
    void aMissingRunDirectoryIsNotCreated() {
        Path run = dir.resolve("missing");
        assertThrows(IOException.class, () -> RunLock.acquire(run));
        assertTrue(Files.notExists(run));
    }
}
