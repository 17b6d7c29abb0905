package io.tickstore.columns.sim;

import io.tickstore.columns.World;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Steps a simulation without recording anything: the plain loop a benchmark or a quick experiment uses, and the
 * definition of what a tick is (the recording runs exactly these steps, plus its own).
 *
 * <pre>
 * try (World world = SimulationRunner.newWorld(sim, allocator, new SimulationSettings(42, 10_000))) {
 *     new SimulationRunner(sim, world).run(100);
 * }
 * </pre>
 */
public final class SimulationRunner implements TickContext {
    private final World world;
    private final List<SimulationSystem> systems;
    private final SimRandom random;
    private long tick;

    /** Continues the simulation {@code world} holds (fresh or loaded), from its tick and generator state. */
    public SimulationRunner(Simulation simulation, World world) {
        this(world, simulation.systems(world));
    }

    /** Runs {@code systems} over {@code world}, from its tick and generator state. */
    public SimulationRunner(World world, List<SimulationSystem> systems) {
        this.world = Objects.requireNonNull(world, "world");
        this.systems = List.copyOf(systems);
        this.random = SimRandom.fromState(world.rngState());
    }

    /** Tick 0 of a new run: an empty world populated by the simulation, its generator seeded from the settings. */
    public static World newWorld(Simulation simulation, BufferAllocator allocator, SimulationSettings settings) {
        World world = new World(allocator);
        try {
            SimRandom random = new SimRandom(settings.seed());
            simulation.populate(world, random, settings);
            world.setTick(0);
            world.setRngState(random.state());
            return world;
        } catch (RuntimeException | Error e) {
            world.close();
            throw e;
        }
    }

    /** Runs one tick: every system in order, then the world's tick and generator state advance. */
    public void step() {
        tick = world.tick() + 1;
        for (SimulationSystem system : systems) {
            system.run(this);
        }
        world.setTick(tick);
        world.setRngState(random.state());
    }

    /** Runs {@code ticks} ticks. */
    public void run(long ticks) {
        for (long t = 0; t < ticks; t++) {
            step();
        }
    }

    @Override
    public World world() {
        return world;
    }

    @Override
    public long tick() {
        return tick;
    }

    @Override
    public SimRandom random() {
        return random;
    }
}
