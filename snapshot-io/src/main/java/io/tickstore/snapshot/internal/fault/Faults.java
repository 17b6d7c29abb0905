package io.tickstore.snapshot.internal.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Fault injection for tests, in the spirit of SQLite's I/O error tests and QuestDB's fault-injecting files facade:
 * every durable write step calls {@link #at}, which does nothing unless a test has installed a {@link Plan}. A plan
 * fails the n-th time a chosen point is reached: with "no space left on device", with an I/O error, or by ending the
 * process on the spot (for tests that run Tickstore in a child JVM and then check what it left behind).
 *
 * <p>In production no plan is installed and {@code at} is one volatile read. Plans are installed by test code only;
 * nothing in Tickstore installs one.
 */
public final class Faults {
    /** What a plan does when its point is reached. */
    public enum Kind {
        /** Throws an IOException saying no space is left on the device, naming the file. */
        NO_SPACE,
        /** Throws an IOException saying the device failed, naming the file. */
        IO_ERROR,
        /** Ends the process at once (exit status 137, no shutdown hooks): what kill -9 or a power cut leaves. */
        DEATH
    }

    /**
     * Fail the {@code occurrence}-th arrival at {@code point} (1 is the first) with {@code kind}; earlier and later
     * arrivals pass.
     *
     * @param point where
     * @param kind how
     * @param occurrence which arrival
     */
    public record Plan(FaultPoint point, Kind kind, int occurrence) {
        public Plan {
            Objects.requireNonNull(point, "point");
            Objects.requireNonNull(kind, "kind");
            if (occurrence < 1) {
                throw new IllegalArgumentException("occurrence " + occurrence + " must be at least 1");
            }
        }
    }

    private static volatile Plan plan;
    private static volatile int arrivals;
    private static volatile boolean fired;

    private Faults() {
    }

    /** Installs a plan (replacing any other) and resets its count. */
    public static synchronized void install(Plan newPlan) {
        arrivals = 0;
        fired = false;
        plan = Objects.requireNonNull(newPlan, "plan");
    }

    /** Removes the plan. */
    public static synchronized void clear() {
        plan = null;
        arrivals = 0;
        fired = false;
    }

    /** Whether the installed plan has fired. */
    public static boolean fired() {
        return fired;
    }

    /** How many times the installed plan's point was reached. */
    public static int arrivals() {
        return arrivals;
    }

    /** A write step reached {@code point} on {@code file}: fails here if a plan says so. */
    public static void at(FaultPoint point, Path file) throws IOException {
        Plan p = plan;
        if (p == null || p.point() != point) {
            return;
        }
        reached(p, file);
    }

    /**
     * Like {@link #at} for a step that writes {@code bytes}: when the plan fires here, {@code partial} is first run
     * with half of them, so a torn write is left behind, as a device that fills up in the middle of a write leaves it.
     */
    public static void atWrite(FaultPoint point, Path file, PartialWrite partial) throws IOException {
        Plan p = plan;
        if (p == null || p.point() != point) {
            return;
        }
        if (willFire(p)) {
            partial.writeHalf();
        }
        reached(p, file);
    }

    /** Writes part of what a step was about to write, before the fault. */
    @FunctionalInterface
    public interface PartialWrite {
        void writeHalf() throws IOException;
    }

    private static synchronized boolean willFire(Plan p) {
        return !fired && arrivals + 1 == p.occurrence();
    }

    private static void reached(Plan p, Path file) throws IOException {
        synchronized (Faults.class) {
            if (fired || ++arrivals != p.occurrence()) {
                return;
            }
            fired = true;
        }
        switch (p.kind()) {
            case NO_SPACE:
                throw new IOException(file + ": No space left on device (injected at " + p.point() + ")");
            case IO_ERROR:
                throw new IOException(file + ": Input/output error (injected at " + p.point() + ")");
            default:
                Runtime.getRuntime().halt(137);
        }
    }
}
