package io.tickstore.backends.postgres;

import io.tickstore.backends.PersistProgress;
import io.tickstore.backends.internal.journal.LiveRows;
import io.tickstore.columns.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Writes a table's live rows with one prepared {@code INSERT} per row, sent in batches of
 * {@value PostgresOptions#INSERT_BATCH_ROWS} ({@link WriteMethod#BATCHED_INSERT}): the reference design's method,
 * kept to measure binary COPY against. The tick gate makes a conflict impossible, so the statement is a plain
 * insert into the journal.
 */
final class BatchedJournalInserter {
    private BatchedJournalInserter() {
    }

    static void insert(Connection connection, PgJournalSql sql, UUID session, long tick, Table table, PersistProgress progress, String where)
            throws SQLException {
        LiveRows live = LiveRows.of(table);
        try (PreparedStatement insert = connection.prepareStatement(sql.insertRow)) {
            live.insertJournalRows(insert, tick, PostgresOptions.INSERT_BATCH_ROWS, progress, (row, slot) -> {
                row.setObject(1, session);
                for (int c = 0; c < live.columns(); c++) {
                    int p = 5 + c;
                    switch (live.type(c)) {
                        case I8: row.setShort(p, live.getByte(c, slot)); break;
                        case U8: row.setShort(p, (short) (live.getByte(c, slot) & 0xFF)); break;
                        case I16: row.setShort(p, live.getShort(c, slot)); break;
                        case U16: row.setInt(p, live.getShort(c, slot) & 0xFFFF); break;
                        case I32: row.setInt(p, live.getInt(c, slot)); break;
                        case U32: row.setLong(p, live.getInt(c, slot) & 0xFFFF_FFFFL); break;
                        case I64: row.setLong(p, live.getLong(c, slot)); break;
                        case U64: row.setBigDecimal(p, unsigned(live.getLong(c, slot))); break;
                        case F32: row.setFloat(p, live.getFloat(c, slot)); break;
                        case F64: row.setDouble(p, live.getDouble(c, slot)); break;
                        case BOOL: row.setBoolean(p, live.getBool(c, slot, where)); break;
                        default: throw new AssertionError(live.type(c));
                    }
                }
            });
        }
    }

    private static BigDecimal unsigned(long bits) {
        return bits >= 0 ? BigDecimal.valueOf(bits) : new BigDecimal(new BigInteger(Long.toUnsignedString(bits)));
    }
}
