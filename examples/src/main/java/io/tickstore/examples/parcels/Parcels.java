package io.tickstore.examples.parcels;

import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.sim.Simulation;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.sim.TickContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Land parcels of a surveyed region, written the way a user writes a simulation of their own, with a column of every
 * kind beyond scalars: categorical strings (county FIPS codes and names, terrain types), fixed-shape arrays (a
 * position of 3 f64, an embedding of 16 f32, a 4x3 response tensor), a {@code json} column of attributes, a
 * {@code str[]} of the organisations active on the parcel and a free-text note. Tickstore records, checkpoints,
 * journals, replays and resumes it like any other: {@code ./tickstore run --sim parcels}.
 *
 * <p>Each tick {@code drift} nudges a tenth of the embeddings element by element and renormalises some whole;
 * {@code survey} rewrites the attributes, notes and response tensors of the parcels it visits; {@code organise} moves
 * organisations on and off parcels; {@code reclassify} changes terrain, now and then to a class never seen before
 * (so the dictionary grows during the run); {@code subdivide} splits a parcel, removing it and adding two in a county
 * that may be new.
 */
public final class Parcels implements Simulation {
    public static final String NAME = "parcels";

    /** One row per parcel. */
    public static final Schema PARCELS = Schema.builder("parcels", 1)
            .column("county_fips", ColumnLayout.categorical(ColumnType.U16), 1, "00000")
            .column("county_name", ColumnLayout.categorical(ColumnType.U16), 1, "unknown")
            .column("terrain_type", ColumnLayout.categorical(ColumnType.U8), 1, "plain")
            .array("position", ColumnType.F64, 3)
            .array("embedding", ColumnType.F32, 16)
            .array("response", ColumnType.F64, 4, 3)
            .column("attributes", ColumnLayout.JSON, 1, "{}")
            .stringList("org_ids")
            .string("note")
            .column("area_ha", ColumnType.F32)
            .column("surveyed_tick", ColumnType.I64)
            .build();

    static final int FIPS = 0;
    static final int NAME_COL = 1;
    static final int TERRAIN = 2;
    static final int POSITION = 3;
    static final int EMBEDDING = 4;
    static final int RESPONSE = 5;
    static final int ATTRIBUTES = 6;
    static final int ORGS = 7;
    static final int NOTE = 8;
    static final int AREA = 9;
    static final int SURVEYED = 10;

    static final String[] COUNTY_NAMES = {"Travis", "Bexar", "Doña Ana", "Harris", "El Paso", "Hidalgo", "Webb", "Bell"};
    static final String[] TERRAINS = {"plain", "hill", "river", "forest", "wetland", "urban"};
    static final String[] ORGANISATIONS = {"red-cross", "parks", "water-board", "co-op 17", "fire-dept", "survey-team"};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "surveyed land parcels: categorical strings, arrays, JSON, lists and text, every kind beyond scalars";
    }

    @Override
    public List<Schema> schemas() {
        return List.of(PARCELS);
    }

    @Override
    public void populate(World world, SimRandom random, SimulationSettings settings) {
        Table parcels = world.createTable(PARCELS, Math.max(16, settings.entities()));
        for (long i = 0; i < settings.entities(); i++) {
            long slot = parcels.addRow();
            place(parcels, slot, random.nextInt(COUNTY_NAMES.length), random);
        }
    }

    /** A parcel of county {@code county}: its codes and names, a position in it, a random unit embedding. */
    static void place(Table parcels, long slot, int county, SimRandom random) {
        parcels.setString(FIPS, slot, fips(county));
        parcels.setString(NAME_COL, slot, county < COUNTY_NAMES.length ? COUNTY_NAMES[county] : "County " + county);
        parcels.setString(TERRAIN, slot, TERRAINS[random.nextInt(4)]);
        parcels.setArray(POSITION, slot, new double[] {-100 + county + random.nextDouble(), 30 + random.nextDouble(), random.nextDouble() * 900});
        float[] embedding = new float[16];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = random.nextFloat() - 0.5f;
        }
        parcels.setArray(EMBEDDING, slot, normalised(embedding));
        parcels.setFloat(AREA, slot, 1 + random.nextFloat() * 40);
    }

    static String fips(int county) {
        return String.format("48%03d", 1 + 2 * county);
    }

    static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = norm == 0 ? 1f : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    @Override
    public List<SimulationSystem> systems(World world) {
        Table parcels = world.table(PARCELS.name());
        float[] scratch = new float[16];
        return List.of(
                SimulationSystem.of("drift", tick -> drift(tick, parcels, scratch)),
                SimulationSystem.of("survey", tick -> survey(tick, parcels)),
                SimulationSystem.of("organise", tick -> organise(tick, parcels)),
                SimulationSystem.of("reclassify", tick -> reclassify(tick, parcels)),
                SimulationSystem.of("subdivide", tick -> subdivide(tick, parcels)));
    }

    /** A tenth of the embeddings drift an element at a time; every fifth of those is renormalised whole. */
    static void drift(TickContext tick, Table parcels, float[] scratch) {
        SimRandom random = tick.random();
        long n = parcels.rowCount();
        for (long slot = tick.tick() % 10; slot < n; slot += 10) {
            int element = random.nextInt(16);
            parcels.setFloat(EMBEDDING, slot, element, parcels.getFloat(EMBEDDING, slot, element) + (random.nextFloat() - 0.5f) * 0.1f);
            if (random.nextInt(5) == 0) {
                parcels.getArray(EMBEDDING, slot, scratch);
                parcels.setArray(EMBEDDING, slot, normalised(scratch));
            }
        }
    }

    /** The survey visits a few parcels: their attributes, note and response tensor are rewritten. */
    static void survey(TickContext tick, Table parcels) {
        SimRandom random = tick.random();
        long n = parcels.rowCount();
        for (int visit = 0; visit < Math.max(1, n / 50) && n > 0; visit++) {
            long slot = random.nextInt((int) n);
            double heat = Math.round(random.nextDouble() * 1000) / 10.0;
            parcels.setString(ATTRIBUTES, slot, "{\"heat\": " + heat + ", \"visited\": " + tick.tick() + ", \"flags\": {\"dry\": "
                    + (random.nextInt(3) == 0) + "}, \"crew\": \"" + ORGANISATIONS[random.nextInt(ORGANISATIONS.length)] + "\"}");
            parcels.setString(NOTE, slot, "surveyed at tick " + tick.tick() + (heat > 80 ? ": hot, \"check again\"" : ""));
            for (int i = 0; i < 12; i++) {
                parcels.setDouble(RESPONSE, slot, i, parcels.getDouble(RESPONSE, slot, i) * 0.9 + random.nextDouble());
            }
            parcels.setLong(SURVEYED, slot, tick.tick());
        }
    }

    /** Organisations join a parcel or leave it. */
    static void organise(TickContext tick, Table parcels) {
        SimRandom random = tick.random();
        long n = parcels.rowCount();
        for (int change = 0; change < Math.max(1, n / 100) && n > 0; change++) {
            long slot = random.nextInt((int) n);
            List<String> orgs = new ArrayList<>(parcels.getStrings(ORGS, slot));
            String org = ORGANISATIONS[random.nextInt(ORGANISATIONS.length)];
            if (!orgs.remove(org)) {
                orgs.add(org);
            }
            parcels.setStrings(ORGS, slot, orgs);
        }
    }

    /** Terrain changes now and then; every 25 ticks a class never seen before appears. */
    static void reclassify(TickContext tick, Table parcels) {
        SimRandom random = tick.random();
        long n = parcels.rowCount();
        if (n == 0) {
            return;
        }
        long slot = random.nextInt((int) n);
        String terrain = tick.tick() % 25 == 0 && tick.tick() / 25 < 200 ? "class-" + tick.tick() / 25 : TERRAINS[random.nextInt(TERRAINS.length)];
        parcels.setString(TERRAIN, slot, terrain);
    }

    /** Every seventh tick a parcel is split in two: it is removed, and two parcels are placed, maybe in a new county. */
    static void subdivide(TickContext tick, Table parcels) {
        if (tick.tick() % 7 != 0 || parcels.rowCount() == 0) {
            return;
        }
        SimRandom random = tick.random();
        long slot = random.nextInt((int) parcels.rowCount());
        int county = random.nextInt(COUNTY_NAMES.length + (int) Math.min(100, tick.tick() / 7));
        parcels.removeRow(slot);
        for (int i = 0; i < 2; i++) {
            place(parcels, parcels.addRow(), county, random);
        }
    }
}
