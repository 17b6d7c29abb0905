package io.tickstore.jmh.regress;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run was measured on: ratios from different machines are not comparable, so a baseline names its own.
 *
 * @param host        host name
 * @param cores       processors available to the JVM
 * @param memoryBytes physical memory ({@code MemTotal} of /proc/meminfo), 0 where unknown
 * @param kernel      operating system and kernel release
 * @param arch        processor architecture
 */
public record Machine(String host, int cores, long memoryBytes, String kernel, String arch) {

    /** This machine, as the JVM and /proc see it. */
    static Machine current() {
        return new Machine(hostName(), Runtime.getRuntime().availableProcessors(), memTotal(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"));
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or not readable: the memory is then recorded as unknown.
        }
        return 0;
    }
}
