package io.tickstore.columns.sim;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.MutationSink;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import java.util.Objects;
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
 *       every column written). It reports each applied mutation to the {@link MutationSink}, right after
 *       applying it.</li>
 * </ol>
 * Because every mutation passes through that one pass, a log of what the sink saw, applied to the world as it
 * was, rebuilds the live world exactly (see {@link MutationSink}). Per tick only about a tenth of the rows
 * change, so such a log is several times smaller than a snapshot per tick.
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
    private final SimRandom random;
    private final MutationSink sink;
    private final StagedMutations staged = new StagedMutations();
    private long births;
    private long deaths;

    /** Continues the simulation held by {@code world} (freshly seeded or loaded from a snapshot), recording nothing. */
    public CreatureSimulation(World world) {
        this(world, MutationSink.NONE);
    }

    /**
     * Continues the simulation held by {@code world}, reporting every mutation of every following tick to
     * {@code sink} (from the cleanup pass, in the order applied).
     */
    public CreatureSimulation(World world, MutationSink sink) {
        this.world = world;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.creatures = world.table(TABLE);
        if (!creatures.schema().equals(SCHEMA)) {
            throw new IllegalArgumentException("table '" + TABLE + "' has schema " + creatures.schema() + ", expected " + SCHEMA);
        }
        this.random = SimRandom.fromState(world.rngState());
    }

    /** A new world at tick 0 with {@code entities} creatures placed from {@code seed}. */
    public static World newWorld(BufferAllocator allocator, long seed, int entities) {
        World world = new World(allocator);
        try {
            Table table = world.createTable(SCHEMA, Math.max(16, entities + (entities >> 2)));
            SimRandom random = new SimRandom(seed);
            for (int i = 0; i < entities; i++) {
                spawn(table, random, random.nextFloat() * WORLD_SIZE, random.nextFloat() * WORLD_SIZE,
                        0.5f + random.nextFloat(), 0, 0.0);
            }
            world.setTick(0);
            world.setRngState(random.state());
            return world;
        } catch (RuntimeException e) {
            world.close();
            throw e;
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

    /** Advances one tick, saves the generator state into the world and tells the sink the tick is complete. */
    public void step() {
        act();
        cleanup();
        world.setTick(world.tick() + 1);
        world.setRngState(random.state());
        sink.tickEnded(world);
    }

    /** Advances {@code ticks} ticks. */
    public void run(long ticks) {
        for (long t = 0; t < ticks; t++) {
            step();
        }
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
    void act() {
        Table t = creatures;
        staged.clear();
        long n = t.rowCount();
        for (long row = nextGap() - 1; row < n; row += nextGap()) {
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
        }
    }

    /** A gap between acting slots: uniform in {@code 1..ACT_GAP_SPAN}, from integer arithmetic only. */
    private int nextGap() {
        return 1 + (int) ((random.nextLong() >>> 33) % ACT_GAP_SPAN);
    }

    /**
     * Applies what {@link #act()} staged and reports each mutation to the sink: column writes in staging order,
     * then deaths from the highest slot down (so a swap-remove only ever moves a row that no later death names),
     * then births, each appended and every column written.
     */
    void cleanup() {
        Table t = creatures;
        long now = world.tick() + 1;
        for (int i = 0; i < staged.writes(); i++) {
            long slot = staged.writeSlot(i);
            int column = staged.writeColumn(i);
            long bits = staged.writeBits(i);
            t.setBits(column, slot, bits);
            sink.set(now, t, t.entityId(slot), column, bits);
        }
        for (int i = staged.deaths() - 1; i >= 0; i--) {
            long removed = t.removeRow(staged.deathSlot(i));
            sink.died(now, t, removed);
            deaths++;
        }
        for (int i = 0; i < staged.births(); i++) {
            long slot = t.addRow();
            long id = t.entityId(slot);
            sink.born(now, t, id);
            for (int field = 0; field < 5; field++) {
                apply(t, slot, id, POS_X + field, Float.floatToRawIntBits(staged.birthFloat(i, field)) & 0xFFFF_FFFFL, now);
            }
            apply(t, slot, id, BIRTH_T, Double.doubleToRawLongBits(now), now);
            apply(t, slot, id, ID, id & 0xFFFF_FFFFL, now);
            apply(t, slot, id, GEN, staged.birthGen(i) & 0xFFFF_FFFFL, now);
            births++;
        }
    }

    private void apply(Table t, long slot, long id, int column, long bits, long now) {
        t.setBits(column, slot, bits);
        sink.set(now, t, id, column, bits);
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
