package io.tickstore.snapshot.replay;

import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.snapshot.eventlog.Codebook;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.ValueKind;
import java.nio.file.Path;

/**
 * What each key code of a log's codebook means for one world: an action, and for column writes the table, the
 * column and its type. Built once per replay, then read per record through arrays indexed by code.
 */
final class KeyBinding {
    static final byte IGNORE = 0;
    static final byte SET = 1;
    static final byte BORN = 2;
    static final byte DIED = 3;
    static final byte RNG = 4;
    static final byte TICK_END = 5;
    /** A vocabulary key for a table or column the world does not have: an error if a record uses it. */
    static final byte UNBOUND = 6;
    /** An array row or a variable-length value, as stored bytes. */
    static final byte SET_VALUE = 7;
    /** One element of an array row: u32 index, then its bytes. */
    static final byte SET_ELEMENT = 8;
    /** A categorical column's next dictionary entry. */
    static final byte DICTIONARY = 9;
    /**
     * A write of a plain scalar column (not categorical) of a table no recorder follows: the replayer stores the
     * decoded bits at the column's address itself, skipping the setter's checks, which the replay already made (the
     * slot comes from the live id-to-slot lookup, the column and its type from this binding).
     */
    static final byte SET_RAW = 10;

    final byte[] actions;
    final Table[] tables;
    final int[] columns;
    final ColumnType[] types;
    /** For {@link #SET_RAW} keys: log2 of the column's value width in bytes. */
    final byte[] log2Widths;
    final String[] names;

    private KeyBinding(int keys) {
        actions = new byte[keys];
        tables = new Table[keys];
        columns = new int[keys];
        types = new ColumnType[keys];
        log2Widths = new byte[keys];
        names = new String[keys];
    }

    /**
     * Binds every key of {@code codebook} to {@code world}. A column key whose kind disagrees with the column's
     * type means the codebook does not belong to this world's schema: a {@link Problem#WORLD_MISMATCH} error
     * naming the codebook file.
     */
    static KeyBinding bind(Codebook codebook, World world, Path logDir) {
        int n = codebook.keyCount();
        KeyBinding b = new KeyBinding(n);
        for (int code = 0; code < n; code++) {
            String name = codebook.keyName(code);
            b.names[code] = name;
            if (name.equals(EventVocabulary.TICK_END)) {
                b.actions[code] = TICK_END;
                continue;
            }
            if (name.equals(EventVocabulary.RNG)) {
                b.actions[code] = RNG;
                continue;
            }
            int dot = name.indexOf('.');
            if (dot <= 0) {
                b.actions[code] = IGNORE;
                continue;
            }
            String tableName = name.substring(0, dot);
            String rest = name.substring(dot + 1);
            if (!world.hasTable(tableName)) {
                b.actions[code] = UNBOUND;
                continue;
            }
            Table table = world.table(tableName);
            b.tables[code] = table;
            if (rest.equals(EventVocabulary.BORN)) {
                b.actions[code] = BORN;
            } else if (rest.equals(EventVocabulary.DIED)) {
                b.actions[code] = DIED;
            } else {
                String columnName = rest;
                byte action = SET;
                if (rest.endsWith("." + EventVocabulary.ELEMENT)) {
                    columnName = rest.substring(0, rest.length() - EventVocabulary.ELEMENT.length() - 1);
                    action = SET_ELEMENT;
                } else if (rest.endsWith("." + EventVocabulary.DICTIONARY)) {
                    columnName = rest.substring(0, rest.length() - EventVocabulary.DICTIONARY.length() - 1);
                    action = DICTIONARY;
                }
                int column = table.schema().indexOf(columnName);
                if (column < 0) {
                    b.actions[code] = UNBOUND;
                    continue;
                }
                ColumnSpec spec = table.schema().column(column);
                ValueKind kind = codebook.keyKind(code);
                ValueKind expected = action == SET_ELEMENT && spec.kind() == ColumnKind.ARRAY ? ValueKind.BYTES
                        : action == DICTIONARY && spec.kind() == ColumnKind.CATEGORICAL ? ValueKind.SYMBOL
                        : action == SET ? EventVocabulary.kindOf(spec) : null;
                if (kind != expected) {
                    throw new ReplayException(EventLogLayout.codebook(logDir), Problem.WORLD_MISMATCH, "key '" + name
                            + "' has kind " + kind.jsonName() + ", but column '" + columnName + "' of table '" + tableName + "' is "
                            + spec.layout() + (expected == null ? ", which has no such key" : ", whose key has kind " + expected.jsonName())
                            + ": the codebook does not match the world's schema");
                }
                if (action == SET && kind == ValueKind.BYTES) {
                    action = SET_VALUE;
                } else if (action == SET && spec.kind() == ColumnKind.SCALAR && !table.isRecorded()) {
                    action = SET_RAW;
                    b.log2Widths[code] = (byte) table.columnType(column).log2Width();
                }
                b.actions[code] = action;
                b.columns[code] = column;
                b.types[code] = table.columnType(column);
            }
        }
        return b;
    }
}
