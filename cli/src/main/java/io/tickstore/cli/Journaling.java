package io.tickstore.cli;

import io.tickstore.backends.BackendSpec;
import io.tickstore.backends.Backends;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.TickJournal;
import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.columns.World;
import io.tickstore.snapshot.checkpoint.CheckpointListener;
import java.util.Map;
import java.util.UUID;

/**
 * {@code run --persist BACKEND}: journals every checkpointed tick into a database backend. It follows the
 * checkpointer ({@link CheckpointListener}): the checkpoint's background thread persists the staged copy once its
 * snapshot is published, so the database holds exactly the ticks the run's snapshots hold and the simulation thread
 * never waits on the database (unless the database falls so far behind that the next checkpoint finds both staging
 * copies still in use; that wait counts in the checkpoint stall). A failed persist fails the run at its next
 * checkpoint, as a failed snapshot write does. One invocation is one session; a resumed run journals into a new
 * session.
 */
final class Journaling implements AutoCloseable, CheckpointListener {
    private final RuntimePersistence backend;
    private final TickJournal journal;
    private final BackendSpec spec;
    // written by the checkpoint writer's thread, read by the simulation thread after Checkpointer.awaitAll/close
    private volatile long ticks;
    private volatile long nanos;
    private volatile boolean failed;

    private Journaling(BackendSpec spec, RuntimePersistence backend, TickJournal journal) {
        this.spec = spec;
        this.backend = backend;
        this.journal = journal;
    }

    /** Opens the backend and registers a new session for the world's tables. */
    static Journaling start(String text, World world, RunSettings settings, String runName) {
        BackendSpec spec;
        RuntimePersistence backend;
        try {
            spec = BackendSpec.parse(text);
            backend = Backends.open(spec, PostgresOptions.defaults());
        } catch (PersistenceException e) {
            // the message names the backend first, without its password; a spec that does not parse is quoted masked
            boolean badSpec = e.problem() == PersistenceException.Problem.INVALID_INPUT;
            throw new CliException(badSpec ? "--persist: " + e.getMessage() : e.getMessage(), badSpec ? ExitCodes.USAGE : ExitCodes.FAILURE);
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

    /** Persists the staged copy of a checkpointed world at its tick (on the checkpoint writer's thread). */
    @Override
    public void published(World world) {
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

    /** The backend as it may be printed: without a password. */
    String backend() {
        return spec.toString();
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
