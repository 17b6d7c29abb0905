package io.tickstore.backends.internal.journal;

import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import org.agrona.UnsafeApi;

/**
 * Writes journal rows straight into an empty off-heap {@link Table}, each at the slot it was persisted from, in
 * whatever order the database returns them; then declares them live. Nothing per row is allocated: values go from
 * the decoder to the column buffers.
 *
 * <p>Every slot must arrive exactly once: a slot out of range, a slot seen twice or a slot never seen is a
 * {@link Problem#CORRUPT_JOURNAL} naming {@code where}. The caller closes the table when this throws.
 */
public final class SlotFiller {
    private final Table table;
    private final long rows;
    private final long nextEntityId;
    private final String where;
    private final long[] addresses;
    private final long entityIdAddress;
    private final long[] seen;
    private long filled;

    /**
     * @param rows         how many rows the tick registry says the table had
     * @param nextEntityId the table's id counter when it was persisted; every entity id must be below it
     * @param where        names the table and tick in error messages
     */
    public SlotFiller(Table table, long rows, long nextEntityId, String where) {
        if (table.rowCount() != 0) {
            throw new IllegalArgumentException(where + ": the table to fill already holds " + table.rowCount() + " rows");
        }
        if (rows < 0 || nextEntityId < rows) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": the registry says " + rows + " rows with next entity id "
                    + nextEntityId + ", which cannot both be true");
        }
        this.table = table;
        this.rows = rows;
        this.nextEntityId = nextEntityId;
        this.where = where;
        table.ensureCapacity(rows);
        int columns = table.schema().columnCount();
        this.addresses = new long[columns];
        for (int c = 0; c < columns; c++) {
            addresses[c] = table.columnAddress(c);
        }
        this.entityIdAddress = table.entityIdAddress();
        this.seen = new long[(int) ((rows + 63) >>> 6)];
    }

    /** Claims a slot for the next row and records its entity id; returns the slot. */
    public long startRow(long slot, long entityId) {
        if (slot < 0 || slot >= rows) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": a row claims slot " + slot + ", outside [0, " + rows + ")");
        }
        int word = (int) (slot >>> 6);
        long bit = 1L << slot;
        if ((seen[word] & bit) != 0) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": slot " + slot + " arrives twice");
        }
        if (entityId < 0 || entityId >= nextEntityId) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": slot " + slot + " holds entity id " + entityId + ", outside [0, "
                    + nextEntityId + ")");
        }
        seen[word] |= bit;
        filled++;
        UnsafeApi.putLong(entityIdAddress + (slot << 3), entityId);
        return slot;
    }

    public void putByte(int column, long slot, byte value) {
        UnsafeApi.putByte(addresses[column] + slot, value);
    }

    public void putShort(int column, long slot, short value) {
        UnsafeApi.putShort(addresses[column] + (slot << 1), value);
    }

    public void putInt(int column, long slot, int value) {
        UnsafeApi.putInt(addresses[column] + (slot << 2), value);
    }

    public void putLong(int column, long slot, long value) {
        UnsafeApi.putLong(addresses[column] + (slot << 3), value);
    }

    /** Element {@code index} of an array column's row at {@code slot}: the low bits of {@code bits} at the element's width. */
    public void putElement(int column, long slot, int index, long bits) {
        long at = addresses[column] + slot * table.rowBytes(column);
        switch (table.columnType(column).log2Width()) {
            case 0: UnsafeApi.putByte(at + index, (byte) bits); break;
            case 1: UnsafeApi.putShort(at + 2L * index, (short) bits); break;
            case 2: UnsafeApi.putInt(at + 4L * index, (int) bits); break;
            default: UnsafeApi.putLong(at + 8L * index, bits); break;
        }
    }

    /**
     * A categorical row's string, as {@code length} UTF-8 bytes of {@code utf8} from {@code offset}: its code in the
     * table's dictionary, which gains the string when new (strings arrive in any order, so codes are the hydrated
     * table's own; the content hash, which hashes the strings, is the same). Allocates nothing for a known string.
     */
    public void putCategory(int column, long slot, byte[] utf8, int offset, int length) {
        try {
            table.putLoadedCategory(column, slot, utf8, offset, length);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": column '" + table.schema().column(column).name() + "' slot "
                    + slot + ": " + e.getMessage(), e);
        }
    }

    /** A {@code str} row's text or a {@code json} row's JSON (canonicalised), refusing what no table stores. */
    public void putString(int column, long slot, String value) {
        try {
            table.putLoadedString(column, slot, value);
        } catch (IllegalArgumentException e) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": column '" + table.schema().column(column).name() + "' slot "
                    + slot + ": " + e.getMessage(), e);
        }
    }

    /** A {@code str[]} row's strings; a NULL among them is refused. */
    public void putStrings(int column, long slot, java.util.List<String> items) {
        try {
            table.putLoadedStrings(column, slot, items);
        } catch (IllegalArgumentException e) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": column '" + table.schema().column(column).name() + "' slot "
                    + slot + ": " + e.getMessage(), e);
        }
    }

    /** An array row's elements as they are stored, little-endian and row-major: exactly the row's bytes. */
    public void putArrayBytes(int column, long slot, byte[] bytes) {
        int rowBytes = table.rowBytes(column);
        if (bytes == null || bytes.length != rowBytes) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": column '" + table.schema().column(column).name() + "' slot "
                    + slot + " holds " + (bytes == null ? "NULL" : bytes.length + " bytes") + " where a row of " + table.columnLayout(column)
                    + " takes " + rowBytes);
        }
        UnsafeApi.copyMemory(bytes, UnsafeApi.arrayBaseOffset(byte[].class), null, addresses[column] + slot * rowBytes, rowBytes);
    }

    /**
     * Returns {@code value} when it lies in {@code [min, max]}, the range of the column's Tickstore type; a wider
     * database value outside it is {@link Problem#CORRUPT_JOURNAL}.
     */
    public long inRange(int column, long slot, long value, long min, long max) {
        if (value < min || value > max) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": column '" + table.schema().column(column).name() + "' slot " + slot
                    + " holds " + value + ", outside the " + table.columnType(column) + " range [" + min + ", " + max + "]");
        }
        return value;
    }

    /**
     * Replaces the value at a slot that has already arrived with raw bits of the column's type: the slow path for
     * corrections applied after the bulk rows.
     */
    public void correct(int column, long slot, long bits) {
        if (slot < 0 || slot >= rows || (seen[(int) (slot >>> 6)] & (1L << slot)) == 0) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": a correction for column '" + table.schema().column(column).name()
                    + "' names slot " + slot + ", which holds no row");
        }
        switch (table.columnType(column).log2Width()) {
            case 0: putByte(column, slot, (byte) bits); break;
            case 1: putShort(column, slot, (short) bits); break;
            case 2: putInt(column, slot, (int) bits); break;
            default: putLong(column, slot, bits); break;
        }
    }

    /** Rows claimed so far. */
    /** The rows the table had when persisted: the slots to fill. */
    public long rows() {
        return rows;
    }

    public long filled() {
        return filled;
    }

    /** Checks every slot arrived and makes the rows live. */
    public void finish() {
        if (filled != rows) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": " + filled + " rows arrived, the registry says " + rows);
        }
        table.adoptLoadedRows(rows, nextEntityId);
    }
}
