package io.tickstore.columns.sim;

import io.tickstore.columns.Schema;
import io.tickstore.columns.World;
import java.util.List;

/**
 * A simulation Tickstore can create, run, record, resume and replay without knowing anything else about it:
 * its tables, how tick 0 is built, and the systems one tick runs. Implementations are found with
 * {@link java.util.ServiceLoader} (list the class in {@code META-INF/services/io.tickstore.columns.sim.Simulation}),
 * so {@code ./tickstore run --sim NAME} runs any simulation on the classpath; {@link Simulations} looks them up.
 *
 * <p>An implementation holds no state of its own: everything a tick needs is in the world (its tables, its tick,
 * its generator state), so a world loaded from a snapshot or rebuilt from a log continues exactly as the run that
 * wrote it. State a system keeps between ticks (scratch buffers) lives in the system objects
 * {@link #systems(World)} returns and must not carry information from one tick to the next.
 *
 * <p>Determinism: draw every random number from the {@link TickContext#random()} of the tick (its state is saved
 * into the world after each tick), and iterate in slot order; then a world is a function of the settings and the
 * tick, on every JVM.
 */
public interface Simulation {
    /** The name {@code --sim} selects it by: lower case letters, digits and '-'. */
    String name();

    /** One line for {@code ./tickstore run --help} and listings. */
    String description();

    /** The tables a world of this simulation holds. */
    List<Schema> schemas();

    /**
     * Builds tick 0 in an empty world: creates the tables of {@link #schemas()} and fills them, drawing any
     * randomness from {@code random} (seeded from the settings' seed; its state afterwards becomes the world's).
     */
    void populate(World world, SimRandom random, SimulationSettings settings);

    /** The systems one tick runs, in order, bound to {@code world} (fresh from {@link #populate} or resumed). */
    List<SimulationSystem> systems(World world);

    /** Bytes one entity takes across the tables, for checking that a size fits before anything is allocated. */
    default long bytesPerEntity() {
        long bytes = 0;
        for (Schema schema : schemas()) {
            bytes += schema.rowWidth() + Long.BYTES;
        }
        return bytes;
    }

    /**
     * How a journal keeps each table ({@link JournalTier}), by table name; a table not named is {@link JournalTier#FULL}.
     * A declaration is what a tiered journal reads (a journal that keeps each tier, like the hex journal of a
     * geographic world); a journal opened without tiers keeps every table in full, which is always correct.
     */
    default java.util.Map<String, JournalTier> journalTiers() {
        return java.util.Map.of();
    }
}
