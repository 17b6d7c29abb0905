package io.tickstore.columns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How two worlds differ. {@link #first} says where they first differ, in words (the table, then the row count, the
 * entity at a slot, or the column and entity whose values differ): for checks that must name what went wrong (a
 * replay that does not rebuild the live world). {@link #compare} matches rows by entity id and counts what changed:
 * rows added and removed, and per column the entities whose value changed, optionally within a tolerance: for a
 * person comparing two ticks or two runs.
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

    /**
     * Compares two worlds row by row, matching rows by entity id (slots may differ). Tables are matched by name,
     * columns by name; a column whose type differs is compared by value.
     *
     * @param tolerance values whose difference is at most this are equal (NaN equals NaN); negative compares the
     *        stored bits exactly (then -0.0 differs from 0.0, and NaNs with different payloads differ)
     * @param examples how many entity ids and changes each list keeps (the counts are always complete)
     */
    public static Comparison compare(World before, World after, double tolerance, int examples) {
        List<TableChanges> tables = new ArrayList<>();
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        before.tables().forEach(t -> names.add(t.name()));
        after.tables().forEach(t -> names.add(t.name()));
        for (String name : names) {
            Table b = before.hasTable(name) ? before.table(name) : null;
            Table a = after.hasTable(name) ? after.table(name) : null;
            tables.add(compare(name, b, a, tolerance, examples));
        }
        return new Comparison(before.tick(), after.tick(), tolerance, tables);
    }

    private static TableChanges compare(String name, Table before, Table after, double tolerance, int examples) {
        Ids removed = new Ids(examples);
        Ids added = new Ids(examples);
        List<ColumnChanges> columns = new ArrayList<>();
        List<String> onlyBefore = new ArrayList<>();
        List<String> onlyAfter = new ArrayList<>();
        if (before != null && after != null) {
            for (String column : before.schema().columnNames()) {
                if (after.schema().indexOf(column) < 0) {
                    onlyBefore.add(column);
                }
            }
            for (String column : after.schema().columnNames()) {
                if (before.schema().indexOf(column) < 0) {
                    onlyAfter.add(column);
                }
            }
            List<String> shared = new ArrayList<>(before.schema().columnNames());
            shared.removeAll(onlyBefore);
            int[] inBefore = new int[shared.size()];
            int[] inAfter = new int[shared.size()];
            Counter[] counters = new Counter[shared.size()];
            for (int i = 0; i < shared.size(); i++) {
                inBefore[i] = before.schema().indexOf(shared.get(i));
                inAfter[i] = after.schema().indexOf(shared.get(i));
                counters[i] = new Counter(examples);
            }
            for (long slot = 0; slot < before.rowCount(); slot++) {
                long id = before.entityId(slot);
                long other = after.slotOf(id);
                if (other < 0) {
                    removed.add(id);
                    continue;
                }
                for (int i = 0; i < shared.size(); i++) {
                    if (before.columnKind(inBefore[i]) != ColumnKind.SCALAR || after.columnKind(inAfter[i]) != ColumnKind.SCALAR) {
                        // an array, a category or a text: equal or not, byte for byte (no tolerance, no difference)
                        counters[i].compareValues(id, sameStored(before, inBefore[i], slot, after, inAfter[i], other));
                        continue;
                    }
                    ColumnType tb = before.columnType(inBefore[i]);
                    ColumnType ta = after.columnType(inAfter[i]);
                    long vb = before.getBits(inBefore[i], slot);
                    long va = after.getBits(inAfter[i], other);
                    counters[i].compare(id, tb, vb, ta, va, tolerance);
                }
            }
            for (long slot = 0; slot < after.rowCount(); slot++) {
                long id = after.entityId(slot);
                if (before.slotOf(id) < 0) {
                    added.add(id);
                }
            }
            for (int i = 0; i < shared.size(); i++) {
                columns.add(counters[i].result(shared.get(i), before.columnType(inBefore[i]), after.columnType(inAfter[i])));
            }
        } else if (before != null) {
            for (long slot = 0; slot < before.rowCount(); slot++) {
                removed.add(before.entityId(slot));
            }
        } else {
            for (long slot = 0; slot < after.rowCount(); slot++) {
                added.add(after.entityId(slot));
            }
        }
        return new TableChanges(name, before != null, after != null, before == null ? 0 : before.rowCount(),
                after == null ? 0 : after.rowCount(), added.count, added.ids, removed.count, removed.ids, columns, onlyBefore, onlyAfter);
    }

    /** Whether two values are equal under {@code tolerance} (see {@link #compare(World, World, double, int)}). */
    static boolean same(ColumnType tb, long vb, ColumnType ta, long va, double tolerance) {
        if (tolerance < 0) {
            // exact: the stored bits when the types agree, else the values (Double.compare tells -0.0 from 0.0)
            return tb == ta ? vb == va : Double.compare(ColumnValues.toDouble(tb, vb), ColumnValues.toDouble(ta, va)) == 0;
        }
        double b = ColumnValues.toDouble(tb, vb);
        double a = ColumnValues.toDouble(ta, va);
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        return a == b || Math.abs(a - b) <= tolerance;
    }

    private static final class Ids {
        final int limit;
        final List<Long> ids = new ArrayList<>();
        long count;

        Ids(int limit) {
            this.limit = limit;
        }

        void add(long id) {
            if (ids.size() < limit) {
                ids.add(id);
            }
            count++;
        }
    }

    private static final class Counter {
        final int limit;
        final List<Change> changes = new ArrayList<>();
        long changed;
        double maxDifference;

        Counter(int limit) {
            this.limit = limit;
        }

        void compare(long id, ColumnType tb, long vb, ColumnType ta, long va, double tolerance) {
            if (same(tb, vb, ta, va, tolerance)) {
                return;
            }
            changed++;
            double difference = Math.abs(ColumnValues.toDouble(ta, va) - ColumnValues.toDouble(tb, vb));
            if (!Double.isNaN(difference)) {
                maxDifference = Math.max(maxDifference, difference);
            }
            if (changes.size() < limit) {
                changes.add(new Change(id, vb, va));
            }
        }

        void compareValues(long id, boolean same) {
            if (!same) {
                changed++;
                if (changes.size() < limit) {
                    changes.add(new Change(id, 0, 0));
                }
            }
        }

        ColumnChanges result(String column, ColumnType before, ColumnType after) {
            return new ColumnChanges(column, before, after, changed, maxDifference, changes);
        }
    }

    /**
     * What {@link #compare} found.
     *
     * @param beforeTick the first world's tick
     * @param afterTick the second world's tick
     * @param tolerance the tolerance values were compared with (negative: exact bits)
     * @param tables every table of either world, in name order
     */
    public record Comparison(long beforeTick, long afterTick, double tolerance, List<TableChanges> tables) {
        /** Whether nothing differs. */
        public boolean identical() {
            return tables.stream().allMatch(TableChanges::identical);
        }
    }

    /**
     * One table's changes.
     *
     * @param table the table's name
     * @param inBefore whether the first world has it
     * @param inAfter whether the second world has it
     * @param rowsBefore its rows in the first world
     * @param rowsAfter its rows in the second
     * @param added how many entities only the second world has
     * @param addedIds the first of them
     * @param removed how many entities only the first world has
     * @param removedIds the first of them
     * @param columns per column both have, the entities (present in both) whose value changed
     * @param columnsOnlyBefore columns only the first world's table has
     * @param columnsOnlyAfter columns only the second world's table has
     */
    public record TableChanges(String table, boolean inBefore, boolean inAfter, long rowsBefore, long rowsAfter, long added,
                               List<Long> addedIds, long removed, List<Long> removedIds, List<ColumnChanges> columns,
                               List<String> columnsOnlyBefore, List<String> columnsOnlyAfter) {
        public boolean identical() {
            return inBefore && inAfter && added == 0 && removed == 0 && columnsOnlyBefore.isEmpty() && columnsOnlyAfter.isEmpty()
                    && columns.stream().allMatch(c -> c.changed() == 0);
        }
    }

    /**
     * One column's changes.
     *
     * @param column the column's name
     * @param typeBefore its type in the first world
     * @param typeAfter its type in the second
     * @param changed how many entities' values differ
     * @param maxDifference the largest absolute difference among them (NaN against a number left out)
     * @param examples the first of them
     */
    public record ColumnChanges(String column, ColumnType typeBefore, ColumnType typeAfter, long changed, double maxDifference,
                                List<Change> examples) {
    }

    /**
     * One entity's value before and after, as raw bits of the column's type in each world.
     *
     * @param entityId the entity
     * @param before its value's bits in the first world
     * @param after its value's bits in the second
     */
    public record Change(long entityId, long before, long after) {
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

    /** Whether two rows hold the same value of a column of any kind (categories by their strings, others byte for byte). */
    private static boolean sameStored(Table before, int cb, long sb, Table after, int ca, long sa) {
        if (before.columnKind(cb) != after.columnKind(ca)) {
            return false;
        }
        if (before.columnKind(cb) == ColumnKind.CATEGORICAL) {
            return before.getString(cb, sb).equals(after.getString(ca, sa));
        }
        int length = before.valueLength(cb, sb);
        if (length != after.valueLength(ca, sa)) {
            return false;
        }
        long a = before.valueAddress(cb, sb);
        long b = after.valueAddress(ca, sa);
        for (int i = 0; i < length; i++) {
            if (org.agrona.UnsafeApi.getByte(a + i) != org.agrona.UnsafeApi.getByte(b + i)) {
                return false;
            }
        }
        return true;
    }

    private static int firstDifference(java.util.List<String> a, java.util.List<String> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        return i;
    }
}
