package io.tickstore.snapshot.golden;

import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.sim.SimRandom;

/**
 * The reference simulation's tick as it was when {@code data/golden/snapshot-v1} was written: every creature
 * moved every tick, written in place, then a cleanup pass removed the dead and appended newborns. The reference
 * simulation has since become sparse (a tenth of the creatures act per tick, changes staged and applied in one
 * pass, see {@link CreatureSimulation}); this frozen copy exists so that {@link GoldenSnapshotGenerator} keeps
 * writing exactly the golden bytes. It is test code and is never used for anything else.
 */
final class DenseSimulationV1 {
    private static final float WORLD_SIZE = CreatureSimulation.WORLD_SIZE;
    private static final float MAX_SPEED = 2f;
    private static final float BASE_DRAIN = 0.01f;
    private static final float SPEED_DRAIN = 0.0025f;
    private static final float FORAGE_CHANCE = 0.025f;
    private static final float FORAGE_GAIN = 0.66f;
    private static final float BIRTH_ENERGY = 2f;
    private static final float TURN_CHANCE = 0.05f;
    private static final int POS_X = 0;
    private static final int POS_Y = 1;
    private static final int VEL_X = 2;
    private static final int VEL_Y = 3;
    private static final int ENERGY = 4;
    private static final int BIRTH_T = 5;
    private static final int ID = 6;
    private static final int GEN = 7;

    private DenseSimulationV1() {
    }

    /** Advances a world made by {@link CreatureSimulation#newWorld} by {@code ticks} ticks of the v1 dynamics. */
    static void run(World world, long ticks) {
        Table t = world.table(CreatureSimulation.TABLE);
        SimRandom random = SimRandom.fromState(world.rngState());
        for (long tick = 0; tick < ticks; tick++) {
            move(t, random);
            cleanup(t, random, world.tick() + 1);
            world.setTick(world.tick() + 1);
            world.setRngState(random.state());
        }
    }

    private static void move(Table t, SimRandom random) {
        long n = t.rowCount();
        for (long row = 0; row < n; row++) {
            float vx = t.getFloat(VEL_X, row);
            float vy = t.getFloat(VEL_Y, row);
            if (random.nextFloat() < TURN_CHANCE) {
                vx = (random.nextFloat() * 2f - 1f) * MAX_SPEED;
                vy = (random.nextFloat() * 2f - 1f) * MAX_SPEED;
                t.setFloat(VEL_X, row, vx);
                t.setFloat(VEL_Y, row, vy);
            }
            t.setFloat(POS_X, row, wrap(t.getFloat(POS_X, row) + vx));
            t.setFloat(POS_Y, row, wrap(t.getFloat(POS_Y, row) + vy));
            float energy = t.getFloat(ENERGY, row) - BASE_DRAIN - SPEED_DRAIN * (vx * vx + vy * vy);
            if (random.nextFloat() < FORAGE_CHANCE) {
                energy += FORAGE_GAIN;
            }
            t.setFloat(ENERGY, row, energy);
        }
    }

    private static void cleanup(Table t, SimRandom random, double now) {
        for (long row = t.rowCount() - 1; row >= 0; row--) {
            if (t.getFloat(ENERGY, row) <= 0f) {
                t.removeRow(row);
            }
        }
        long parents = t.rowCount();
        for (long row = 0; row < parents; row++) {
            float energy = t.getFloat(ENERGY, row);
            if (energy >= BIRTH_ENERGY) {
                float half = energy * 0.5f;
                t.setFloat(ENERGY, row, half);
                long slot = t.addRow();
                t.setFloat(POS_X, slot, t.getFloat(POS_X, row));
                t.setFloat(POS_Y, slot, t.getFloat(POS_Y, row));
                t.setFloat(VEL_X, slot, (random.nextFloat() * 2f - 1f) * MAX_SPEED);
                t.setFloat(VEL_Y, slot, (random.nextFloat() * 2f - 1f) * MAX_SPEED);
                t.setFloat(ENERGY, slot, half);
                t.setDouble(BIRTH_T, slot, now);
                t.setInt(ID, slot, (int) t.entityId(slot));
                t.setInt(GEN, slot, t.getInt(GEN, row) + 1);
            }
        }
    }

    private static float wrap(float v) {
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
