package io.tickstore.backends;

/** What {@link RuntimePersistence#persistTick} did. */
public enum PersistOutcome {
    /** The tick was not stored before; it is now. */
    STORED,
    /** The tick was already stored with the same content (world hash and events); nothing was written. */
    UNCHANGED,
    /** The tick was stored with different content and the caller allowed overwriting; it now holds the new content. */
    OVERWRITTEN
}
