package io.tickstore.columns;

import java.util.Optional;

/**
 * Where two worlds first differ, in words: the table, then the row count, the entity at a slot, or the column and
 * entity whose values differ. For checks that must name what went wrong (a replay that does not rebuild the live
 * world), not for diffing large worlds in detail.
 */
public final class WorldDiff {
    private WorldDiff() {
    }

    /** The first difference between {@code expected} and {@code actual}, or empty when their tables are identical. */
    public static Optional<String> first(World expected, World actual) {
        if (!expected.tables().stream().map(Table::name).toList().equals(actual.tables().stream().map(Table::name).toList())) {
            return Optional.of("tables " + expected.tables().stream().map(Table::name).toList() + " against "
                    + actual.tables().stream().map(Table::name).toList());
        }
        for (Table e : expected.tables()) {
            Optional<String> d = first(e, actual.table(e.name()));
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /** The first difference between two tables of the same name, or empty. */
    public static Optional<String> first(Table expected, Table actual) {
        String name = "table '" + expected.name() + "'";
        if (!expected.schema().equals(actual.schema())) {
            return Optional.of(name + ": schema " + expected.schema() + " against " + actual.schema());
        }
        if (expected.rowCount() != actual.rowCount()) {
            return Optional.of(name + ": " + expected.rowCount() + " rows against " + actual.rowCount());
        }
        for (long slot = 0; slot < expected.rowCount(); slot++) {
            if (expected.entityId(slot) != actual.entityId(slot)) {
                return Optional.of(name + ": slot " + slot + " holds entity " + expected.entityId(slot) + " against "
                        + actual.entityId(slot));
            }
        }
        for (int c = 0; c < expected.schema().columnCount(); c++) {
            if (expected.columnKind(c) == ColumnKind.CATEGORICAL
                    && !expected.dictionary(c).entries().equals(actual.dictionary(c).entries())) {
                return Optional.of(name + ", column '" + expected.schema().column(c).name() + "': dictionary of "
                        + expected.dictionary(c).size() + " entries against " + actual.dictionary(c).size() + " (first different code "
                        + firstDifference(expected.dictionary(c).entries(), actual.dictionary(c).entries()) + ")");
            }
            for (long slot = 0; slot < expected.rowCount(); slot++) {
                if (!sameValue(expected, actual, c, slot)) {
                    return Optional.of(name + ", column '" + expected.schema().column(c).name() + "' of entity "
                            + expected.entityId(slot) + ": " + ColumnValues.text(expected, c, slot) + " against "
                            + ColumnValues.text(actual, c, slot));
                }
            }
        }
        if (expected.nextEntityId() != actual.nextEntityId()) {
            return Optional.of(name + ": next entity id " + expected.nextEntityId() + " against " + actual.nextEntityId());
        }
        return Optional.empty();
    }

    /** Whether a row holds the same stored value in both tables: bits, a categorical code, or an array's or value's bytes. */
    private static boolean sameValue(Table expected, Table actual, int column, long slot) {
        switch (expected.columnKind(column)) {
            case SCALAR: case CATEGORICAL:
                return expected.getBits(column, slot) == actual.getBits(column, slot);
            default: {
                int length = expected.valueLength(column, slot);
                if (length != actual.valueLength(column, slot)) {
                    return false;
                }
                long a = expected.valueAddress(column, slot);
                long b = actual.valueAddress(column, slot);
                for (int i = 0; i < length; i++) {
                    if (org.agrona.UnsafeApi.getByte(a + i) != org.agrona.UnsafeApi.getByte(b + i)) {
                        return false;
                    }
                }
                return true;
            }
        }
    }

    private static int firstDifference(java.util.List<String> a, java.util.List<String> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        return i;
    }
}
