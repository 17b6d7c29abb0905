package io.tickstore.examples.creatures;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.sim.SimulationRunner;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.sim.TickContext;
import io.tickstore.columns.trace.TraceCollector;
import io.tickstore.columns.trace.TraceLevel;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The reference simulation: creatures that move, spend energy, forage, breed and die, on the 8-column,
 * 36-bytes-a-row shape used throughout the benchmarks (pos, vel and energy as f32; birth tick as f64; id and
 * generation as u32).
 *
 * <p>It is deterministic: a world is a function of (seed, initial entities, ticks). All randomness comes
 * from one {@link SimRandom} whose state is saved into the {@link World} after every tick, so a world
 * loaded from a snapshot continues exactly as the uninterrupted run. Java float arithmetic is IEEE-strict,
 * and actor selection uses integer arithmetic only, so results are identical on every JVM.
 *
 * <h2>A tick: act, then clean up</h2>
 * <ol>
 *   <li>{@link #act()} picks a random tenth of the creatures (slots visited in ascending order with random gaps
 *       of 1 to {@value #ACT_GAP_SPAN}, mean 10) and lets each one act: maybe turn, move one step (wrapping at
 *       the edges), spend energy, maybe forage; out of energy it is staged to die, above the birth threshold it
 *       splits and stages a newborn. The act pass only reads the table: every change is staged.</li>
 *   <li>{@link #cleanup()} applies the staged changes, the one place where the table is written: column writes
 *       in the order they were staged, then deaths (swap-remove, highest slot first), then births (appended,
 *       every column written).</li>
 * </ol>
 * The two passes are the simulation's two systems, {@code act} and {@code cleanup} ({@link Creatures} offers them
 * to {@code ./tickstore run --sim creatures}); when a recording follows the world, each write of the cleanup pass
 * reaches its event log by itself. Per tick only about a tenth of the rows change, so the log is several times
 * smaller than a snapshot per tick.
 *
 * <p>An instance is bound to one world; {@link #step()} runs one tick without recording (benchmarks, tests), and
 * {@link #systems()} hands the same two passes to whatever drives the ticks.
 */
public final class CreatureSimulation {
    public static final String TABLE = "creatures";

    /** The §36 shape: 8 columns, 36 bytes a row. */
    public static final Schema SCHEMA = Schema.builder(TABLE, 1)
            .column("pos_x", ColumnType.F32)
            .column("pos_y", ColumnType.F32)
            .column("vel_x", ColumnType.F32)
            .column("vel_y", ColumnType.F32)
            .column("energy", ColumnType.F32)
            .column("birth_t", ColumnType.F64)
            .column("id", ColumnType.U32)
            .column("gen", ColumnType.U32)
            .build();

    public static final float WORLD_SIZE = 1000f;
    static final float MAX_SPEED = 2f;
    static final float BASE_DRAIN = 0.01f;
    static final float SPEED_DRAIN = 0.0025f;
    static final float FORAGE_CHANCE = 0.025f;
    /**
     * Chosen so a creature's expected gain per act ({@code FORAGE_CHANCE * FORAGE_GAIN = 0.0165}) balances its
     * expected drain per act ({@code BASE_DRAIN + SPEED_DRAIN * E[vx² + vy²] = 0.01 + 0.0025 * 8/3 ≈ 0.0167}): the
     * population then stays near its starting size for thousands of ticks instead of dying out or exploding,
     * which keeps benchmark workloads the size they were asked for.
     */
    static final float FORAGE_GAIN = 0.66f;
    static final float BIRTH_ENERGY = 2f;
    static final float TURN_CHANCE = 0.05f;
    /** Gaps between acting slots are uniform in {@code 1..ACT_GAP_SPAN}: on average one creature in 10 acts a tick. */
    static final int ACT_GAP_SPAN = 19;

    static final int POS_X = 0;
    static final int POS_Y = 1;
    static final int VEL_X = 2;
    static final int VEL_Y = 3;
    static final int ENERGY = 4;
    static final int BIRTH_T = 5;
    static final int ID = 6;
    static final int GEN = 7;

    private final World world;
    private final Table creatures;
    private final StagedMutations staged = new StagedMutations();
    private final List<SimulationSystem> systems;
    private final SimulationRunner runner;
    private SimRandom random;
    private long now;
    private long births;
    private long deaths;
    // trace codes, looked up once per collector (a recording's, or none)
    private TraceCollector tracedBy;
    private int actSystem;
    private int cleanupSystem;
    private int movedEvent;
    private int actedEvent;
    private int diedEvent;
    private int bornEvent;
    private int appliedEvent;

    /**
     * Binds the simulation to {@code world} (freshly seeded or loaded from a snapshot); {@link #step()} continues
     * it from the world's tick and generator state.
     */
    public CreatureSimulation(World world) {
        this.world = world;
        this.creatures = world.table(TABLE);
        if (!creatures.schema().equals(SCHEMA)) {
            throw new IllegalArgumentException("table '" + TABLE + "' has schema " + creatures.schema() + ", expected " + SCHEMA);
        }
        this.systems = List.of(SimulationSystem.of("act", this::act), SimulationSystem.of("cleanup", this::cleanup));
        this.runner = new SimulationRunner(world, systems);
    }

    /** A new world at tick 0 with {@code entities} creatures placed from {@code seed}. */
    public static World newWorld(BufferAllocator allocator, long seed, int entities) {
        return SimulationRunner.newWorld(new Creatures(), allocator, new SimulationSettings(seed, entities));
    }

    /** Creates the table in an empty world and places {@code entities} creatures, drawing from {@code random}. */
    static void populate(World world, SimRandom random, long entities) {
        Table table = world.createTable(SCHEMA, Math.max(16, entities + (entities >> 2)));
        for (long i = 0; i < entities; i++) {
            spawn(table, random, random.nextFloat() * WORLD_SIZE, random.nextFloat() * WORLD_SIZE,
                    0.5f + random.nextFloat(), 0, 0.0);
        }
    }

    private static void spawn(Table table, SimRandom random, float x, float y, float energy, int gen, double birthTick) {
        long slot = table.addRow();
        table.setFloat(POS_X, slot, x);
        table.setFloat(POS_Y, slot, y);
        table.setFloat(VEL_X, slot, (random.nextFloat() * 2f - 1f) * MAX_SPEED);
        table.setFloat(VEL_Y, slot, (random.nextFloat() * 2f - 1f) * MAX_SPEED);
        table.setFloat(ENERGY, slot, energy);
        table.setDouble(BIRTH_T, slot, birthTick);
        table.setInt(ID, slot, (int) table.entityId(slot));
        table.setInt(GEN, slot, gen);
    }

    public World world() {
        return world;
    }

    /** Advances one tick (act, cleanup) and saves the tick and generator state into the world; records nothing itself. */
    public void step() {
        runner.step();
    }

    /** Advances {@code ticks} ticks. */
    public void run(long ticks) {
        runner.run(ticks);
    }

    /** The two passes of a tick, {@code act} then {@code cleanup}, for a driver of its own (a recording). */
    public List<SimulationSystem> systems() {
        return systems;
    }

    public long births() {
        return births;
    }

    public long deaths() {
        return deaths;
    }

    /**
     * Lets a random tenth of the creatures act, staging what changes: new position (wrapped onto the torus),
     * new velocity when one turns, new energy (drained, plus a forage gain by chance), a death when energy runs
     * out, a newborn (and the parent's halved energy) when energy reaches the birth threshold. Reads the table
     * only.
     */
    void act(TickContext tick) {
        random = tick.random();
        now = tick.tick();
        TraceCollector trace = traceCodes(tick.trace());
        boolean traceEach = trace.enabled(TraceLevel.TRACE);
        Table t = creatures;
        staged.clear();
        long n = t.rowCount();
        long acted = 0;
        for (long row = nextGap() - 1; row < n; row += nextGap()) {
            acted++;
            float vx = t.getFloat(VEL_X, row);
            float vy = t.getFloat(VEL_Y, row);
            boolean turned = random.nextFloat() < TURN_CHANCE;
            if (turned) {
                vx = (random.nextFloat() * 2f - 1f) * MAX_SPEED;
                vy = (random.nextFloat() * 2f - 1f) * MAX_SPEED;
            }
            float x = wrap(t.getFloat(POS_X, row) + vx);
            float y = wrap(t.getFloat(POS_Y, row) + vy);
            float energy = t.getFloat(ENERGY, row) - BASE_DRAIN - SPEED_DRAIN * (vx * vx + vy * vy);
            if (random.nextFloat() < FORAGE_CHANCE) {
                energy += FORAGE_GAIN;
            }
            if (energy <= 0f) {
                staged.death(row);
                continue;
            }
            if (energy >= BIRTH_ENERGY) {
                energy *= 0.5f;
                float childVx = (random.nextFloat() * 2f - 1f) * MAX_SPEED;
                float childVy = (random.nextFloat() * 2f - 1f) * MAX_SPEED;
                staged.birth(x, y, childVx, childVy, energy, t.getInt(GEN, row) + 1);
            }
            staged.writeFloat(row, POS_X, x);
            staged.writeFloat(row, POS_Y, y);
            if (turned) {
                staged.writeFloat(row, VEL_X, vx);
                staged.writeFloat(row, VEL_Y, vy);
            }
            staged.writeFloat(row, ENERGY, energy);
            if (traceEach) {
                trace.trace(actSystem, movedEvent, x, y, TraceLevel.TRACE, t.entityId(row));
            }
        }
        trace.trace(actSystem, actedEvent, acted, staged.deaths(), TraceLevel.SUMMARY, TraceCollector.NO_NODE);
    }

    /** The collector's codes for this simulation's systems and events, registered the first time it is seen. */
    private TraceCollector traceCodes(TraceCollector trace) {
        if (trace != tracedBy) {
            actSystem = trace.names().code("act");
            cleanupSystem = trace.names().code("cleanup");
            movedEvent = trace.names().code("moved");
            actedEvent = trace.names().code("acted");
            diedEvent = trace.names().code("died");
            bornEvent = trace.names().code("born");
            appliedEvent = trace.names().code("applied");
            tracedBy = trace;
        }
        return trace;
    }

    /** A gap between acting slots: uniform in {@code 1..ACT_GAP_SPAN}, from integer arithmetic only. */
    private int nextGap() {
        return 1 + (int) ((random.nextLong() >>> 33) % ACT_GAP_SPAN);
    }

    /**
     * Applies what {@link #act} staged: column writes in staging order, then deaths from the highest slot down (so
     * a swap-remove only ever moves a row that no later death names), then births, each appended and every column
     * written.
     */
    void cleanup(TickContext tick) {
        TraceCollector trace = traceCodes(tick.trace());
        boolean traceEvents = trace.enabled(TraceLevel.DEBUG);
        Table t = creatures;
        for (int i = 0; i < staged.writes(); i++) {
            t.setBits(staged.writeColumn(i), staged.writeSlot(i), staged.writeBits(i));
        }
        for (int i = staged.deaths() - 1; i >= 0; i--) {
            if (traceEvents) {
                trace.trace(cleanupSystem, diedEvent, now, TraceLevel.DEBUG, t.entityId(staged.deathSlot(i)));
            }
            t.removeRow(staged.deathSlot(i));
            deaths++;
        }
        for (int i = 0; i < staged.births(); i++) {
            long slot = t.addRow();
            long id = t.entityId(slot);
            for (int field = 0; field < 5; field++) {
                t.setFloat(POS_X + field, slot, staged.birthFloat(i, field));
            }
            t.setDouble(BIRTH_T, slot, now);
            t.setInt(ID, slot, (int) id);
            t.setInt(GEN, slot, staged.birthGen(i));
            births++;
            if (traceEvents) {
                trace.trace(cleanupSystem, bornEvent, staged.birthGen(i), TraceLevel.DEBUG, id);
            }
        }
        trace.trace(cleanupSystem, appliedEvent, staged.writes(), staged.births(), TraceLevel.SUMMARY, TraceCollector.NO_NODE);
    }

    /**
     * Wraps a coordinate onto {@code [0, WORLD_SIZE)}. A tiny negative plus WORLD_SIZE rounds to WORLD_SIZE
     * itself in float arithmetic, which belongs to the other edge: 0.
     */
    static float wrap(float v) {
        if (v < 0f) {
            float wrapped = v + WORLD_SIZE;
            return wrapped < WORLD_SIZE ? wrapped : 0f;
        }
        if (v >= WORLD_SIZE) {
            return v - WORLD_SIZE;
        }
        return v;
    }
}
