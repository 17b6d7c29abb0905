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

    /**
     * A POSIX lock is lost when its process closes any descriptor of the file: asking whether the run is held, from
     * the holder's own JVM, must not open (and close) the lock file. The kernel's table, {@code /proc/locks}, says.
     */
    @Test
    void askingInTheHoldersJvmLeavesTheLockWithTheKernel() throws IOException {
        Path locks = Path.of("/proc/locks");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(locks), "no /proc/locks to ask the kernel");
        Path run = Files.createDirectory(dir.resolve("delta"));
        try (RunLock lock = RunLock.acquire(run)) {
            // the same directory under another name: the identity of the file counts, not its path
            Path renamed = dir.resolve("delta-renamed");
            Files.move(run, renamed);
            assertTrue(kernelLists(locks, renamed.resolve(RunLock.FILE)));
            for (int i = 0; i < 3; i++) {
                assertEquals(Optional.of(true), RunLock.isHeld(renamed));
            }
            assertTrue(kernelLists(locks, renamed.resolve(RunLock.FILE)), "the lock outlives the questions");
        }
        assertEquals(Optional.of(false), RunLock.isHeld(dir.resolve("delta-renamed")));
    }

    private static boolean kernelLists(Path locks, Path file) throws IOException {
        long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        String pid = " " + ProcessHandle.current().pid() + " ";
        return Files.readAllLines(locks).stream().anyMatch(l -> l.contains("POSIX") && l.contains(pid) && l.contains(":" + inode + " "));
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
