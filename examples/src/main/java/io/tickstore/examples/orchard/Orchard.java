package io.tickstore.examples.orchard;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.sim.Simulation;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.sim.TickContext;
import java.util.List;

/**
 * An orchard, written the way a user writes a simulation of their own: a schema that uses every column type, four
 * systems that read and write it through the {@link Table} API, nothing else. Tickstore records, checkpoints,
 * journals, replays and resumes it without knowing anything about orchards: {@code ./tickstore run --sim orchard}.
 *
 * <p>Each tick the {@code weather} system draws rain and temperature into the one-row {@code weather} table; the
 * {@code grow} system waters every tree, ages it, grows it and lets blooming trees set fruit; {@code harvest} picks
 * the ripest trees; {@code replant} fells dead trees and plants saplings of the best lineages in their place.
 */
public final class Orchard implements Simulation {
    public static final String NAME = "orchard";

    /** One row per tree: every column type Tickstore has. */
    public static final Schema TREES = Schema.builder("trees", 1)
            .column("row", ColumnType.I8)          // position in the grid
            .column("species", ColumnType.U8)      // 0 apple, 1 pear, 2 cherry, 3 plum
            .column("vigour", ColumnType.I16)      // -1000 (dying) .. 1000 (thriving)
            .column("age_days", ColumnType.U16)
            .column("col", ColumnType.I32)
            .column("fruit", ColumnType.U32)       // fruit on the tree now
            .column("planted_tick", ColumnType.I64)
            .column("lineage", ColumnType.U64)     // a hash of the parent tree's lineage
            .column("water", ColumnType.F32)       // litres in the root zone
            .column("height_m", ColumnType.F64)
            .column("blooming", ColumnType.BOOL)
            .build();

    /** The season's weather, one row. */
    public static final Schema WEATHER = Schema.builder("weather", 1)
            .column("day", ColumnType.I64)
            .column("rain_mm", ColumnType.F64)
            .column("temperature_c", ColumnType.F32)
            .column("frost", ColumnType.BOOL)
            .build();

    static final int ROW = 0;
    static final int SPECIES = 1;
    static final int VIGOUR = 2;
    static final int AGE = 3;
    static final int COL = 4;
    static final int FRUIT = 5;
    static final int PLANTED = 6;
    static final int LINEAGE = 7;
    static final int WATER = 8;
    static final int HEIGHT = 9;
    static final int BLOOMING = 10;
    static final int ROW_WIDTH = 100;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "an orchard of trees that grow, bloom, fruit, are harvested and replanted; every column type";
    }

    @Override
    public List<Schema> schemas() {
        return List.of(TREES, WEATHER);
    }

    @Override
    public void populate(World world, SimRandom random, SimulationSettings settings) {
        Table trees = world.createTable(TREES, Math.max(16, settings.entities()));
        for (long i = 0; i < settings.entities(); i++) {
            long slot = trees.addRow();
            trees.setByte(ROW, slot, (byte) (i / ROW_WIDTH % 128));
            trees.setByte(SPECIES, slot, (byte) random.nextInt(4));
            trees.setShort(VIGOUR, slot, (short) (200 + random.nextInt(600)));
            trees.setShort(AGE, slot, (short) random.nextInt(3000));
            trees.setInt(COL, slot, (int) (i % ROW_WIDTH));
            trees.setLong(PLANTED, slot, 0);
            trees.setLong(LINEAGE, slot, random.nextLong());
            trees.setFloat(WATER, slot, 20f + random.nextFloat() * 20f);
            trees.setDouble(HEIGHT, slot, 0.5 + random.nextDouble() * 4);
        }
        Table weather = world.createTable(WEATHER, 1);
        weather.addRow();
    }

    @Override
    public List<SimulationSystem> systems(World world) {
        Table trees = world.table(TREES.name());
        Table weather = world.table(WEATHER.name());
        return List.of(
                SimulationSystem.of("weather", tick -> weather(tick, weather)),
                SimulationSystem.of("grow", tick -> grow(tick, trees, weather)),
                SimulationSystem.of("harvest", tick -> harvest(tick, trees)),
                SimulationSystem.of("replant", tick -> replant(tick, trees)));
    }

    /** A day of weather: rain on two days in five, frost when it is cold enough. */
    static void weather(TickContext tick, Table weather) {
        SimRandom random = tick.random();
        double rain = random.nextFloat() < 0.4f ? random.nextDouble() * 12.0 : 0.0;
        float temperature = (float) (14.0 + 10.0 * Math.sin(tick.tick() / 58.0) + random.nextFloat() * 6f - 3f);
        weather.setLong(0, 0, tick.tick());
        weather.setDouble(1, 0, rain);
        weather.setFloat(2, 0, temperature);
        weather.setBoolean(3, 0, temperature < 1f);
    }

    /** Every tree drinks, ages and grows; a warm blooming tree sets fruit; frost and drought cost vigour. */
    static void grow(TickContext tick, Table trees, Table weather) {
        double rain = weather.getDouble(1, 0);
        float temperature = weather.getFloat(2, 0);
        boolean frost = weather.getBoolean(3, 0);
        long n = trees.rowCount();
        for (long slot = 0; slot < n; slot++) {
            float water = trees.getFloat(WATER, slot) + (float) (rain * 0.8) - 1.5f;
            water = Math.max(0f, Math.min(60f, water));
            trees.setFloat(WATER, slot, water);
            int vigour = trees.getShort(VIGOUR, slot);
            int change = (water < 5f ? -12 : 3) + (frost ? -25 : 0);
            trees.setShort(VIGOUR, slot, (short) Math.max(-1000, Math.min(1000, vigour + change)));
            trees.setShort(AGE, slot, (short) Math.min(65535, (trees.getShort(AGE, slot) & 0xFFFF) + 1));
            if (vigour > 0) {
                trees.setDouble(HEIGHT, slot, trees.getDouble(HEIGHT, slot) + vigour * 1e-6);
            }
            boolean blooming = temperature > 12f && vigour > 300;
            if (blooming != trees.getBoolean(BLOOMING, slot)) {
                trees.setBoolean(BLOOMING, slot, blooming);
            }
            if (blooming && (tick.tick() + slot) % 7 == 0) {
                trees.setInt(FRUIT, slot, trees.getInt(FRUIT, slot) + 1 + vigour / 200);
            }
        }
    }

    /** The pickers take the fruit of every tree that has more than 40, a row at a time. */
    static void harvest(TickContext tick, Table trees) {
        long n = trees.rowCount();
        for (long slot = tick.tick() % ROW_WIDTH; slot < n; slot += ROW_WIDTH / 4) {
            if (Integer.toUnsignedLong(trees.getInt(FRUIT, slot)) > 40) {
                trees.setInt(FRUIT, slot, 0);
            }
        }
    }

    /** Dead trees are felled (swap-removed) and a sapling of the fittest neighbour's lineage is planted. */
    static void replant(TickContext tick, Table trees) {
        SimRandom random = tick.random();
        for (long slot = trees.rowCount() - 1; slot >= 0; slot--) {
            if (trees.getShort(VIGOUR, slot) > -900) {
                continue;
            }
            byte row = trees.getByte(ROW, slot);
            int col = trees.getInt(COL, slot);
            long parent = trees.rowCount() > 1 ? (slot + 1) % trees.rowCount() : slot;
            long lineage = Long.rotateLeft(trees.getLong(LINEAGE, parent), 13) ^ random.nextLong();
            byte species = trees.getByte(SPECIES, parent);
            trees.removeRow(slot);
            long sapling = trees.addRow();
            trees.setByte(ROW, sapling, row);
            trees.setByte(SPECIES, sapling, species);
            trees.setShort(VIGOUR, sapling, (short) 400);
            trees.setInt(COL, sapling, col);
            trees.setLong(PLANTED, sapling, tick.tick());
            trees.setLong(LINEAGE, sapling, lineage);
            trees.setFloat(WATER, sapling, 25f);
            trees.setDouble(HEIGHT, sapling, 0.3);
        }
    }
}
