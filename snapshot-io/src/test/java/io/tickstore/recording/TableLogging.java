package io.tickstore.recording;

import io.tickstore.columns.World;
import io.tickstore.snapshot.eventlog.EventLogWriter;

/**
 * The recording's table-to-log connection without the rest of a recording, for tests that build logs by hand (a
 * golden run's exact bytes, a log with one deliberate record).
 */
public final class TableLogging implements AutoCloseable {
    private final LoggedTables logged;

    private TableLogging(LoggedTables logged) {
        this.logged = logged;
    }

    /** Registers the codes of every table of {@code world} in {@code log} and logs every later write to them. */
    public static TableLogging attach(EventLogWriter log, World world) {
        LoggedTables logged = new LoggedTables(log);
        logged.attach(world);
        return new TableLogging(logged);
    }

    /** Logs tick ends only: the codes of the world's tables stay unregistered, for a test that registers its own. */
    public static TableLogging tickEndsOnly(EventLogWriter log, World world) {
        LoggedTables logged = new LoggedTables(log);
        logged.tick = world.tick() + 1;
        return new TableLogging(logged);
    }

    /** Logs the end of {@code world.tick()} with its generator state. */
    public void tickEnded(World world) {
        logged.tickEnded(world);
    }

    /** Writes made since the last tick end belong to this tick. */
    public long tick() {
        return logged.tick;
    }

    @Override
    public void close() {
        logged.detach();
    }
}
