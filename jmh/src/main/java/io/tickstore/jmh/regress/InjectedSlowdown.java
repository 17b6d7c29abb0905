package io.tickstore.jmh.regress;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import java.util.HashMap;
import java.util.Map;

/**
 * A deliberate slowdown of chosen benchmarks, to check that a comparison with the baseline catches one: the
 * environment variable {@value #VARIABLE} lists {@code Benchmark=microseconds} pairs ({@code
 * SnapshotWriteBenchmark=10000}), and {@link #pay} spins that long in each operation of the benchmarks named.
 * Unset, it costs one read of a final field. It is read from the environment because the forked benchmark JVMs
 * inherit the environment, not the runner's system properties.
 */
public final class InjectedSlowdown {
    public static final String VARIABLE = "TICKSTORE_JMH_SLOWDOWN";
    private static final Map<String, Long> NANOS = parse(System.getenv(VARIABLE));

    private InjectedSlowdown() {
    }

    /** The nanoseconds an operation of {@code benchmark} (a simple class name) spins; 0 unless asked for. */
    public static long nanosFor(String benchmark) {
        return NANOS.getOrDefault(benchmark, 0L);
    }

    /** Spins {@code nanos} nanoseconds (0: returns at once). */
    public static void pay(long nanos) {
        if (nanos <= 0) {
            return;
        }
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    static Map<String, Long> parse(String spec) {
        Map<String, Long> out = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String pair : spec.split(",")) {
            String[] kv = pair.trim().split("=");
            if (kv.length != 2) {
                throw new TickstoreException(Problem.INVALID_ARGUMENT, VARIABLE + ": '" + pair + "' is not Benchmark=microseconds");
            }
            try {
                out.put(kv[0].trim(), Long.parseLong(kv[1].trim()) * 1000);
            } catch (NumberFormatException e) {
                throw new TickstoreException(Problem.INVALID_ARGUMENT, VARIABLE + ": '" + kv[1] + "' is not a number of microseconds");
            }
        }
        return out;
    }
}
