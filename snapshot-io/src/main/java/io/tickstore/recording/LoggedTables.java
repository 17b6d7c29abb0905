package io.tickstore.recording;

import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnSpec;
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
 * no lookup, no counter, no allocation. An array row or a variable-length value is appended with its bytes (the
 * log's value area); an array element as its index and bytes; a categorical column's new dictionary entry as a symbol
 * of the codebook, once per string. Single-threaded, like the log's appends and the table's
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
    /** Whether the rows touched in each tick are tracked for the tick's report; set before {@link #attach}. */
    boolean keepTouchedRows;
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

    /**
     * Per table, the rows touched during the tick that ended (added or written, and still live), by table name in
     * attach order; starts over. Empty unless {@link #keepTouchedRows}.
     */
    java.util.Map<String, TouchedRows> takeTouchedRows() {
        if (!keepTouchedRows) {
            return java.util.Map.of();
        }
        java.util.Map<String, TouchedRows> touched = new java.util.LinkedHashMap<>();
        for (LoggedTable t : tables) {
            touched.put(t.table.name(), t.touched.take());
        }
        return touched;
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
        /** An array column's element key, a categorical column's dictionary key; -1 for other columns. */
        private final int[] elementKeys;
        private final int[] dictionaryKeys;
        /** An element write's value: u32 index, then the element's bytes; reused, so a write allocates nothing. */
        private final byte[] element = new byte[12];
        /** The rows touched in the tick in progress; null when nobody follows them. */
        private final TouchTracker touched;

        LoggedTable(LoggedTables owner, EventLogWriter log, Table table, int index) {
            this.owner = owner;
            this.log = log;
            this.table = table;
            this.index = index;
            this.touched = owner.keepTouchedRows ? new TouchTracker(table) : null;
            String name = table.name();
            born = log.key(EventVocabulary.bornKey(name), ValueKind.NONE);
            died = log.key(EventVocabulary.diedKey(name), ValueKind.NONE);
            int n = table.schema().columnCount();
            columns = new int[n];
            types = new ColumnType[n];
            elementKeys = new int[n];
            dictionaryKeys = new int[n];
            for (int c = 0; c < n; c++) {
                ColumnSpec spec = table.schema().column(c);
                types[c] = table.columnType(c);
                columns[c] = log.key(EventVocabulary.columnKey(name, spec.name()), EventVocabulary.kindOf(spec));
                elementKeys[c] = spec.kind() == ColumnKind.ARRAY
                        ? log.key(EventVocabulary.elementKey(name, spec.name()), ValueKind.BYTES) : -1;
                dictionaryKeys[c] = spec.kind() == ColumnKind.CATEGORICAL
                        ? log.key(EventVocabulary.dictionaryKey(name, spec.name()), ValueKind.SYMBOL) : -1;
            }
        }

        @Override
        public void setValue(long entityId, int column, long address, int length) {
            log.appendBytes(owner.tick, entityId, columns[column], address, length);
            if (touched != null) {
                touched.touch(entityId);
            }
        }

        @Override
        public void setElement(long entityId, int column, int index, long bits) {
            int width = types[column].byteWidth();
            for (int b = 0; b < 4; b++) {
                element[b] = (byte) (index >>> (8 * b));
            }
            for (int b = 0; b < width; b++) {
                element[4 + b] = (byte) (bits >>> (8 * b));
            }
            log.appendBytes(owner.tick, entityId, elementKeys[column], element, 0, 4 + width);
            if (touched != null) {
                touched.touch(entityId);
            }
        }

        @Override
        public void dictionaryAdded(int column, int code, String entry) {
            log.appendBits(owner.tick, code, dictionaryKeys[column], Double.doubleToRawLongBits(log.symbol(entry)));
        }

        @Override
        public void added(long entityId) {
            log.appendBits(owner.tick, entityId, born, 0L);
            owner.added++;
            if (touched != null) {
                touched.touch(entityId);
            }
            if (owner.keepRowChanges) {
                owner.keep(index, entityId, true);
            }
        }

        @Override
        public void removed(long entityId) {
            log.appendBits(owner.tick, entityId, died, 0L);
            owner.removed++;
            if (touched != null) {
                touched.removed(entityId);
            }
            if (owner.keepRowChanges) {
                owner.keep(index, entityId, false);
            }
        }

        @Override
        public void set(long entityId, int column, long bits) {
            log.appendBits(owner.tick, entityId, columns[column], EventVocabulary.encode(types[column], bits));
            if (touched != null) {
                touched.touch(entityId);
            }
        }
    }
}
