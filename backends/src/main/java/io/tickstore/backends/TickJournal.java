package io.tickstore.backends;

import io.tickstore.columns.World;
import java.util.Map;
import java.util.UUID;

/**
 * Journals a running simulation into a backend: what {@code ./tickstore run --persist} drives. It calls the
 * contract's operations unconditionally and, when the backend also implements {@link PostgresExtensions}, asks the
 * database to summarise every checkpointed tick, so the time series of every column is ready to query.
 *
 * <pre>
 * try (RuntimePersistence backend = Backends.open(spec)) {
 *     TickJournal journal = TickJournal.start(backend, UUID.randomUUID(), world, Map.of("seed", "42"));
 *     ... each checkpoint: journal.checkpoint(world, wallTimeMs);
 *     journal.finish("completed");
 * }
 * </pre>
 *
 * Not thread-safe; one simulation thread drives it.
 */
public final class TickJournal {
    /** Metadata keys the journal writes. */
    public static final String START_TICK = "start_tick";
    public static final String END_TICK = "end_tick";
    public static final String STATUS = "status";

    private final RuntimePersistence backend;
    private final UUID sessionId;
    private long lastTick = -1;

    private TickJournal(RuntimePersistence backend, UUID sessionId) {
        this.backend = backend;
        this.sessionId = sessionId;
    }

    /**
     * Registers the session with the world's table schemas, records {@code metadata} plus {@value #START_TICK} and
     * a {@value #STATUS} of {@code running}.
     */
    public static TickJournal start(RuntimePersistence backend, UUID sessionId, World world, Map<String, String> metadata) {
        backend.createSession(sessionId, world);
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            backend.setMetadata(sessionId, e.getKey(), e.getValue());
        }
        backend.setMetadata(sessionId, START_TICK, Long.toString(world.tick()));
        backend.setMetadata(sessionId, STATUS, "running");
        return new TickJournal(backend, sessionId);
    }

    public UUID sessionId() {
        return sessionId;
    }

    /**
     * Persists the world at its tick and logs the tick's replay metadata (generator state, wall time); on
     * PostgreSQL also summarises it.
     */
    public PersistOutcome checkpoint(World world, double wallTimeMs) {
        PersistOutcome outcome = backend.persistTick(sessionId, world);
        backend.logTick(sessionId, TickLog.builder(world.tick()).rngState(world.rngState()).wallTimeMs(wallTimeMs).build());
        if (backend instanceof PostgresExtensions) {
            ((PostgresExtensions) backend).summarizeTick(sessionId, world.tick());
        }
        lastTick = world.tick();
        return outcome;
    }

    /** Records the last checkpointed tick as {@value #END_TICK} and the final {@value #STATUS}. */
    public void finish(String status) {
        if (lastTick >= 0) {
            backend.setMetadata(sessionId, END_TICK, Long.toString(lastTick));
        }
        backend.setMetadata(sessionId, STATUS, status);
    }
}
