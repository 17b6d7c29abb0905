package io.tickstore.recording;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariant checks a recording runs at the end of each tick, each every so many ticks. With none registered a
 * tick end costs one length test and returns a shared empty list; when every check is due it returns one list made
 * when the recording started: a tick end allocates only when some checks are skipped.
 */
final class InvariantChecks {
    static final InvariantChecks NONE = new InvariantChecks(List.of());

    /** A check as registered: its name, how often it runs (every {@code everyTicks}-th tick), the check. */
    record Registered(String name, long everyTicks, InvariantCheck check) {
        Registered {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an invariant check needs a name (what its failure will be called)");
            }
            if (everyTicks < 1) {
                throw new IllegalArgumentException("invariant '" + name + "' every " + everyTicks + " ticks: must be at least 1");
            }
            if (check == null) {
                throw new NullPointerException("invariant '" + name + "': check");
            }
        }
    }

    private final Registered[] checks;
    private final List<String> allNames;

    InvariantChecks(List<Registered> checks) {
        this.checks = checks.toArray(new Registered[0]);
        List<String> names = new ArrayList<>(checks.size());
        for (Registered r : checks) {
            names.add(r.name());
        }
        this.allNames = List.copyOf(names);
    }

    boolean isEmpty() {
        return checks.length == 0;
    }

    /**
     * Runs the checks due at {@code world.tick()}, in the order registered, and returns the names of those that ran;
     * throws {@link Problem#INVARIANT_VIOLATED} naming the run, the check, the tick and what the check said at the
     * first that fails.
     */
    List<String> runAt(World world, Path runDir) {
        if (checks.length == 0) {
            return List.of();
        }
        long tick = world.tick();
        int ran = 0;
        for (Registered r : checks) {
            if (tick % r.everyTicks() != 0) {
                continue;
            }
            String violation;
            try {
                violation = r.check().violation(world);
            } catch (Exception e) {
                throw violated(runDir, r, tick, e.getMessage() == null ? e.getClass().getName() : e.getMessage(), e);
            }
            if (violation != null) {
                throw violated(runDir, r, tick, violation, null);
            }
            ran++;
        }
        if (ran == checks.length) {
            return allNames;
        }
        List<String> names = new ArrayList<>(ran);
        for (Registered r : checks) {
            if (tick % r.everyTicks() == 0) {
                names.add(r.name());
            }
        }
        return names;
    }

    private static TickstoreException violated(Path runDir, Registered r, long tick, String message, Throwable cause) {
        return new TickstoreException(Problem.INVARIANT_VIOLATED, runDir + ": invariant '" + r.name() + "' failed at tick "
                + tick + ": " + message + "; tick " + tick + " was not recorded, the run resumes from tick " + (tick - 1), cause);
    }
}
