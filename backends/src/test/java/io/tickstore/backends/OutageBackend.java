package io.tickstore.backends;

import io.tickstore.columns.Schema;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.World;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;

/** A backend whose database "goes away" from one tick on: every persist of a later tick fails as a lost server does. */
final class OutageBackend implements RuntimePersistence {
    private final RuntimePersistence real;
    private final long downFromTick;

    OutageBackend(RuntimePersistence real, long downFromTick) {
        this.real = real;
        this.downFromTick = downFromTick;
    }

    @Override
    public void createSession(UUID sessionId, Collection<Schema> tables) {
        real.createSession(sessionId, tables);
    }

    @Override
    public PersistOutcome persistTick(UUID sessionId, World world, PersistOptions options) {
        if (world.tick() >= downFromTick) {
            throw new PersistenceException(TickstoreException.Problem.DATABASE, describe() + ": connection refused");
        }
        return real.persistTick(sessionId, world, options);
    }

    @Override
    public World hydrate(UUID sessionId, long tick, BufferAllocator allocator) {
        return real.hydrate(sessionId, tick, allocator);
    }

    @Override
    public World hydrateLatest(UUID sessionId, BufferAllocator allocator) {
        return real.hydrateLatest(sessionId, allocator);
    }

    @Override
    public void logTick(UUID sessionId, TickLog log) {
        real.logTick(sessionId, log);
    }

    @Override
    public void setMetadata(UUID sessionId, String key, String value) {
        real.setMetadata(sessionId, key, value);
    }

    @Override
    public Optional<String> getMetadata(UUID sessionId, String key) {
        return real.getMetadata(sessionId, key);
    }

    @Override
    public List<TickEvent> events(UUID sessionId, long tick) {
        return real.events(sessionId, tick);
    }

    @Override
    public List<Long> ticks(UUID sessionId) {
        return real.ticks(sessionId);
    }

    @Override
    public Optional<TickLog> tickLog(UUID sessionId, long tick) {
        return real.tickLog(sessionId, tick);
    }

    @Override
    public String describe() {
        return real.describe();
    }

    @Override
    public void close() {
        // the real backend is the test's to close
    }
}
