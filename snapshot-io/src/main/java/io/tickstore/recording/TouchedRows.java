package io.tickstore.recording;

import java.util.Arrays;

/**
 * The rows of one table that a tick touched: added or written during the tick and still live when it ended, by
 * entity id in ascending order. What a journal that writes only the changed rows of a table (a sparse tier) writes.
 * Immutable; made once per tick per table, never per write.
 */
public final class TouchedRows {
    private static final long[] NONE = new long[0];

    private final String table;
    private final long[] ids;

    private TouchedRows(String table, long[] ids) {
        this.table = table;
        this.ids = ids;
    }

    /** No row of {@code table} touched. */
    public static TouchedRows none(String table) {
        return new TouchedRows(table, NONE);
    }

    /** The rows of {@code ids} (any order, duplicates allowed). */
    public static TouchedRows of(String table, long... ids) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return new TouchedRows(table, n == sorted.length ? sorted : Arrays.copyOf(sorted, n));
    }

    /** Takes ids that are ascending and distinct already, without copying them. */
    static TouchedRows ascending(String table, long[] ids) {
        return new TouchedRows(table, ids.length == 0 ? NONE : ids);
    }

    /** The rows touched in either: the rows a journaled tick holds when it stands for several ticks. */
    public TouchedRows union(TouchedRows other) {
        if (!table.equals(other.table)) {
            throw new IllegalArgumentException("rows of table '" + table + "' and of table '" + other.table + "' do not add up");
        }
        if (other.ids.length == 0) {
            return this;
        }
        if (ids.length == 0) {
            return other;
        }
        long[] merged = new long[ids.length + other.ids.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < ids.length || j < other.ids.length) {
            long next;
            if (j == other.ids.length || (i < ids.length && ids[i] <= other.ids[j])) {
                next = ids[i++];
            } else {
                next = other.ids[j++];
            }
            if (n == 0 || merged[n - 1] != next) {
                merged[n++] = next;
            }
        }
        return new TouchedRows(table, Arrays.copyOf(merged, n));
    }

    public String table() {
        return table;
    }

    /** How many rows were touched. */
    public int count() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    /** The {@code i}-th touched entity id, ascending. */
    public long entityId(int i) {
        return ids[i];
    }

    public boolean contains(long entityId) {
        return Arrays.binarySearch(ids, entityId) >= 0;
    }

    /** The touched entity ids, ascending (a copy). */
    public long[] entityIds() {
        return ids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TouchedRows && ((TouchedRows) o).table.equals(table) && Arrays.equals(((TouchedRows) o).ids, ids);
    }

    @Override
    public int hashCode() {
        return table.hashCode() * 31 + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return table + ": " + ids.length + " rows touched";
    }
}
