package io.tickstore.snapshot.replay;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.internal.DidYouMean;
import io.tickstore.snapshot.eventlog.Codebook;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Some columns of one entity at the end of every tick of a range: where a creature was, tick after tick. Built from
 * the newest snapshot at or before the range (the entity's values then) and the log's records about that entity after
 * it ({@code TABLE.COLUMN} writes, {@code TABLE.$born}, {@code TABLE.$died}), without rebuilding any world.
 *
 * <pre>
 * try (RunHistory history = RunHistory.open(runDir)) {
 *     EntityTimeline energy = EntityTimeline.of(history, "creatures", List.of("energy"), 42, 0, 100, allocator);
 *     for (int i = 0; i &lt; energy.size(); i++) {
 *         energy.tick(i); energy.alive(i); energy.bits(i, 0);   // raw bits of the column's type
 *     }
 * }
 * </pre>
 */
public final class EntityTimeline {
    private final String table;
    private final long entityId;
    private final List<String> columns;
    private final List<ColumnType> types;
    private final long fromTick;
    private final boolean[] alive;
    private final long[][] bits;

    private EntityTimeline(String table, long entityId, List<String> columns, List<ColumnType> types, long fromTick,
                           boolean[] alive, long[][] bits) {
        this.table = table;
        this.entityId = entityId;
        this.columns = List.copyOf(columns);
        this.types = List.copyOf(types);
        this.fromTick = fromTick;
        this.alive = alive;
        this.bits = bits;
    }

    /**
     * The values of {@code columns} of entity {@code entityId} of {@code table} at the end of every tick from
     * {@code fromTick} to {@code toTick}. The snapshot it starts from is loaded with {@code allocator} and closed before
     * this returns.
     *
     * @throws ReplayException {@code NO_SNAPSHOT} when no snapshot is at or before {@code fromTick},
     *         {@code TICK_AFTER_LOG} when the log does not reach {@code toTick}
     * @throws TickstoreException {@code INVALID_ARGUMENT} for a table or column the run does not have (with the
     *         names it does have) or a range that runs backwards
     */
    public static EntityTimeline of(RunHistory history, String table, List<String> columns, long entityId, long fromTick,
                                    long toTick, BufferAllocator allocator) throws IOException {
        if (fromTick < 0 || toTick < fromTick) {
            throw new TickstoreException(Problem.INVALID_ARGUMENT, history.runDir() + ": ticks " + fromTick + ".." + toTick
                    + " are not a range of ticks");
        }
        long last = history.lastCompleteTick();
        if (toTick > last) {
            throw new ReplayException(EventLogLayout.logDir(history.runDir()), Problem.TICK_AFTER_LOG, "tick " + toTick
                    + " is after the log's last complete tick " + last);
        }
        long snapshotTick = history.snapshotTickFor(fromTick);
        int n = columns.size();
        List<ColumnType> types = new ArrayList<>(n);
        long[] current = new long[n];
        long[] defaults = new long[n];
        boolean live;
        try (World world = history.run().openAt(snapshotTick, allocator)) {
            if (!world.hasTable(table)) {
                List<String> names = world.tables().stream().map(Table::name).toList();
                throw new TickstoreException(Problem.INVALID_ARGUMENT, history.runDir() + ": no table '" + table + "' (tables: "
                        + String.join(", ", names) + ")" + DidYouMean.suffix(table, names));
            }
            Table t = world.table(table);
            long slot = t.slotOf(entityId);
            live = slot >= 0;
            for (int i = 0; i < n; i++) {
                int c = t.schema().indexOf(columns.get(i));
                if (c < 0) {
                    throw new TickstoreException(Problem.INVALID_ARGUMENT, history.runDir() + ": table '" + table + "' has no column '"
                            + columns.get(i) + "' (columns: " + String.join(", ", t.schema().columnNames()) + ")"
                            + DidYouMean.suffix(columns.get(i), t.schema().columnNames()));
                }
                types.add(t.columnType(c));
                defaults[i] = t.schema().column(c).defaultValue().bits();
                current[i] = live ? t.getBits(c, slot) : defaults[i];
            }
        }
        Codebook codebook = history.log().codebook();
        int born = codebook.keyCode(EventVocabulary.bornKey(table));
        int died = codebook.keyCode(EventVocabulary.diedKey(table));
        int[] columnKeys = new int[n];
        for (int i = 0; i < n; i++) {
            columnKeys[i] = codebook.keyCode(EventVocabulary.columnKey(table, columns.get(i)));
        }
        int size = Math.toIntExact(toTick - fromTick + 1);
        boolean[] alive = new boolean[size];
        long[][] values = new long[size][];
        // the records about the entity after the snapshot, in log order; ticks with none keep the values they had
        long[] tick = {snapshotTick};
        boolean[] isLive = {live};
        history.log().forEntity(entityId, record -> {
            long t = record.tick();
            if (t <= snapshotTick || t > toTick) {
                return;
            }
            int key = record.key();
            if (key != born && key != died && indexOf(columnKeys, key) < 0) {
                return;
            }
            for (; tick[0] < t; tick[0]++) {
                keep(fromTick, tick[0], isLive[0], current, alive, values);
            }
            if (key == born) {
                isLive[0] = true;
                System.arraycopy(defaults, 0, current, 0, n);
            } else if (key == died) {
                isLive[0] = false;
            } else {
                int i = indexOf(columnKeys, key);
                current[i] = EventVocabulary.decode(types.get(i), record.valueBits());
            }
        });
        for (; tick[0] <= toTick; tick[0]++) {
            keep(fromTick, tick[0], isLive[0], current, alive, values);
        }
        return new EntityTimeline(table, entityId, columns, types, fromTick, alive, values);
    }

    private static void keep(long fromTick, long tick, boolean live, long[] current, boolean[] alive, long[][] values) {
        if (tick >= fromTick) {
            int i = (int) (tick - fromTick);
            alive[i] = live;
            values[i] = Arrays.copyOf(current, current.length);
        }
    }

    private static int indexOf(int[] keys, int key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == key && key >= 0) {
                return i;
            }
        }
        return -1;
    }

    public String table() {
        return table;
    }

    public long entityId() {
        return entityId;
    }

    public List<String> columns() {
        return columns;
    }

    public List<ColumnType> types() {
        return types;
    }

    /** How many ticks: {@code toTick - fromTick + 1}. */
    public int size() {
        return alive.length;
    }

    /** The tick of entry {@code i}. */
    public long tick(int i) {
        return fromTick + i;
    }

    /** Whether the entity was live at the end of that tick; when not, its values are its columns' defaults or its last. */
    public boolean alive(int i) {
        return alive[i];
    }

    /** Column {@code column}'s raw bits (as {@code Table.getBits} returns them) at the end of tick {@code tick(i)}. */
    public long bits(int i, int column) {
        return values(i)[column];
    }

    private long[] values(int i) {
        return bits[i];
    }
}
