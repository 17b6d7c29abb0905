package io.tickstore.backends;

import io.tickstore.columns.TickstoreException.Problem;
import java.util.List;

/**
 * How {@link RuntimePersistence#persistTick} stores a tick: the events that go with it, whether a tick already
 * stored with different content may be replaced, and who is told about progress. Immutable; every {@code with}
 * returns a copy.
 */
public final class PersistOptions {
    /** No events, no overwriting, no progress listener. */
    public static final PersistOptions DEFAULT = new PersistOptions(List.of(), false, PersistProgress.NONE);

    private final List<TickEvent> events;
    private final boolean overwrite;
    private final PersistProgress progress;

    private PersistOptions(List<TickEvent> events, boolean overwrite, PersistProgress progress) {
        this.events = events;
        this.overwrite = overwrite;
        this.progress = progress;
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
        return new PersistOptions(List.copyOf(tickEvents), overwrite, progress);
    }

    /**
     * Allows replacing a tick already stored with different content; without it that is a
     * {@link TickstoreException.Problem#TICK_CONFLICT}.
     */
    public PersistOptions withOverwrite(boolean allowed) {
        return new PersistOptions(events, allowed, progress);
    }

    public PersistOptions withProgress(PersistProgress listener) {
        return new PersistOptions(events, overwrite, listener == null ? PersistProgress.NONE : listener);
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
