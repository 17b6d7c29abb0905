package io.tickstore.snapshot.replay;

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

    final byte[] actions;
    final Table[] tables;
    final int[] columns;
    final ColumnType[] types;
    final String[] names;

    private KeyBinding(int keys) {
        actions = new byte[keys];
        tables = new Table[keys];
        columns = new int[keys];
        types = new ColumnType[keys];
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
                int column = table.schema().indexOf(rest);
                if (column < 0) {
                    b.actions[code] = UNBOUND;
                    continue;
                }
                ColumnType type = table.columnType(column);
                ValueKind kind = codebook.keyKind(code);
                if (kind != EventVocabulary.kindOf(type)) {
                    throw new ReplayException(EventLogLayout.codebook(logDir), Problem.WORLD_MISMATCH, "key '" + name
                            + "' has kind " + kind.jsonName() + ", but column '" + rest + "' of table '" + tableName + "' is "
                            + type.typeName() + ": the codebook does not match the world's schema");
                }
                b.actions[code] = SET;
                b.columns[code] = column;
                b.types[code] = type;
            }
        }
        return b;
    }
}
