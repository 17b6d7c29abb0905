package io.tickstore.snapshot.replay;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.snapshot.eventlog.ChunkInfo;
import io.tickstore.snapshot.eventlog.Codebook;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.eventlog.EventRecord;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.agrona.UnsafeApi;

/**
 * Applies a range of an event log to a world: the records with a tick after the world's and up to the tick asked
 * for, in log order, exactly as the simulation's cleanup pass applied them ({@link EventVocabulary}): births
 * ({@code addRow(id)}), deaths ({@code removeEntity}: the same swap-remove), column writes ({@code setBits} at
 * the entity's slot; {@code setValue} with the bytes of an array row or a variable-length value from the chunk's
 * value area; the element setter for one element of an array), new dictionary entries of categorical columns (in code
 * order), and at each tick end the world's tick and generator state.
 *
 * <h2>Checks</h2>
 * <ul>
 *   <li>The world must not be past the tick asked for (a snapshot newer than the requested tick:
 *       {@link Problem#NO_SNAPSHOT}).</li>
 *   <li>The log must record the end of the world's own tick with the world's generator state: a log of another
 *       run (or one that starts later) is refused before anything is applied ({@link Problem#WORLD_MISMATCH}).</li>
 *   <li>Every record must make sense at its tick: a death or write for an entity that is not live, a birth of a
 *       live one, ticks going backwards, a key for a table or column the world lacks:
 *       {@link Problem#INCONSISTENT_RECORD} naming the segment, chunk, record and tick. The world is then partly
 *       replayed; the caller discards it.</li>
 *   <li>The log must reach the tick asked for ({@link Problem#TICK_AFTER_LOG}).</li>
 * </ul>
 *
 * <h2>Speed</h2>
 * Records are read straight from the log's mappings; chunks wholly before the world's tick are skipped by their
 * headers; ids are looked up in a dense id-to-slot array ({@code SlotLookup}) rather than the table's hash index,
 * and the last entity's slot is cached, so the consecutive writes of one entity cost one lookup. A plain scalar
 * column's write (the most common record) is stored at the column's address by the replayer itself rather than through
 * {@code Table.setBits}, whose checks the binding and the lookup have already made once for all records.
 */
public final class LogReplayer {
    private LogReplayer() {
    }

    /** Replays {@code log} onto {@code world} from the world's tick through {@code toTick}; see the class comment. */
    public static ReplayResult replay(World world, EventLogReader log, long toTick) throws IOException {
        long start = world.tick();
        if (toTick < start) {
            throw new ReplayException(log.dir(), Problem.NO_SNAPSHOT, "the world is at tick " + start
                    + ", after the requested tick " + toTick + ": a snapshot newer than the requested tick cannot be replayed back");
        }
        Pass pass = new Pass(world, log, KeyBinding.bind(log.codebook(), world, log.dir()), start, toTick);
        for (ChunkInfo chunk : log.chunks()) {
            if (chunk.header().lastTick() < start) {
                pass.previousTick = Math.max(pass.previousTick, chunk.header().lastTick());
                continue;
            }
            pass.values = log.valuesAddress(chunk);
            if (!pass.apply(chunk, log.payloadAddress(chunk))) {
                break;
            }
        }
        if (!pass.startSeen) {
            throw new ReplayException(log.dir(), Problem.WORLD_MISMATCH, "the log has no end of tick " + start
                    + " (the world's tick): it covers ticks " + log.firstTick() + ".." + log.lastTick()
                    + " and does not continue this world");
        }
        if (toTick > start && pass.lastEnd != toTick) {
            throw new ReplayException(log.dir(), Problem.TICK_AFTER_LOG, "the log's last complete tick is "
                    + Math.max(pass.lastEnd, start) + "; tick " + toTick + " is not in it");
        }
        return new ReplayResult(start, toTick, pass.applied, pass.read);
    }

    /**
     * One replay's state. The record loop is {@link #apply}, one call per chunk: a small method the JIT compiles
     * on its own, instead of one long loop compiled on the stack.
     */
    private static final class Pass {
        final World world;
        final EventLogReader log;
        final KeyBinding keys;
        final byte[] actions;
        final ColumnType[] types;
        final int[] columns;
        final byte[] log2Widths;
        final SlotLookup[] lookups;
        final long start;
        final long toTick;
        final long[] rngWords = new long[EventVocabulary.MAX_RNG_WORDS];
        boolean startSeen;
        long lastEnd = Long.MIN_VALUE;
        long previousTick = Long.MIN_VALUE;
        long applied;
        long read;
        SlotLookup cachedLookup;
        long cachedEntity = -1;
        long cachedSlot = -1;
        /** The current chunk's value area. */
        long values;

        Pass(World world, EventLogReader log, KeyBinding keys, long start, long toTick) {
            this.world = world;
            this.log = log;
            this.keys = keys;
            this.actions = keys.actions;
            this.types = keys.types;
            this.columns = keys.columns;
            this.log2Widths = keys.log2Widths;
            this.lookups = lookups(keys);
            this.start = start;
            this.toTick = toTick;
        }

        /** Applies one chunk's records; returns false once a record is past {@code toTick}. */
        boolean apply(ChunkInfo chunk, long base) {
            byte[] actions = this.actions;
            int keyCount = actions.length;
            long address = base;
            int records = chunk.records();
            for (int i = 0; i < records; i++, address += EventRecord.BYTES) {
                long tick = EventRecord.tick(address);
                if (tick < previousTick) {
                    throw inconsistent(chunk, i, tick, "its tick is before the previous record's tick " + previousTick);
                }
                previousTick = tick;
                if (tick > toTick) {
                    return false;
                }
                int key = EventRecord.key(address);
                if (key < 0 || key >= keyCount) {
                    throw inconsistent(chunk, i, tick, "key code " + key + " is not in the codebook (codes 0.." + (keyCount - 1)
                            + "): the codebook does not match this log");
                }
                byte action = actions[key];
                read++;
                if (tick <= start || !startSeen) {
                    atOrBeforeStart(chunk, i, tick, action, address);
                    continue;
                }
                if (action == KeyBinding.SET_RAW) {
                    setRaw(chunk, i, tick, key, address);
                } else if (action == KeyBinding.SET) {
                    set(chunk, i, tick, key, address);
                } else {
                    other(chunk, i, tick, key, action, address);
                }
            }
            return true;
        }

        private void set(ChunkInfo chunk, int i, long tick, int key, long address) {
            long entity = EventRecord.entityId(address);
            SlotLookup lookup = lookups[key];
            long slot = writtenSlot(chunk, i, tick, key, lookup, entity);
            try {
                lookup.table().setBits(keys.columns[key], slot, EventVocabulary.decode(keys.types[key], EventRecord.valueBits(address)));
            } catch (IllegalArgumentException e) {
                throw inconsistent(chunk, i, tick, "'" + keys.names[key] + "' of entity " + entity + ": " + e.getMessage());
            }
            applied++;
        }

        /**
         * A plain scalar write, stored at the column's address by the replayer itself: {@code Table.setBits} would
         * check the row (it comes from the live lookup), the column's kind and dictionary (fixed by the binding) and
         * look for a recorder (none at binding), all per record. The value is decoded as {@code EventVocabulary.decode}
         * does, and stored at the column's width as the table's own setter stores it.
         */
        private void setRaw(ChunkInfo chunk, int i, long tick, int key, long address) {
            long entity = EventRecord.entityId(address);
            SlotLookup lookup = lookups[key];
            long slot = writtenSlot(chunk, i, tick, key, lookup, entity);
            long bits = EventVocabulary.decode(types[key], EventRecord.valueBits(address));
            long base = lookup.columnAddress(columns[key]);
            switch (log2Widths[key]) {
                case 0: UnsafeApi.putByte(base + slot, (byte) bits); break;
                case 1: UnsafeApi.putShort(base + (slot << 1), (short) bits); break;
                case 2: UnsafeApi.putInt(base + (slot << 2), (int) bits); break;
                default: UnsafeApi.putLong(base + (slot << 3), bits); break;
            }
            applied++;
        }

        /**
         * The slot a column write of {@code entity} lands in, through the cache of the last entity written (the
         * consecutive writes of one entity cost one lookup), or an error naming the record.
         */
        private long writtenSlot(ChunkInfo chunk, int i, long tick, int key, SlotLookup lookup, long entity) {
            if (lookup == cachedLookup && entity == cachedEntity) {
                return cachedSlot;
            }
            long slot = lookup.slotOf(entity);
            if (slot < 0) {
                throw inconsistent(chunk, i, tick, "'" + keys.names[key] + "' is written for entity " + entity
                        + ", which does not exist in table '" + lookup.table().name() + "' at that tick");
            }
            cachedLookup = lookup;
            cachedEntity = entity;
            cachedSlot = slot;
            return slot;
        }

        /** The slot of a live entity of the key's table, or an error naming the record. */
        private long liveSlot(ChunkInfo chunk, int i, long tick, int key, long entity) {
            SlotLookup lookup = lookups[key];
            long slot = lookup.slotOf(entity);
            if (slot < 0) {
                throw inconsistent(chunk, i, tick, "'" + keys.names[key] + "' is written for entity " + entity
                        + ", which does not exist in table '" + lookup.table().name() + "' at that tick");
            }
            return slot;
        }

        /** The address of a bytes record's value, checked to lie inside its chunk's value area. */
        private long valueAddress(ChunkInfo chunk, int i, long tick, int key, long valueBits) {
            long offset = EventRecord.valueOffset(valueBits);
            long length = EventRecord.valueLength(valueBits);
            int area = chunk.header().valueBytes();
            if (offset > area || length > area - offset) {
                throw inconsistent(chunk, i, tick, "'" + keys.names[key] + "' points at value bytes [" + offset + ", " + (offset + length)
                        + ") outside the chunk's " + area);
            }
            return values + offset;
        }

        /** An array row or a variable-length value, as stored bytes. */
        private void setValue(ChunkInfo chunk, int i, long tick, int key, long address) {
            long entity = EventRecord.entityId(address);
            long slot = liveSlot(chunk, i, tick, key, entity);
            long bits = EventRecord.valueBits(address);
            long at = valueAddress(chunk, i, tick, key, bits);
            try {
                lookups[key].table().setValue(keys.columns[key], slot, at, (int) EventRecord.valueLength(bits));
            } catch (IllegalArgumentException e) {
                throw inconsistent(chunk, i, tick, "'" + keys.names[key] + "' of entity " + entity + ": " + e.getMessage());
            }
            cachedLookup = null;
            applied++;
        }

        /** One element of an array row: u32 index, then the element's bytes. */
        private void setElement(ChunkInfo chunk, int i, long tick, int key, long address) {
            long entity = EventRecord.entityId(address);
            long slot = liveSlot(chunk, i, tick, key, entity);
            long bits = EventRecord.valueBits(address);
            long at = valueAddress(chunk, i, tick, key, bits);
            Table table = lookups[key].table();
            int column = keys.columns[key];
            int width = keys.types[key].byteWidth();
            int index = EventRecord.valueLength(bits) == 4 + width ? org.agrona.UnsafeApi.getInt(at) : -1;
            if (index < 0 || index >= table.arrayLength(column)) {
                throw inconsistent(chunk, i, tick, "'" + keys.names[key] + "' of entity " + entity + " writes element " + index + " with "
                        + (EventRecord.valueLength(bits) - 4) + " bytes; the column's rows hold " + table.arrayLength(column) + " elements of "
                        + width);
            }
            long element = 0;
            for (int b = 0; b < width; b++) {
                element |= (org.agrona.UnsafeApi.getByte(at + 4 + b) & 0xFFL) << (8 * b);
            }
            table.setBits(column, slot, index, element);
            cachedLookup = null;
            applied++;
        }

        /** A categorical column's next dictionary entry: the record's entity is its code, its value the codebook symbol. */
        private void addEntry(ChunkInfo chunk, int i, long tick, int key, long address) {
            long code = EventRecord.entityId(address);
            int symbol = (int) Double.longBitsToDouble(EventRecord.valueBits(address));
            Table table = keys.tables[key];
            int column = keys.columns[key];
            int size = table.dictionary(column).size();
            if (symbol < 0 || symbol >= log.codebook().symbolCount() || code != size) {
                throw inconsistent(chunk, i, tick, "'" + keys.names[key] + "' adds code " + code + " (symbol " + symbol
                        + ") where the dictionary's next code is " + size);
            }
            String text = log.codebook().symbolText(symbol);
            if (table.dictionary(column).codeOf(text) >= 0) {
                throw inconsistent(chunk, i, tick, "'" + keys.names[key] + "' adds \"" + text + "\", which the dictionary holds already");
            }
            table.intern(column, text);
            applied++;
        }

        /** Records of the world's own tick (or earlier): only the end of that tick counts, as a check. */
        private void atOrBeforeStart(ChunkInfo chunk, int i, long tick, byte action, long address) {
            if (tick > start) {
                throw new ReplayException(log.dir(), Problem.WORLD_MISMATCH, "the log has no end of tick " + start
                        + " (the world's tick) before its records of tick " + tick + " (" + chunk.segment() + " chunk "
                        + chunk.sequence() + "): it does not continue this world");
            }
            if (tick == start && action == KeyBinding.RNG) {
                storeWord(rngWords, chunk, i, tick, address);
            } else if (tick == start && action == KeyBinding.TICK_END) {
                checkStart(world, log, rngWords, EventRecord.entityId(address), chunk, i);
                startSeen = true;
            }
        }

        private void other(ChunkInfo chunk, int i, long tick, int key, byte action, long address) {
            long entity = EventRecord.entityId(address);
            switch (action) {
                case KeyBinding.BORN: {
                    SlotLookup lookup = lookups[key];
                    if (entity < 0 || lookup.slotOf(entity) >= 0) {
                        throw inconsistent(chunk, i, tick, "entity " + entity + " is born in table '" + lookup.table().name()
                                + "', which " + (entity < 0 ? "cannot hold a negative id" : "holds it already"));
                    }
                    cachedLookup = lookup;
                    cachedEntity = entity;
                    cachedSlot = lookup.born(entity);
                    applied++;
                    break;
                }
                case KeyBinding.DIED: {
                    SlotLookup lookup = lookups[key];
                    long slot = lookup.slotOf(entity);
                    if (slot < 0) {
                        throw inconsistent(chunk, i, tick, "entity " + entity + " dies, but it does not exist in table '"
                                + lookup.table().name() + "' at that tick");
                    }
                    lookup.died(entity, slot);
                    cachedLookup = null;
                    cachedEntity = -1;
                    applied++;
                    break;
                }
                case KeyBinding.RNG:
                    storeWord(rngWords, chunk, i, tick, address);
                    break;
                case KeyBinding.TICK_END:
                    world.setTick(tick);
                    world.setRngState(rngBytes(rngWords, entity, chunk, i, tick));
                    lastEnd = tick;
                    break;
                case KeyBinding.SET_VALUE:
                    setValue(chunk, i, tick, key, address);
                    break;
                case KeyBinding.SET_ELEMENT:
                    setElement(chunk, i, tick, key, address);
                    break;
                case KeyBinding.DICTIONARY:
                    addEntry(chunk, i, tick, key, address);
                    break;
                case KeyBinding.UNBOUND:
                    throw inconsistent(chunk, i, tick, "key '" + keys.names[key] + "' names a table or column the world does not have");
                default:
                    break;
            }
        }
    }

    /** One id-to-slot lookup per table, shared by that table's keys (indexed by key code; null for other keys). */
    private static SlotLookup[] lookups(KeyBinding keys) {
        SlotLookup[] byKey = new SlotLookup[keys.actions.length];
        java.util.Map<Table, SlotLookup> byTable = new java.util.IdentityHashMap<>();
        for (int key = 0; key < byKey.length; key++) {
            byte action = keys.actions[key];
            if (action == KeyBinding.SET || action == KeyBinding.SET_RAW || action == KeyBinding.BORN || action == KeyBinding.DIED || action == KeyBinding.SET_VALUE
                    || action == KeyBinding.SET_ELEMENT) {
                byKey[key] = byTable.computeIfAbsent(keys.tables[key], SlotLookup::new);
            }
        }
        return byKey;
    }

    private static void storeWord(long[] words, ChunkInfo chunk, int index, long tick, long address) {
        long word = EventRecord.entityId(address);
        if (word < 0 || word >= words.length) {
            throw inconsistent(chunk, index, tick, "generator word index " + word + " is outside 0.." + (words.length - 1));
        }
        words[(int) word] = EventRecord.valueBits(address);
    }

    private static byte[] rngBytes(long[] words, long length, ChunkInfo chunk, int index, long tick) {
        if (length < 0 || length > words.length * 8L) {
            throw inconsistent(chunk, index, tick, "generator state length " + length + " is outside 0.." + words.length * 8);
        }
        byte[] bytes = new byte[(int) length];
        for (int b = 0; b < bytes.length; b++) {
            bytes[b] = (byte) (words[b >> 3] >>> (8 * (b & 7)));
        }
        return bytes;
    }

    private static void checkStart(World world, EventLogReader log, long[] words, long length, ChunkInfo chunk, int index) {
        byte[] logged = rngBytes(words, length, chunk, index, world.tick());
        byte[] own = world.rngState();
        if (!Arrays.equals(logged, own)) {
            HexFormat hex = HexFormat.of();
            throw new ReplayException(log.dir(), Problem.WORLD_MISMATCH, "at the end of tick " + world.tick()
                    + " the log (run " + Codebook.runIdHex(log.runId()) + ") records generator state " + hex.formatHex(logged)
                    + " but the world holds " + hex.formatHex(own) + ": the log belongs to another run");
        }
    }

    private static ReplayException inconsistent(ChunkInfo chunk, int index, long tick, String detail) {
        return new ReplayException(chunk.segment(), Problem.INCONSISTENT_RECORD, "chunk " + chunk.sequence() + " record "
                + index + " (tick " + tick + "): " + detail);
    }

    /** The tick of the log's last {@code $tick_end} record, or -1 when it has none. */
    public static long lastCompleteTick(EventLogReader log) {
        int tickEnd = log.codebook().keyCode(EventVocabulary.TICK_END);
        if (tickEnd < 0) {
            return -1;
        }
        List<ChunkInfo> chunks = log.chunks();
        for (int c = chunks.size() - 1; c >= 0; c--) {
            ChunkInfo chunk = chunks.get(c);
            long base = log.payloadAddress(chunk);
            for (int i = chunk.records() - 1; i >= 0; i--) {
                long address = base + (long) i * EventRecord.BYTES;
                if (EventRecord.key(address) == tickEnd) {
                    return EventRecord.tick(address);
                }
            }
        }
        return -1;
    }
}
