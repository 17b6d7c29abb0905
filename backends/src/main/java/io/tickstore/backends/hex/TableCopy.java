package io.tickstore.backends.hex;

import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.postgres.copy.BinaryCopyWriter;
import io.tickstore.backends.postgres.copy.PgOid;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Copies rows of a world table into a journal table by one binary COPY, column by column of the same name: the
 * session id first, the tick when the journal is per tick, fields a caller adds (a polygon, a key from another table),
 * then the table's columns. Categorical and text columns go as text, {@code json} as jsonb, {@code str[]} as a
 * {@code varchar[]} (an array's element type must be the column's, so it is sent as varchar, not text), and the
 * 64-bit cell columns named as such as their H3 text form (15 lower-case hex digits).
 */
final class TableCopy {
    /** A field a caller writes before the table's own columns of a row. */
    interface Field {
        void write(BinaryCopyWriter out, long slot) throws SQLException;
    }

    private static final int CHUNK_BYTES = 1 << 16;

    private final String journal;
    private final Table table;
    private final Set<String> cellColumns;
    private final List<String> names = new ArrayList<>();
    private final List<Field> extras = new ArrayList<>();
    private boolean ticked;

    TableCopy(String journal, Table table, Set<String> cellColumns) {
        this.journal = journal;
        this.table = table;
        this.cellColumns = cellColumns;
    }

    /** Rows carry the tick after the session id. */
    TableCopy ticked() {
        ticked = true;
        return this;
    }

    /** Adds a field of the caller's before the table's columns. */
    TableCopy field(String column, Field field) {
        names.add(column);
        extras.add(field);
        return this;
    }

    /** Copies every row. */
    long copyAll(Connection c, UUID session, long tick) throws SQLException {
        return copy(c, session, tick, null);
    }

    /** Copies the rows of these entities, in their order; an entity the table does not hold is an error naming it. */
    long copy(Connection c, UUID session, long tick, long[] entityIds) throws SQLException {
        List<String> columns = new ArrayList<>();
        columns.add("game_id");
        if (ticked) {
            columns.add("tick");
        }
        columns.addAll(names);
        int n = table.schema().columnCount();
        for (int col = 0; col < n; col++) {
            columns.add(table.schema().column(col).name());
        }
        String sql = "COPY " + journal + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        long rows = entityIds == null ? table.rowCount() : entityIds.length;
        long copied;
        try {
            BinaryCopyWriter out = new BinaryCopyWriter(in::writeToCopy, CHUNK_BYTES);
            out.writeHeader();
            for (long r = 0; r < rows; r++) {
                long slot = entityIds == null ? r : slotOf(entityIds[(int) r], tick);
                out.startRow(columns.size());
                out.writeUuid(session);
                if (ticked) {
                    out.writeInt4(Math.toIntExact(tick));
                }
                for (Field extra : extras) {
                    extra.write(out, slot);
                }
                for (int col = 0; col < n; col++) {
                    writeColumn(out, col, slot);
                }
            }
            out.finish();
            copied = in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        if (copied != rows) {
            throw new PersistenceException(Problem.DATABASE, journal + " tick " + tick + ": " + rows + " rows were sent but "
                    + copied + " were copied");
        }
        return copied;
    }

    private long slotOf(long entityId, long tick) {
        long slot = table.slotOf(entityId);
        if (slot < 0) {
            throw new PersistenceException(Problem.INVALID_INPUT, "table '" + table.name() + "' tick " + tick
                    + ": row " + entityId + " was given to be journaled but the table holds no such row");
        }
        return slot;
    }

    private void writeColumn(BinaryCopyWriter out, int col, long slot) throws SQLException {
        ColumnSpec spec = table.schema().column(col);
        switch (spec.kind()) {
            case CATEGORICAL:
            case STRING:
                out.writeText(table.getString(col, slot));
                return;
            case JSON:
                out.writeJsonb(table.getString(col, slot));
                return;
            case STRING_LIST:
                writeVarcharArray(out, table.getStrings(col, slot));
                return;
            case SCALAR:
                break;
            default:
                throw new PersistenceException(Problem.INVALID_INPUT, "table '" + table.name() + "' column '" + spec.name()
                        + "': a " + spec.layout() + " column has no column of the hex journal to go to");
        }
        switch (table.columnType(col)) {
            case BOOL:
                out.writeBool(table.getBoolean(col, slot));
                break;
            case I8:
                out.writeInt2(table.getByte(col, slot));
                break;
            case U8:
                out.writeInt2((short) (table.getByte(col, slot) & 0xFF));
                break;
            case I16:
                out.writeInt2(table.getShort(col, slot));
                break;
            case U16:
                out.writeInt4(table.getShort(col, slot) & 0xFFFF);
                break;
            case I32:
                out.writeInt4(table.getInt(col, slot));
                break;
            case I64:
                if (cellColumns.contains(spec.name())) {
                    out.writeText(Long.toHexString(table.getLong(col, slot)));
                } else {
                    out.writeInt8(table.getLong(col, slot));
                }
                break;
            case F32:
                out.writeFloat4(table.getFloat(col, slot));
                break;
            case F64:
                out.writeFloat8(table.getDouble(col, slot));
                break;
            default:
                throw new PersistenceException(Problem.INVALID_INPUT, "table '" + table.name() + "' column '" + spec.name()
                        + "': " + table.columnType(col) + " has no column type of the hex journal");
        }
    }

    /** {@code varchar[]}: the element type in the header must be the column's own. */
    private static void writeVarcharArray(BinaryCopyWriter out, List<String> items) throws SQLException {
        long bytes = 0;
        for (String item : items) {
            bytes += 4 + item.getBytes(StandardCharsets.UTF_8).length;
        }
        out.writeArrayHeader(items.isEmpty() ? new int[0] : new int[] {items.size()}, PgOid.VARCHAR, bytes);
        for (String item : items) {
            out.writeText(item);
        }
    }
}
