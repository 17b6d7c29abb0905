package io.tickstore.cli;

import io.tickstore.backends.Backends;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.TickJournal;
import io.tickstore.columns.World;
import java.util.Map;
import java.util.UUID;

/**
 * {@code run --persist BACKEND}: journals every checkpointed tick into a database backend, on the simulation
 * thread right after the checkpoint's copy, so the database holds exactly the ticks the run's snapshots hold.
 * One invocation is one session; a resumed run journals into a new session.
 */
final class Journaling implements AutoCloseable {
    private final RuntimePersistence backend;
    private final TickJournal journal;
    private final String spec;
    private long ticks;
    private long nanos;
    private boolean failed;

    private Journaling(String spec, RuntimePersistence backend, TickJournal journal) {
        this.spec = spec;
        this.backend = backend;
        this.journal = journal;
    }

    /** Opens the backend and registers a new session for the world's tables. */
    static Journaling start(String spec, World world, RunSettings settings, String runName) {
        RuntimePersistence backend;
        try {
            backend = Backends.open(spec);
        } catch (PersistenceException e) {
            throw new CliException("--persist " + spec + ": " + e.getMessage(),
                    e.problem() == PersistenceException.Problem.INVALID_INPUT ? ExitCodes.USAGE : ExitCodes.FAILURE);
        }
        try {
            TickJournal journal = TickJournal.start(backend, UUID.randomUUID(), world, Map.of(
                    "run", runName, "seed", Long.toString(settings.seed()), "entities", Long.toString(settings.entities())));
            return new Journaling(spec, backend, journal);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** Persists the world at its current tick. */
    void checkpointed(World world) {
        long started = System.nanoTime();
        try {
            journal.checkpoint(world, 0.0);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
        nanos += System.nanoTime() - started;
        ticks++;
    }

    String backend() {
        return spec;
    }

    UUID sessionId() {
        return journal.sessionId();
    }

    long ticksJournaled() {
        return ticks;
    }

    long journalNanos() {
        return nanos;
    }

    /** Records how the session ended and closes the backend. */
    @Override
    public void close() {
        try {
            journal.finish(failed ? "failed" : "completed");
        } finally {
            backend.close();
        }
    }
}
