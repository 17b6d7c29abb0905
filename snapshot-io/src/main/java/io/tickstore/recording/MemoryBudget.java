package io.tickstore.recording;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import java.lang.management.ManagementFactory;

/**
 * Checks that a run fits in memory before anything is allocated or created: a world of N entities needs its
 * tables, two checkpoint staging copies of them, and the event log's buffers, all off-heap. Asking for more than
 * the machine has must end in a sentence saying what fits, not in an OutOfMemoryError half way through creating
 * a run.
 */
final class MemoryBudget {
    /** Tables grow by half when full and staging copies keep an eighth of headroom: budget for both. */
    static final double TABLE_HEADROOM = 1.25;
    static final int STAGING_COPIES = 2;

    private MemoryBudget() {
    }

    /** Physical memory this JVM may use: the container's limit where there is one (the JDK reads cgroups). */
    static long availableBytes() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            long total = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
            if (total > 0) {
                return total;
            }
        }
        return Long.MAX_VALUE;
    }

    /** Bytes a run of {@code entities} entities of {@code bytesPerEntity} needs, log buffers included. */
    static long needed(long entities, long bytesPerEntity, long logBytes) {
        double world = (double) entities * bytesPerEntity * TABLE_HEADROOM;
        double total = world * (1 + STAGING_COPIES) + logBytes;
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }

    /**
     * Throws {@link Problem#WONT_FIT} when {@code entities} entities will not fit in {@code available} bytes,
     * saying how many would.
     */
    static void check(String what, long entities, long bytesPerEntity, long logBytes, long available) {
        long needed = needed(entities, bytesPerEntity, logBytes);
        if (needed <= available) {
            return;
        }
        long perEntity = (long) Math.ceil(bytesPerEntity * TABLE_HEADROOM * (1 + STAGING_COPIES));
        long fit = Math.max(0, (available - logBytes) / Math.max(1, perEntity));
        throw new TickstoreException(Problem.WONT_FIT, what + ": " + entities + " entities need about " + bytes(needed)
                + " of memory (" + bytesPerEntity + " bytes an entity, the tables with room to grow and two checkpoint copies)"
                + " but this machine has " + bytes(available) + "; at most about " + fit + " entities fit");
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
