package io.tickstore.backends;

import io.tickstore.columns.TickstoreException.Problem;
import java.util.List;
import java.util.Map;

/**
 * How {@link RuntimePersistence#persistTick} stores a tick: the events that go with it, whether a tick already
 * stored with different content may be replaced, and who is told about progress. Immutable; every {@code with}
 * returns a copy.
 */
public final class PersistOptions {
    /** No events, no overwriting, no progress listener. */
    public static final PersistOptions DEFAULT = new PersistOptions(List.of(), false, PersistProgress.NONE, Map.of());

    private final List<TickEvent> events;
    private final boolean overwrite;
    private final PersistProgress progress;
    private final Map<String, long[]> onlySlots;

    private PersistOptions(List<TickEvent> events, boolean overwrite, PersistProgress progress, Map<String, long[]> onlySlots) {
        this.events = events;
        this.overwrite = overwrite;
        this.progress = progress;
        this.onlySlots = onlySlots;
    }

    /** Stores these events with the tick, in this order. */
    public PersistOptions withEvents(List<TickEvent> tickEvents) {
        if (tickEvents == null) {
            throw new PersistenceException(Problem.INVALID_INPUT, "events are null; pass an empty list for none");
        }
        for (int i = 0; i < tickEvents.size(); i++) {
            if (tickEvents.get(i) == null) {
                throw new PersistenceException(Problem.INVALID_INPUT, "event " + i + " is null");
            }
        }
        return new PersistOptions(List.copyOf(tickEvents), overwrite, progress, onlySlots);
    }

    /**
     * Allows replacing a tick already stored with different content; without it that is a
     * {@link TickstoreException.Problem#TICK_CONFLICT}.
     */
    public PersistOptions withOverwrite(boolean allowed) {
        return new PersistOptions(events, allowed, progress, onlySlots);
    }

    public PersistOptions withProgress(PersistProgress listener) {
        return new PersistOptions(events, overwrite, listener == null ? PersistProgress.NONE : listener, onlySlots);
    }

    /**
     * Writes only these slots (ascending) of the named tables, the rest of each table being kept by earlier ticks: what
     * a journal keeping a table sparse or once per session ({@link TierPlan}) persists. A table not named is written
     * whole. Only PostgreSQL keeps such ticks; SQLite refuses them ({@link Problem#TIER_MISFIT}).
     */
    public PersistOptions withOnlySlots(Map<String, long[]> slotsByTable) {
        Map<String, long[]> copy = new java.util.TreeMap<>();
        slotsByTable.forEach((table, slots) -> {
            for (int i = 1; i < slots.length; i++) {
                if (slots[i] <= slots[i - 1]) {
                    throw new PersistenceException(Problem.INVALID_INPUT, "the slots of table '" + table + "' to persist are not ascending at "
                            + i + ": " + slots[i - 1] + ", " + slots[i]);
                }
            }
            copy.put(table, slots.clone());
        });
        return new PersistOptions(events, overwrite, progress, java.util.Collections.unmodifiableMap(copy));
    }

    /** The slots of {@code table} to write, or null for every row. */
    public long[] onlySlots(String table) {
        return onlySlots.get(table);
    }

    /** Whether some table is written in part. */
    public boolean writesInPart() {
        return !onlySlots.isEmpty();
    }

    public List<TickEvent> events() {
        return events;
    }

    public boolean overwrite() {
        return overwrite;
    }

    public PersistProgress progress() {
        return progress;
    }
}
