package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command says when the file system is in the way: the path at fault first, then the cause in words
 * ("permission denied", "is not a directory"), one line, never just a path and never a class name.
 */
class CliErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aStorePathThatIsAFileSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("store"), "not a store\n");
        CliRunner.Result result = CliRunner.run("run", "--store", file.toString(), "--run", "r", "--entities", "10", "--ticks", "1");
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("tickstore: " + file + ": already exists and is not a directory (a store is a directory of runs)",
                result.err().strip());

        CliRunner.Result below = CliRunner.run("run", "--store", file.resolve("runs").toString(), "--run", "r", "--entities", "10",
                "--ticks", "1");
        assertEquals(1, below.exitCode(), below::toString);
        assertEquals("tickstore: " + file + ": is a file, not a directory; the store " + file.resolve("runs")
                + " cannot be created under it", below.err().strip());
        assertEquals("not a store\n", Files.readString(file));
    }

    @Test
    void aStoreThatMayNotBeWrittenSaysPermissionDenied() throws IOException {
        Path store = Files.createDirectory(dir.resolve("store"));
        Set<PosixFilePermission> was = Files.getPosixFilePermissions(store);
        Files.setPosixFilePermissions(store, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE));
        try {
            Assumptions.assumeFalse(Files.isWritable(store), "this user writes directories whatever their permissions"
                    + " (root?): skipped; as root, run under setpriv --bounding-set=-dac_override,-dac_read_search to include it");
            CliRunner.Result result = CliRunner.run("run", "--store", store.toString(), "--run", "r", "--entities", "10", "--ticks", "1");
            assertEquals(1, result.exitCode(), result::toString);
            assertTrue(result.err().startsWith("tickstore: " + store + ": permission denied (cannot create "), result::toString);
            assertEquals(1, result.err().strip().lines().count(), result::toString);
        } finally {
            Files.setPosixFilePermissions(store, was);
        }
    }

    @Test
    void verifyCallsAFileItMayNotReadUnreadableNotDamaged() throws IOException {
        CliRunner.Result made = CliRunner.run("run", "--store", dir.toString(), "--run", "r", "--entities", "50", "--ticks", "1",
                "--checkpoint-every", "1", "--no-fsync");
        assertEquals(0, made.exitCode(), made::toString);
        Path locked = dir.resolve("r/tick-00000000000000000001/creatures/energy.npy");
        Set<PosixFilePermission> was = Files.getPosixFilePermissions(locked);
        Files.setPosixFilePermissions(locked, Set.of());
        try {
            Assumptions.assumeFalse(Files.isReadable(locked), "this user reads files whatever their permissions (root?):"
                    + " skipped; as root, run under setpriv --bounding-set=-dac_override,-dac_read_search to include it");
            CliRunner.Result result = CliRunner.run("verify", dir.resolve("r").toString());
            assertEquals(1, result.exitCode(), result::toString);
            String line = result.err().strip();
            assertTrue(line.startsWith("tickstore: verify failed: UNREADABLE " + locked + " "), result::toString);
            assertTrue(line.endsWith(": cannot be read: permission denied"), result::toString);
            assertFalse(result.out().contains("BAD_HEADER"), result::toString);
        } finally {
            Files.setPosixFilePermissions(locked, was);
        }
    }
}
