package io.tickstore.backends.postgres;

import static io.tickstore.backends.internal.journal.JournalNames.ENTITY_ID;
import static io.tickstore.backends.internal.journal.JournalNames.SESSION_ID;
import static io.tickstore.backends.internal.journal.JournalNames.SLOT;
import static io.tickstore.backends.internal.journal.JournalNames.TICK;

import io.tickstore.backends.internal.journal.JournalDescriptions;
import io.tickstore.backends.internal.journal.JournalNames;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The SQL of one journal table, generated from its {@link Schema}: the table, its staging table, and the
 * statements that fill, move, delete, read and summarise its rows. Every identifier is validated and quoted.
 *
 * <pre>
 * CREATE TABLE "tickstore"."creatures_v1" (
 *   "_session_id" uuid NOT NULL, "_tick" bigint NOT NULL, "_entity_id" bigint NOT NULL, "_slot" bigint NOT NULL,
 *   "pos_x" real NOT NULL, ..., "id" bigint NOT NULL CHECK ("id" BETWEEN 0 AND 4294967295), ...,
 *   PRIMARY KEY ("_session_id", "_tick", "_entity_id"))
 * </pre>
 *
 * With {@link CopyTarget#JOURNAL} rows are copied straight into the journal. With {@link CopyTarget#STAGING_TABLE}
 * the staging table is a temporary table of the connection holding {@code _entity_id, _slot} and the columns, with
 * no key and no checks; rows live in it only until the transaction ends ({@code ON COMMIT DELETE ROWS}, and a
 * rollback discards them). Its name carries a digest of the journal's name and columns, so a connection that
 * meets two layouts never mixes them up.
 */
final class PgJournalSql {
    final Schema schema;
    final String journalName;
    final String journal;
    final String staging;
    final String createJournal;
    final String createStaging;
    final String copyBinaryIntoStaging;
    final String copyTextIntoStaging;
    final String copyBinaryIntoJournal;
    final String copyTextIntoJournal;
    final String moveFromStaging;
    final String insertRow;
    final String deleteTick;
    final String summarize;
    final List<String> expectedColumns;
    /** COMMENT ON the journal table and each of its columns. */
    final List<String> describeJournal;
    private final String selectColumns;

    PgJournalSql(String schemaName, Schema schema) {
        this.schema = schema;
        this.journalName = JournalNames.journalTable(schema);
        this.journal = JournalNames.quote(schemaName) + "." + JournalNames.quote(journalName);
        StringJoiner columnDdl = new StringJoiner(", ");
        StringJoiner stagingDdl = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        StringJoiner aggregates = new StringJoiner(", ");
        List<String> expected = new ArrayList<>();
        expected.add(SESSION_ID + " uuid");
        expected.add(TICK + " bigint");
        expected.add(ENTITY_ID + " bigint");
        expected.add(SLOT + " bigint");
        for (ColumnSpec column : schema.columns()) {
            String q = JournalNames.quote(column.name());
            String type = PgColumnTypes.sqlType(column);
            String check = PgColumnTypes.check(column, q);
            columnDdl.add(q + " " + type + " NOT NULL" + (check == null ? "" : " " + check));
            stagingDdl.add(q + " " + type);
            names.add(q);
            expected.add(column.name() + " " + type);
            if (column.layout().isScalar()) {
                // summaries are of numbers: the other kinds have none
                String value = column.type() == ColumnType.BOOL ? q + "::int" : q;
                aggregates.add("min(" + value + ")::float8, max(" + value + ")::float8, avg(" + value + ")::float8");
            }
        }
        this.expectedColumns = List.copyOf(expected);
        String keys = q(SESSION_ID) + ", " + q(TICK) + ", " + q(ENTITY_ID) + ", " + q(SLOT);
        this.createJournal = "CREATE TABLE IF NOT EXISTS " + journal + " (" + q(SESSION_ID) + " uuid NOT NULL, " + q(TICK) + " bigint NOT NULL, "
                + q(ENTITY_ID) + " bigint NOT NULL, " + q(SLOT) + " bigint NOT NULL, " + columnDdl + ", PRIMARY KEY (" + q(SESSION_ID) + ", "
                + q(TICK) + ", " + q(ENTITY_ID) + "))";
        String stagingColumns = q(ENTITY_ID) + " bigint, " + q(SLOT) + " bigint, " + stagingDdl;
        String stagingName = "stage_" + digest(schemaName + "." + journalName + "(" + stagingColumns + ")");
        this.staging = "pg_temp." + JournalNames.quote(stagingName);
        this.createStaging = "CREATE TEMP TABLE IF NOT EXISTS " + JournalNames.quote(stagingName) + " (" + stagingColumns + ") ON COMMIT DELETE ROWS";
        String rowColumns = q(ENTITY_ID) + ", " + q(SLOT) + ", " + names;
        this.selectColumns = rowColumns;
        this.copyBinaryIntoStaging = "COPY " + staging + " (" + rowColumns + ") FROM STDIN (FORMAT binary)";
        this.copyTextIntoStaging = "COPY " + staging + " (" + rowColumns + ") FROM STDIN";
        this.copyBinaryIntoJournal = "COPY " + journal + " (" + keys + ", " + names + ") FROM STDIN (FORMAT binary)";
        this.copyTextIntoJournal = "COPY " + journal + " (" + keys + ", " + names + ") FROM STDIN";
        this.moveFromStaging = "INSERT INTO " + journal + " (" + keys + ", " + names + ") SELECT ?, ?, " + rowColumns + " FROM " + staging;
        StringJoiner placeholders = new StringJoiner(", ");
        for (int i = 0; i < 4 + schema.columnCount(); i++) {
            placeholders.add("?");
        }
        this.insertRow = "INSERT INTO " + journal + " (" + keys + ", " + names + ") VALUES (" + placeholders + ")";
        String where = " WHERE " + q(SESSION_ID) + " = ? AND " + q(TICK) + " = ?";
        this.deleteTick = "DELETE FROM " + journal + where;
        this.summarize = "SELECT count(*)" + (aggregates.length() == 0 ? "" : ", " + aggregates) + " FROM " + journal + where;
        List<String> describe = new ArrayList<>();
        describe.add("COMMENT ON TABLE " + journal + " IS " + JournalDescriptions.literal(JournalDescriptions.journalTable(schema)));
        JournalDescriptions.journalColumns(schema, false).forEach((column, text) -> describe.add("COMMENT ON COLUMN " + journal + "."
                + JournalNames.quote(column) + " IS " + JournalDescriptions.literal(text)));
        this.describeJournal = List.copyOf(describe);
    }

    /**
     * The binary COPY that reads one tick's rows back. COPY takes no bind parameters, so the session id and tick
     * are written as literals; both come from typed values ({@code UUID.toString()} and a {@code long}), never
     * from text a caller supplied.
     */
    String copyOut(UUID session, long tick) {
        return "COPY (SELECT " + selectColumns + " FROM " + journal + literalWhere(session, tick) + ") TO STDOUT (FORMAT binary)";
    }

    /**
     * The binary COPY that reads a table journaled in part back at {@code tick}: each entity's latest row among the
     * ticks {@code fromTick..tick}, where {@code fromTick} holds the table whole and the ticks after it only the rows
     * they touched (no row was removed after {@code fromTick}, so every slot is still the one last written).
     */
    String copyOutLatest(UUID session, long fromTick, long tick) {
        return "COPY (SELECT " + selectColumns + " FROM (SELECT DISTINCT ON (" + q(ENTITY_ID) + ") * FROM " + journal
                + " WHERE " + q(SESSION_ID) + " = '" + session + "'::uuid AND " + q(TICK) + " BETWEEN " + fromTick + " AND " + tick
                + " ORDER BY " + q(ENTITY_ID) + ", " + q(TICK) + " DESC) latest) TO STDOUT (FORMAT binary)";
    }

    /** (session, tick) → the rows the journal holds of the table at that tick. */
    String countTick() {
        return "SELECT count(*) FROM " + journal + " WHERE " + q(SESSION_ID) + " = ? AND " + q(TICK) + " = ?";
    }

    /**
     * (session, tick, session, table name) → the latest tick at or before the given one at which the journal holds the
     * table whole: as many rows as the tick registry ({@code tickTables}) says it had.
     */
    String latestWholeTick(String tickTables) {
        return "SELECT max(j.t) FROM (SELECT " + q(TICK) + " AS t, count(*) AS n FROM " + journal + " WHERE " + q(SESSION_ID)
                + " = ? AND " + q(TICK) + " <= ? GROUP BY " + q(TICK) + ") j JOIN " + tickTables
                + " r ON r.session_id = ? AND r.tick = j.t AND r.table_name = ? AND r.row_count = j.n";
    }

    /** The CSV export of one tick, rows in slot order, unsigned values as values. */
    String copyOutCsv(UUID session, long tick) {
        StringJoiner names = new StringJoiner(", ");
        for (ColumnSpec column : schema.columns()) {
            names.add(JournalNames.quote(column.name()));
        }
        return "COPY (SELECT " + q(ENTITY_ID) + ", " + names + " FROM " + journal + literalWhere(session, tick) + " ORDER BY " + q(SLOT)
                + ") TO STDOUT (FORMAT csv, HEADER)";
    }

    /** A table of the schema, qualified and quoted. */
    static String qualified(String schemaName, String table) {
        return JournalNames.quote(schemaName) + "." + JournalNames.quote(table);
    }

    private static String literalWhere(UUID session, long tick) {
        return " WHERE " + q(SESSION_ID) + " = '" + session + "'::uuid AND " + q(TICK) + " = " + tick;
    }

    private static String q(String name) {
        return JournalNames.quote(name);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
