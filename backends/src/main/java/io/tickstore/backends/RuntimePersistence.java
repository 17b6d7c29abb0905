package io.tickstore.backends;

import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Where a simulation journals its ticks. The simulation talks to storage only through this interface and never
 * knows which backend is behind it: {@code SqliteRuntime} for development and tests, {@code PostgresRuntime} for
 * production. Backend-specific extras live in {@link PostgresExtensions}; callers test for it with
 * {@code instanceof}, and a backend without them simply does not implement it.
 *
 * <h2>The five operations</h2>
 * {@link #persistTick} (a world's tables at its tick, plus events), {@link #hydrate} / {@link #hydrateLatest} (a
 * world back at a tick), {@link #logTick} (replay metadata), {@link #setMetadata} and {@link #getMetadata}. Around
 * them: {@link #createSession} registers a session and its table schemas, and {@link #events} and {@link #tickLog}
 * read back what the first and third stored.
 *
 * <h2>Semantics every backend guarantees</h2>
 * <ul>
 *   <li>Every operation takes the session id. A session must be created first; any other operation on an unknown
 *       session throws {@link TickstoreException.Problem#UNKNOWN_SESSION} and writes nothing. Sessions never see
 *       each other's data.</li>
 *   <li>A world whose tables do not match the schemas the session was created with is refused
 *       ({@link TickstoreException.Problem#SCHEMA_MISMATCH}) before anything is written.</li>
 *   <li>A tick is stored in one transaction: after a failure, a crash or a cancelled persist it is absent, never
 *       partial, and persisting it again stores it exactly once.</li>
 *   <li>Persisting a tick that is stored with the same content (the world's {@code ContentHash} and the events) is a
 *       no-op ({@link PersistOutcome#UNCHANGED}); different content is a
 *       {@link TickstoreException.Problem#TICK_CONFLICT} unless {@link PersistOptions#withOverwrite} allows it.</li>
 *   <li>A hydrated world has the content hash of the world persisted, and each table continues handing out entity
 *       ids where the persisted one stopped.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe. Closing is idempotent; any other call after it throws
 * {@link IllegalStateException}.
 */
public interface RuntimePersistence extends AutoCloseable {

    /**
     * Registers a session and the schemas of the tables its worlds hold, creating whatever tables the backend needs
     * for them. Registering the same session again with the same schemas does nothing; with different schemas it
     * throws {@link TickstoreException.Problem#SCHEMA_MISMATCH}. Throws
     * {@link TickstoreException.Problem#INVALID_IDENTIFIER} when a table or column name cannot be used by this
     * backend.
     */
    void createSession(UUID sessionId, Collection<Schema> tables);

    /** {@link #createSession(UUID, Collection)} with the schemas of the world's tables. */
    default void createSession(UUID sessionId, World world) {
        List<Schema> schemas = new ArrayList<>();
        for (Table table : world.tables()) {
            schemas.add(table.schema());
        }
        createSession(sessionId, schemas);
    }

    /** Stores the world's tables at {@code world.tick()}, with the options' events; see the class comment. */
    PersistOutcome persistTick(UUID sessionId, World world, PersistOptions options);

    /** {@link #persistTick(UUID, World, PersistOptions)} with {@link PersistOptions#DEFAULT}. */
    default PersistOutcome persistTick(UUID sessionId, World world) {
        return persistTick(sessionId, world, PersistOptions.DEFAULT);
    }

    /**
     * A new world holding the session's tables at {@code tick}, allocated from {@code allocator}; the caller closes
     * it. Throws {@link TickstoreException.Problem#NO_SUCH_TICK} when that tick is not stored.
     */
    World hydrate(UUID sessionId, long tick, BufferAllocator allocator);

    /** Like {@link #hydrate} for the highest tick the session has stored. */
    World hydrateLatest(UUID sessionId, BufferAllocator allocator);

    /**
     * Records a tick's replay metadata. Logging a tick again replaces its log: wall times differ between runs, so a
     * restarted run must be able to log the ticks it repeats. A tick may be logged whether or not it is persisted.
     */
    void logTick(UUID sessionId, TickLog log);

    /** Stores a key-value pair for the session, replacing the key's previous value. */
    void setMetadata(UUID sessionId, String key, String value);

    /** The session's value for {@code key}, or empty. */
    Optional<String> getMetadata(UUID sessionId, String key);

    /** The events stored with a tick, in the order given; throws {@code NO_SUCH_TICK} when the tick is not stored. */
    List<TickEvent> events(UUID sessionId, long tick);

    /** Every tick the session has stored, ascending (what a resumed journal checks for gaps). */
    List<Long> ticks(UUID sessionId);

    /** The replay metadata logged for a tick, or empty. */
    Optional<TickLog> tickLog(UUID sessionId, long tick);

    /**
     * The backend and where its data lives, for messages: {@code sqlite:data/runs/r1.sqlite}. Built from
     * {@link BackendSpec#toString()}, so never with a password.
     */
    String describe();

    /** Releases connections; idempotent. */
    @Override
    void close();
}
