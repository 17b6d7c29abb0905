package io.tickstore.recording;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.internal.TableRecorder;
import io.tickstore.snapshot.eventlog.EventLogWriter;
import io.tickstore.snapshot.eventlog.ValueKind;
import io.tickstore.snapshot.replay.EventVocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects a world's tables to its event log: one {@link TableRecorder} per table, attached for the life of the
 * recording, so every row added, removed or written is appended to the log as it happens, in the
 * {@link EventVocabulary} that replay re-applies; and the end of each tick with the generator state.
 *
 * <p>Per write: the table's own recorder already holds its key codes, so it is one value conversion and one append:
 * no lookup, no counter, no allocation. Single-threaded, like the log's appends and the table's
 * writes.
 */
final class LoggedTables {
    private final EventLogWriter log;
    private final int rngKey;
    private final int tickEndKey;
    private final List<LoggedTable> tables = new ArrayList<>();
    /** The tick the writes happening now belong to: the world's tick + 1 between tick ends. */
    long tick;
    long added;
    long removed;
    /** Whether the entity ids of the rows added and removed are kept for the tick's report. */
    boolean keepRowChanges;
    private long[] changedIds = new long[64];
    /** Per kept change: the index of its table in {@link #tables}, times two, plus one for a birth. */
    private int[] changeKinds = new int[64];
    private int changes;
    /** Records appended for tick ends since the recording started: what the log holds beyond the mutations. */
    private long tickEndRecords;
    private final long recordsAtStart;

    LoggedTables(EventLogWriter log) {
        this.log = log;
        this.recordsAtStart = log.appendedRecords();
        this.tickEndKey = log.key(EventVocabulary.TICK_END, ValueKind.NONE);
        this.rngKey = log.key(EventVocabulary.RNG, ValueKind.RAW);
    }

    /** Registers every table's key codes and attaches a recorder to each; writes from now on reach the log. */
    void attach(World world) {
        tick = world.tick() + 1;
        for (Table table : world.tables()) {
            LoggedTable recorder = new LoggedTable(this, log, table, tables.size());
            table.attachRecorder(recorder);
            tables.add(recorder);
        }
    }

    /** Detaches every recorder; idempotent. */
    void detach() {
        for (LoggedTable t : tables) {
            if (!t.table.isClosed()) {
                t.table.detachRecorder();
            }
        }
        tables.clear();
    }

    /** The tables being recorded, in the order they were attached. */
    List<Table> tables() {
        List<Table> list = new ArrayList<>(tables.size());
        for (LoggedTable t : tables) {
            list.add(t.table);
        }
        return list;
    }

    /**
     * Rows added, removed and values written since the recording started: every record appended but those of tick ends
     * (counted from the log's own counter, so a write costs no counter of its own).
     */
    long mutations() {
        return log.appendedRecords() - recordsAtStart - tickEndRecords;
    }

    /** Logs the end of {@code world.tick()}: the {@code $rng} words of its generator state, then {@code $tick_end}. */
    void tickEnded(World world) {
        byte[] rng = world.rngState();
        if (rng.length > EventVocabulary.MAX_RNG_WORDS * 8) {
            throw new IllegalArgumentException("generator state of " + rng.length + " bytes is longer than the "
                    + EventVocabulary.MAX_RNG_WORDS * 8 + " the event vocabulary records");
        }
        long ended = world.tick();
        for (int word = 0; word * 8 < rng.length; word++) {
            long bits = 0;
            for (int b = 0; b < 8 && word * 8 + b < rng.length; b++) {
                bits |= (rng[word * 8 + b] & 0xFFL) << (8 * b);
            }
            log.appendBits(ended, word, rngKey, bits);
        }
        log.appendBits(ended, rng.length, tickEndKey, 0L);
        tickEndRecords += (rng.length + 7) / 8 + 1;
        tick = ended + 1;
    }

    /** Keeps a birth or death for the tick's report; amortised without allocation. */
    private void keep(int table, long entityId, boolean born) {
        if (changes == changedIds.length) {
            changedIds = java.util.Arrays.copyOf(changedIds, changes * 2);
            changeKinds = java.util.Arrays.copyOf(changeKinds, changes * 2);
        }
        changedIds[changes] = entityId;
        changeKinds[changes] = table * 2 + (born ? 1 : 0);
        changes++;
    }

    /** The births of the tick that ended, in order; then {@link #takeDeaths()}; they start over with the next tick. */
    List<TickReport.RowChange> takeBirths() {
        return rowChanges(1);
    }

    /** The deaths of the tick that ended, in order; clears what was kept. */
    List<TickReport.RowChange> takeDeaths() {
        List<TickReport.RowChange> deaths = rowChanges(0);
        changes = 0;
        return deaths;
    }

    private List<TickReport.RowChange> rowChanges(int born) {
        if (changes == 0) {
            return List.of();
        }
        List<TickReport.RowChange> list = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            if ((changeKinds[i] & 1) == born) {
                list.add(new TickReport.RowChange(tables.get(changeKinds[i] >> 1).table.name(), changedIds[i]));
            }
        }
        return list;
    }

    /** One table's recorder: its key codes resolved once, at attach. */
    private static final class LoggedTable implements TableRecorder {
        private final LoggedTables owner;
        private final EventLogWriter log;
        private final Table table;
        private final int index;
        private final int born;
        private final int died;
        private final int[] columns;
        private final ColumnType[] types;

        LoggedTable(LoggedTables owner, EventLogWriter log, Table table, int index) {
            this.owner = owner;
            this.log = log;
            this.table = table;
            this.index = index;
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

        @Override
        public void added(long entityId) {
            log.appendBits(owner.tick, entityId, born, 0L);
            owner.added++;
            if (owner.keepRowChanges) {
                owner.keep(index, entityId, true);
            }
        }

        @Override
        public void removed(long entityId) {
            log.appendBits(owner.tick, entityId, died, 0L);
            owner.removed++;
            if (owner.keepRowChanges) {
                owner.keep(index, entityId, false);
            }
        }

        @Override
        public void set(long entityId, int column, long bits) {
            log.appendBits(owner.tick, entityId, columns[column], EventVocabulary.encode(types[column], bits));
        }
    }
}
