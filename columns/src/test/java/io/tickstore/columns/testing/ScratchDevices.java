package io.tickstore.columns.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Character devices for tests that write to one: {@code /dev/null} and {@code /dev/full}, or, where this user could
 * replace those (root may rename over anything in {@code /dev}), private device nodes with the same numbers in the
 * test's own directory. Code that wrongly renames a file over its output then replaces a scratch node, never the
 * machine's {@code /dev/null}. Where neither is possible the test is skipped, saying why.
 */
public final class ScratchDevices {
    private static final Path DEV = Path.of("/dev");

    private ScratchDevices() {
    }

    /** A device that swallows every write (character device 1,3). */
    public static Path nullDevice(Path scratchDir) {
        return device(scratchDir, "null", 3);
    }

    /** A device whose every write fails with "No space left on device" (character device 1,7). */
    public static Path fullDevice(Path scratchDir) {
        return device(scratchDir, "full", 7);
    }

    private static Path device(Path scratchDir, String name, int minor) {
        Path system = DEV.resolve(name);
        Assumptions.assumeTrue(Files.exists(system) && !Files.isRegularFile(system), system + " is not a device on this system");
        if (!Files.isWritable(DEV)) {
            return system;
        }
        Path node = scratchDir.resolve(name);
        try {
            Process mknod = new ProcessBuilder("mknod", node.toString(), "c", "1", Integer.toString(minor))
                    .redirectErrorStream(true).start();
            String output = new String(mknod.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            boolean made = mknod.waitFor(30, TimeUnit.SECONDS) && mknod.exitValue() == 0;
            Assumptions.assumeTrue(made && opens(node), "this user could replace " + system
                    + ", and no usable scratch device node can be made here (" + output + "): skipped rather than risk it");
        } catch (IOException e) {
            Assumptions.abort("this user could replace " + system + ", and mknod cannot run here (" + e.getMessage()
                    + "): skipped rather than risk it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Assumptions.abort("interrupted while making a scratch device node");
        }
        return node;
    }

    /** A node on a file system mounted nodev exists but does not open. */
    private static boolean opens(Path node) {
        try {
            FileChannel.open(node, StandardOpenOption.WRITE).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
