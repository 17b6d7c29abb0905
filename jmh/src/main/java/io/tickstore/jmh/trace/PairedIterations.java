package io.tickstore.jmh.trace;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The alternation the paired trace benchmarks share: even iterations untraced, odd ones traced, and the CPU time the
 * benchmark thread spends in each, appended as {@code LABEL SINK SIDE NANOS} to the file the system property
 * {@code tickstore.cpuTimes} names ({@code jmh/trace-overhead.sh} reads it). Call {@link #next} at the start of an
 * iteration's setup, {@link #startClock} at its end, and {@link #finish} at the start of its teardown, on the
 * benchmark thread, so the setup's own work is not counted.
 */
final class PairedIterations {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long iteration;
    private boolean traced;
    private long cpuAtStart;

    /** Moves to the next iteration; returns whether it is a traced one. */
    boolean next() {
        traced = iteration++ % 2 == 1;
        return traced;
    }

    /** Starts counting the iteration's CPU time. */
    void startClock() {
        cpuAtStart = THREADS.getCurrentThreadCpuTime();
    }

    /** Ends an iteration, writing its CPU time under {@code label} and {@code sink} when asked to. */
    void finish(String label, String sink) throws IOException {
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
        String file = System.getProperty("tickstore.cpuTimes");
        if (file != null) {
            Files.writeString(Path.of(file), label + " " + sink + " " + (traced ? "traced" : "untraced") + " " + cpu + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
