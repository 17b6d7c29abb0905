package io.tickstore.snapshot.store;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which snapshots of a run to keep. A policy keeps a tick if any of its parts keeps it; the newest snapshot is
 * always kept, so applying a policy never loses a run's latest state.
 *
 * <pre>
 * RetentionPolicy.everyNth(1000).and(RetentionPolicy.lastK(5))   // every 1000th tick, plus the 5 newest
 * </pre>
 */
public final class RetentionPolicy {
    private final boolean keepAll;
    private final long everyNth;
    private final int lastK;

    private RetentionPolicy(boolean keepAll, long everyNth, int lastK) {
        this.keepAll = keepAll;
        this.everyNth = everyNth;
        this.lastK = lastK;
    }

    /** Keeps everything: applying it deletes nothing. */
    public static RetentionPolicy keepAll() {
        return new RetentionPolicy(true, 0, 0);
    }

    /** Keeps the snapshots whose tick is a multiple of {@code n} (tick 0 included). */
    public static RetentionPolicy everyNth(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("everyNth needs n >= 1, not " + n);
        }
        return new RetentionPolicy(false, n, 0);
    }

    /** Keeps the {@code k} newest snapshots. */
    public static RetentionPolicy lastK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("lastK needs k >= 1, not " + k + " (the newest snapshot is always kept)");
        }
        return new RetentionPolicy(false, 0, k);
    }

    /**
     * A policy that keeps what either keeps. Combining two {@code everyNth} (or two {@code lastK}) is refused
     * because it rarely means what it says; combine one of each.
     */
    public RetentionPolicy and(RetentionPolicy other) {
        if (keepAll || other.keepAll) {
            return keepAll();
        }
        if (everyNth != 0 && other.everyNth != 0 || lastK != 0 && other.lastK != 0) {
            throw new IllegalArgumentException("cannot combine " + this + " with " + other + ": combine one everyNth with one lastK");
        }
        return new RetentionPolicy(false, Math.max(everyNth, other.everyNth), Math.max(lastK, other.lastK));
    }

    /** The ticks this policy deletes out of {@code ticks} (any order), ascending. */
    public List<Long> toDelete(List<Long> ticks) {
        TreeSet<Long> sorted = new TreeSet<>(ticks);
        List<Long> delete = new ArrayList<>();
        if (keepAll || sorted.isEmpty()) {
            return delete;
        }
        List<Long> ascending = new ArrayList<>(sorted);
        int firstOfLastK = ascending.size() - Math.max(1, lastK);
        for (int i = 0; i < ascending.size(); i++) {
            long tick = ascending.get(i);
            boolean kept = i >= firstOfLastK || everyNth != 0 && tick % everyNth == 0;
            if (!kept) {
                delete.add(tick);
            }
        }
        return delete;
    }

    @Override
    public String toString() {
        if (keepAll) {
            return "keepAll";
        }
        List<String> parts = new ArrayList<>();
        if (everyNth != 0) {
            parts.add("everyNth(" + everyNth + ")");
        }
        if (lastK != 0) {
            parts.add("lastK(" + lastK + ")");
        }
        return String.join(" and ", parts);
    }
}
