package io.tickstore.backends.internal.journal;

import io.tickstore.backends.PersistProgress;
import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.agrona.UnsafeApi;

/**
 * A table's live rows as every row writer reads them: straight from the off-heap column buffers, with the column
 * types and addresses looked up once per write instead of once per value. The binary and text COPY encoders, the
 * batched INSERT of PostgreSQL and SQLite's row statements all read through this, so the value of a slot is read
 * the same way whichever database it goes to.
 *
 * <p>Valid while the table is open and neither grows nor shrinks: the addresses are those of its current buffers.
 * One write on one thread.
 */
public final class LiveRows {
    private final Table table;
    private final ColumnType[] types;
    private final long[] addresses;
    private final long entityIds;
    private final long count;

    private LiveRows(Table table) {
        int columns = table.schema().columnCount();
        this.table = table;
        this.types = new ColumnType[columns];
        this.addresses = new long[columns];
        for (int c = 0; c < columns; c++) {
            types[c] = table.columnType(c);
            addresses[c] = table.columnAddress(c);
        }
        this.entityIds = table.entityIdAddress();
        this.count = table.rowCount();
    }

    public static LiveRows of(Table table) {
        return new LiveRows(table);
    }

    /** The world table's name, as progress listeners are told it. */
    public String name() {
        return table.name();
    }

    /** Live rows, slots {@code 0 .. count() - 1}. */
    public long count() {
        return count;
    }

    public int columns() {
        return types.length;
    }

    public ColumnType type(int column) {
        return types[column];
    }

    public long entityId(long slot) {
        return UnsafeApi.getLong(entityIds + (slot << 3));
    }

    /** The raw byte of an {@code i8}, {@code u8} or {@code bool} column. */
    public byte getByte(int column, long slot) {
        return UnsafeApi.getByte(addresses[column] + slot);
    }

    /** The raw bits of an {@code i16} or {@code u16} column. */
    public short getShort(int column, long slot) {
        return UnsafeApi.getShort(addresses[column] + (slot << 1));
    }

    /** The raw bits of an {@code i32}, {@code u32} or {@code f32} column. */
    public int getInt(int column, long slot) {
        return UnsafeApi.getInt(addresses[column] + (slot << 2));
    }

    /** The raw bits of an {@code i64}, {@code u64} or {@code f64} column. */
    public long getLong(int column, long slot) {
        return UnsafeApi.getLong(addresses[column] + (slot << 3));
    }

    public float getFloat(int column, long slot) {
        return UnsafeApi.getFloat(addresses[column] + (slot << 2));
    }

    public double getDouble(int column, long slot) {
        return UnsafeApi.getDouble(addresses[column] + (slot << 3));
    }

    /**
     * A {@code bool} value. Only the bytes 0 and 1 are booleans; any other (possible through {@code Table.setBits})
     * cannot be stored faithfully by any backend and is refused with {@link Problem#INVALID_INPUT} naming {@code where}.
     */
    public boolean getBool(int column, long slot, String where) {
        byte value = getByte(column, slot);
        if (value == 0 || value == 1) {
            return value == 1;
        }
        throw new PersistenceException(Problem.INVALID_INPUT, where + ": column '" + table.schema().column(column).name() + "' slot " + slot
                + " holds the bool byte " + value + "; only 0 and 1 can be stored");
    }

    /** Binds the session id (parameter 1) and the columns (parameters 5 on, in schema order) of one journal row. */
    @FunctionalInterface
    public interface RowBinder {
        void bind(PreparedStatement insert, long slot) throws SQLException;
    }

    /**
     * Inserts every live row through {@code insert}, a journal table's {@code INSERT} whose parameters are the key
     * columns ({@code _session_id, _tick, _entity_id, _slot}) then the schema's columns. This binds the tick, entity
     * id and slot; {@code binder} binds the rest. Statements are executed in batches of {@code batchRows};
     * {@code progress} is told after each batch and once at the end.
     */
    public void insertJournalRows(PreparedStatement insert, long tick, int batchRows, PersistProgress progress, RowBinder binder)
            throws SQLException {
        String name = name();
        for (long slot = 0; slot < count; slot++) {
            binder.bind(insert, slot);
            insert.setLong(2, tick);
            insert.setLong(3, entityId(slot));
            insert.setLong(4, slot);
            insert.addBatch();
            if ((slot + 1) % batchRows == 0) {
                insert.executeBatch();
                progress.rowsWritten(name, slot + 1, count);
            }
        }
        if (count % batchRows != 0) {
            insert.executeBatch();
        }
        progress.rowsWritten(name, count, count);
    }
}
