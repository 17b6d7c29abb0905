package io.tickstore.snapshot.replay;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.MutationSink;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.snapshot.eventlog.EventLogWriter;
import io.tickstore.snapshot.eventlog.ValueKind;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A {@link MutationSink} that appends every mutation to an event log, in the {@link EventVocabulary}: what the
 * reference simulation's cleanup pass applies is exactly what {@link LogReplayer} re-applies.
 *
 * <pre>
 * try (EventLogWriter log = EventLogWriter.create(EventLogLayout.logDir(runDir), allocator, EventLogOptions.defaults())) {
 *     LogRecorder recorder = new LogRecorder(log);
 *     recorder.register(world);          // codes for every table and column, at setup
 *     recorder.tickEnded(world);         // the starting tick and generator state: replay checks snapshots against it
 *     CreatureSimulation sim = new CreatureSimulation(world, recorder);
 *     sim.run(1000);
 * }
 * </pre>
 *
 * <p>Per mutation: one comparison to find the table's codes (the last table is cached), one value conversion
 * and one append; no allocation. {@link #tickEnded} copies the generator state (once per tick). Single-threaded,
 * like the log's appends.
 */
public final class LogRecorder implements MutationSink {
    private final EventLogWriter log;
    private final int rngKey;
    private final int tickEndKey;
    private final Map<Table, TableKeys> tables = new IdentityHashMap<>();
    private Table lastTable;
    private TableKeys lastKeys;
    private long mutations;

    public LogRecorder(EventLogWriter log) {
        this.log = log;
        this.tickEndKey = log.key(EventVocabulary.TICK_END, ValueKind.NONE);
        this.rngKey = log.key(EventVocabulary.RNG, ValueKind.RAW);
    }

    /** Registers the codes of every table of {@code world} now, so the first tick does not. */
    public void register(World world) {
        for (Table table : world.tables()) {
            keys(table);
        }
    }

    /** The key codes of one table's mutations. */
    private static final class TableKeys {
        final int born;
        final int died;
        final int[] columns;
        final ColumnType[] types;

        TableKeys(EventLogWriter log, Table table) {
            String name = table.name();
            born = log.key(EventVocabulary.bornKey(name), ValueKind.NONE);
            died = log.key(EventVocabulary.diedKey(name), ValueKind.NONE);
            int n = table.schema().columnCount();
            columns = new int[n];
            types = new ColumnType[n];
            for (int c = 0; c < n; c++) {
                types[c] = table.columnType(c);
                columns[c] = log.key(EventVocabulary.columnKey(name, table.schema().column(c).name()),
                        EventVocabulary.kindOf(types[c]));
            }
        }
    }

    private TableKeys keys(Table table) {
        if (table == lastTable) {
            return lastKeys;
        }
        TableKeys keys = tables.computeIfAbsent(table, t -> new TableKeys(log, t));
        lastTable = table;
        lastKeys = keys;
        return keys;
    }

    @Override
    public void born(long tick, Table table, long entityId) {
        log.appendBits(tick, entityId, keys(table).born, 0L);
        mutations++;
    }

    @Override
    public void died(long tick, Table table, long entityId) {
        log.appendBits(tick, entityId, keys(table).died, 0L);
        mutations++;
    }

    @Override
    public void set(long tick, Table table, long entityId, int column, long bits) {
        TableKeys keys = keys(table);
        log.appendBits(tick, entityId, keys.columns[column], EventVocabulary.encode(keys.types[column], bits));
        mutations++;
    }

    /** Records the world's tick and generator state: the {@code $rng} words, then {@code $tick_end}. */
    @Override
    public void tickEnded(World world) {
        byte[] rng = world.rngState();
        if (rng.length > EventVocabulary.MAX_RNG_WORDS * 8) {
            throw new IllegalArgumentException("generator state of " + rng.length + " bytes is longer than the "
                    + EventVocabulary.MAX_RNG_WORDS * 8 + " the event vocabulary records");
        }
        long tick = world.tick();
        for (int word = 0; word * 8 < rng.length; word++) {
            long bits = 0;
            for (int b = 0; b < 8 && word * 8 + b < rng.length; b++) {
                bits |= (rng[word * 8 + b] & 0xFFL) << (8 * b);
            }
            log.appendBits(tick, word, rngKey, bits);
        }
        log.appendBits(tick, rng.length, tickEndKey, 0L);
    }

    /** Births, deaths and column writes recorded (tick ends not counted). */
    public long mutations() {
        return mutations;
    }

    public EventLogWriter log() {
        return log;
    }
}
