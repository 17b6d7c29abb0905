package io.tickstore.backends;

import io.tickstore.recording.RecordingObserver;
import java.util.UUID;

/**
 * A recording observer that journals a run into a database, as a run reports it: the generic {@link Journal}, or a
 * writer of a world's own tables (the hex journal of a geographic world). {@link TickJournals#open} chooses one for a
 * simulation.
 */
public interface TickJournal extends RecordingObserver {
    /** The spec to reach the journal again, without a password. */
    String target();

    /** The session the run journals into (known once the recording started). */
    UUID sessionId();

    /** Ticks persisted by this recording. */
    long ticksPersisted();

    /** Ticks a resume filled in before recording on. */
    default long ticksBackfilled() {
        return 0;
    }

    /** Time spent persisting, in nanoseconds. */
    long persistNanos();

}
