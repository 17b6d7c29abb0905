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
            for (long slot = 0; slot < expected.rowCount(); slot++) {
                long a = expected.getBits(c, slot);
                long b = actual.getBits(c, slot);
                if (a != b) {
                    ColumnType type = expected.columnType(c);
                    return Optional.of(name + ", column '" + expected.schema().column(c).name() + "' of entity "
                            + expected.entityId(slot) + ": " + ColumnValues.toText(type, a) + " against "
                            + ColumnValues.toText(type, b));
                }
            }
        }
        if (expected.nextEntityId() != actual.nextEntityId()) {
            return Optional.of(name + ": next entity id " + expected.nextEntityId() + " against " + actual.nextEntityId());
        }
        return Optional.empty();
    }
}
