package io.tickstore.snapshot.replay;

import io.tickstore.columns.Table;
import java.util.Arrays;

/**
 * Entity id to slot for one table during a replay. Entity ids are handed out densely from 0, so when a table's id
 * range is not much larger than its row count an {@code int[]} indexed by id replaces the table's hash index: a
 * replay looks an id up for nearly every entity it touches, and the array turns a cache miss at a hashed address
 * into a read that follows the log's own order (writes come in slot order within a tick). Births and deaths keep it
 * exact, the swap-remove's moved row included. Tables whose ids are too sparse use {@link Table#slotOf}.
 */
final class SlotLookup {
    /** Ids may run this many times past the row count (plus a constant) before the array is not worth it. */
    private static final long MAX_SPREAD = 8;

    private final Table table;
    private int[] slots;
    /**
     * The table's column addresses, for the replayer's own scalar stores; they move only when a birth grows the
     * table's capacity, so they are read again then.
     */
    private final long[] columnAddresses;
    private long capacity;

    SlotLookup(Table table) {
        this.table = table;
        this.columnAddresses = new long[table.schema().columnCount()];
        readAddresses();
        long ids = table.nextEntityId();
        if (ids <= MAX_SPREAD * table.rowCount() + (1 << 20) && ids < Integer.MAX_VALUE - 1) {
            slots = new int[(int) Math.max(16, ids)];
            Arrays.fill(slots, -1);
            for (long slot = 0; slot < table.rowCount(); slot++) {
                slots[(int) table.entityId(slot)] = (int) slot;
            }
        }
    }

    Table table() {
        return table;
    }

    /** The address of the column's first byte, valid until the next birth (which reads them again if they moved). */
    long columnAddress(int column) {
        return columnAddresses[column];
    }

    private void readAddresses() {
        capacity = table.capacity();
        for (int c = 0; c < columnAddresses.length; c++) {
            columnAddresses[c] = table.columnAddress(c);
        }
    }

    /** The entity's slot, or -1 when it is not live. */
    long slotOf(long entityId) {
        int[] s = slots;
        if (s == null) {
            return table.slotOf(entityId);
        }
        return entityId >= 0 && entityId < s.length ? s[(int) entityId] : -1;
    }

    /** Appends a row for {@code entityId} (which the caller checked is not live) and returns its slot. */
    long born(long entityId) {
        long slot = table.addRow(entityId);
        if (table.capacity() != capacity) {
            readAddresses();
        }
        if (slots != null) {
            if (entityId >= Integer.MAX_VALUE - 1 || slot > Integer.MAX_VALUE) {
                slots = null;
            } else {
                if (entityId >= slots.length) {
                    int grown = (int) Math.min(Integer.MAX_VALUE - 1, Math.max(entityId + 1, slots.length * 2L));
                    int old = slots.length;
                    slots = Arrays.copyOf(slots, grown);
                    Arrays.fill(slots, old, grown, -1);
                }
                slots[(int) entityId] = (int) slot;
            }
        }
        return slot;
    }

    /** Swap-removes the row at {@code slot}, which holds {@code entityId}. */
    void died(long entityId, long slot) {
        table.removeRow(slot);
        if (slots != null) {
            slots[(int) entityId] = -1;
            if (slot < table.rowCount()) {
                slots[(int) table.entityId(slot)] = (int) slot;
            }
        }
    }
}
