package io.tickstore.examples.geo;

import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.JournalTier;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.sim.Simulation;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.sim.TickContext;
import io.tickstore.columns.trace.TraceCollector;
import io.tickstore.columns.trace.TraceLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A national-scale geographic world on an H3 map ({@link HexGeography}): county economics that change every tick in
 * every county, sparse activity (heat, organisations, actions) on a few thousand hexes a tick, and two static tables,
 * the hex-to-county map and the substrate under every hex. Its four tables are the four tiers of the hex journal:
 *
 * <pre>
 *   territory      one row per county        every tick, every row     FULL
 *   hex_activity   one row per map hex       ~5,000 rows touched a tick SPARSE
 *   hex_map        one row per map hex       written at tick 0 only     ONCE
 *   hex_substrate  7 rows per map hex        written at tick 0 only     ONCE
 * </pre>
 *
 * Column names are those of the journal's SQL tables, so a journal maps them by name. Entity ids: a county's is its
 * index, a hex's (in hex_map and hex_activity) its index on the map, a substrate cell's its position among them.
 *
 * <h2>Sizes</h2>
 * Parameters (all optional): {@code resolution} (H3 resolution of the map hexes, default 6: about 220,000 hexes and
 * 1.5 million substrate cells; 7 is the true scale, 1.5 million hexes, for stress runs; 3 is a few hundred hexes, for
 * tests), {@code counties} (default 3,100, fewer on coarse maps), {@code states} (default 48, fewer on coarse maps).
 * Hexes drawn for activity a tick: 5,000, one in 44 on coarser maps. {@code --entities} is not used: the map decides.
 */
public final class GeoWorld implements Simulation {
    public static final String NAME = "geo";

    /** The classes of the value tensor and of the class distribution, in column order. */
    static final String[] CLASSES = {"b", "pb", "p", "l"};

    public static final Schema TERRITORY = territorySchema();
    public static final Schema HEX_ACTIVITY = Schema.builder("hex_activity", 1)
            .column("h3_index", ColumnType.I64)
            .column("heat", ColumnType.F32)
            .column("heat_delta", ColumnType.F32)
            .column("org_count", ColumnType.I16)
            .stringList("org_ids")
            .column("org_presence", ColumnType.F32)
            .column("actions_taken", ColumnType.I16)
            .column("response_mode", ColumnLayout.categorical(ColumnType.U8), 1, "none")
            .build();
    public static final Schema HEX_MAP = Schema.builder("hex_map", 1)
            .column("h3_index", ColumnType.I64)
            .column("resolution", ColumnType.I16)
            .column("county_fips", ColumnLayout.categorical(ColumnType.U16), 1, "00000")
            .column("state_fips", ColumnLayout.categorical(ColumnType.U8), 1, "00")
            .column("center_lat", ColumnType.F64)
            .column("center_lng", ColumnType.F64)
            .column("area_km2", ColumnType.F32)
            .build();
    public static final Schema HEX_SUBSTRATE = Schema.builder("hex_substrate", 1)
            .column("h3_index", ColumnType.I64)
            .column("parent_h3", ColumnType.I64)
            .column("terrain_type", ColumnLayout.categorical(ColumnType.U8), 1, "plains")
            .column("elevation_m", ColumnType.F32)
            .column("water_coverage", ColumnType.F32)
            .column("forest_cover", ColumnType.F32)
            .column("road_density", ColumnType.F32)
            .column("population_density", ColumnType.F32)
            .column("internet_access", ColumnType.F32)
            .column("broadband", ColumnType.BOOL)
            .column("surveillance", ColumnType.F32)
            .column("urban", ColumnType.BOOL)
            .column("infrastructure_quality", ColumnType.F32)
            .build();

    static final String[] CLASS_NAMES = {"bourgeoisie", "petty_bourgeois", "proletariat", "lumpen"};
    static final String[] TERRAINS = {"plains", "forest", "mountain", "desert", "wetland", "urban", "water"};
    static final String[] RESPONSES = {"none", "monitor", "contain", "suppress", "negotiate"};
    static final int ORGANISATIONS = 60;

    // territory columns
    static final int T_FIPS = 0;
    static final int T_STATE = 1;
    static final int T_NAME = 2;
    static final int T_POP = 3;
    static final int T_MOBILIZABLE = 4;
    static final int T_PROFIT = 5;
    static final int T_EXPLOITATION = 6;
    static final int T_OCC = 7;
    static final int T_RENT = 8;
    static final int T_WAGE = 9;
    static final int T_UNEMPLOYMENT = 10;
    static final int T_DOMINANT = 11;
    static final int T_CLASS = 12; // four columns: b, pb, p, l
    static final int T_VT = 16;    // twelve columns: b_c, b_v, b_s, pb_c, ...
    static final int T_ATTRIBUTES = 28;
    // hex_activity columns
    static final int A_H3 = 0;
    static final int A_HEAT = 1;
    static final int A_DELTA = 2;
    static final int A_ORG_COUNT = 3;
    static final int A_ORG_IDS = 4;
    static final int A_PRESENCE = 5;
    static final int A_ACTIONS = 6;
    static final int A_RESPONSE = 7;

    private static Schema territorySchema() {
        Schema.Builder b = Schema.builder("territory", 1)
                .column("county_fips", ColumnLayout.categorical(ColumnType.U16), 1, "00000")
                .column("state_fips", ColumnLayout.categorical(ColumnType.U8), 1, "00")
                .column("county_name", ColumnLayout.categorical(ColumnType.U16), 1, "unknown")
                .column("pop_total", ColumnType.I64)
                .column("mobilizable_pop", ColumnType.I64)
                .column("profit_rate", ColumnType.F32)
                .column("exploitation_rate", ColumnType.F32)
                .column("occ", ColumnType.F32)
                .column("imperial_rent", ColumnType.F32)
                .column("wage_rate", ColumnType.F32)
                .column("unemployment", ColumnType.F32)
                .column("dominant_class", ColumnLayout.categorical(ColumnType.U8), 1, "proletariat");
        for (String c : CLASSES) {
            b.column("class_" + c, ColumnType.F32);
        }
        for (String c : CLASSES) {
            for (String part : new String[] {"c", "v", "s"}) {
                b.column("vt_" + c + "_" + part, ColumnType.F32);
            }
        }
        return b.column("attributes", ColumnLayout.JSON, 1, "{}").build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a national H3 map: county economics every tick, sparse hex activity, a static map and substrate (the hex journal's tiers)";
    }

    @Override
    public List<Schema> schemas() {
        return List.of(TERRITORY, HEX_ACTIVITY, HEX_MAP, HEX_SUBSTRATE);
    }

    @Override
    public Map<String, JournalTier> journalTiers() {
        return Map.of("territory", JournalTier.FULL, "hex_activity", JournalTier.SPARSE, "hex_map", JournalTier.ONCE,
                "hex_substrate", JournalTier.ONCE);
    }

    /** The map of these settings. */
    public static HexGeography geography(SimulationSettings settings) {
        int resolution = (int) settings.longParameter("resolution", 6);
        long counties = settings.longParameter("counties", resolution >= 5 ? 3100 : resolution == 4 ? 400 : 64);
        long states = settings.longParameter("states", Math.min(48, Math.max(1, counties / 8)));
        if (counties < 1 || counties > Integer.MAX_VALUE || states < 1 || states > counties) {
            throw new IllegalArgumentException("parameters counties=" + counties + " states=" + states
                    + ": need 1 <= states <= counties");
        }
        try {
            return HexGeography.build(resolution, settings.seed(), (int) counties, (int) states);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("geo world with parameters resolution=" + resolution + " counties=" + counties
                    + " states=" + states + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hexes drawn for activity each tick: the reference design's 5,000 on its map of about 220,000, one in 44 on a
     * coarser map. A function of the map alone, so a resumed world draws as many as the run that wrote it.
     */
    static int activePerTick(long hexes) {
        return (int) Math.min(5000, Math.max(1, hexes / 44));
    }

    @Override
    public void populate(World world, SimRandom random, SimulationSettings settings) {
        HexGeography map = geography(settings);
        Table territory = world.createTable(TERRITORY, map.counties());
        for (int c = 0; c < map.counties(); c++) {
            long slot = territory.addRow();
            territory.setString(T_FIPS, slot, map.countyFips(c));
            territory.setString(T_STATE, slot, map.stateFips(map.stateOf(c)));
            territory.setString(T_NAME, slot, map.countyName(c));
            territory.setLong(T_POP, slot, 2_000 + (long) (random.nextDouble() * random.nextDouble() * 2_000_000));
            float[] shares = {0.02f + 0.03f * random.nextFloat(), 0.1f + 0.1f * random.nextFloat(), 0.5f + 0.2f * random.nextFloat(),
                0.05f + 0.1f * random.nextFloat()};
            setShares(territory, slot, shares);
            for (int i = 0; i < 12; i++) {
                int part = i % 3;
                territory.setFloat(T_VT + i, slot, (part == 0 ? 50 : part == 1 ? 20 : 15) * (0.5f + random.nextFloat()));
            }
            territory.setFloat(T_RENT, slot, random.nextFloat() * 5);
            territory.setFloat(T_WAGE, slot, 10 + random.nextFloat() * 30);
            territory.setFloat(T_UNEMPLOYMENT, slot, 0.02f + 0.1f * random.nextFloat());
            derive(territory, slot);
            territory.setString(T_ATTRIBUTES, slot, attributes(0, random.nextFloat(), 0));
        }
        Table hexMap = world.createTable(HEX_MAP, map.hexes());
        Table activity = world.createTable(HEX_ACTIVITY, map.hexes());
        long substrateRows = 7L * map.hexes();
        Table substrate = world.createTable(HEX_SUBSTRATE, substrateRows);
        com.uber.h3core.H3Core h3 = HexGeography.h3();
        for (int i = 0; i < map.hexes(); i++) {
            long cell = map.cell(i);
            long slot = hexMap.addRow();
            hexMap.setLong(0, slot, cell);
            hexMap.setShort(1, slot, (short) map.resolution());
            int county = map.countyOf(i);
            hexMap.setString(2, slot, map.countyFips(county));
            hexMap.setString(3, slot, map.stateFips(map.stateOf(county)));
            hexMap.setDouble(4, slot, map.latitude(i));
            hexMap.setDouble(5, slot, map.longitude(i));
            hexMap.setFloat(6, slot, (float) h3.cellArea(cell, com.uber.h3core.AreaUnit.km2));
            activity.setLong(A_H3, activity.addRow(), cell);
            for (long child : HexGeography.children(cell)) {
                placeSubstrate(substrate, substrate.addRow(), child, cell, map.latitude(i), random);
            }
        }
    }

    private static void placeSubstrate(Table t, long slot, long cell, long parent, double latitude, SimRandom random) {
        float urbanness = random.nextFloat() * random.nextFloat() * random.nextFloat();
        boolean urban = urbanness > 0.25f;
        String terrain = urban ? "urban" : TERRAINS[random.nextInt(TERRAINS.length)];
        if (latitude < 33 && !urban && random.nextInt(3) == 0) {
            terrain = "desert";
        }
        t.setLong(0, slot, cell);
        t.setLong(1, slot, parent);
        t.setString(2, slot, terrain);
        t.setFloat(3, slot, terrain.equals("mountain") ? 1000 + random.nextFloat() * 2500 : random.nextFloat() * 600);
        t.setFloat(4, slot, terrain.equals("water") ? 0.8f + 0.2f * random.nextFloat() : 0.1f * random.nextFloat());
        t.setFloat(5, slot, terrain.equals("forest") ? 0.6f + 0.4f * random.nextFloat() : 0.2f * random.nextFloat());
        t.setFloat(6, slot, urbanness * 20);
        t.setFloat(7, slot, urbanness * 5000);
        float internet = Math.min(1f, 0.3f + urbanness * 2 + 0.3f * random.nextFloat());
        t.setFloat(8, slot, internet);
        t.setBoolean(9, slot, internet > 0.7f);
        t.setFloat(10, slot, Math.min(1f, urbanness * 3 * random.nextFloat()));
        t.setBoolean(11, slot, urban);
        t.setFloat(12, slot, Math.min(1f, 0.2f + urbanness * 2 * random.nextFloat()));
    }

    @Override
    public List<SimulationSystem> systems(World world) {
        Table territory = world.table(TERRITORY.name());
        Table activity = world.table(HEX_ACTIVITY.name());
        int active = activePerTick(activity.rowCount());
        Traces traces = new Traces();
        return List.of(
                SimulationSystem.of("economy", tick -> economy(tick, territory, traces.of(tick.trace()))),
                SimulationSystem.of("activity", tick -> activity(tick, activity, active, traces.of(tick.trace()))));
    }

    /**
     * The world's trace names as codes, looked up once per collector (a recording's, or none). What it traces: at
     * SUMMARY each system's totals once a tick; at DEBUG each county's profit rate and unemployment and each active
     * hex's heat and its change (node: the county's or the hex's entity id), and each hex that cools off; at TRACE also
     * the organisations present in each active hex, as a JSON payload built only then.
     */
    static final class Traces {
        private TraceCollector collector;
        int economy;
        int activity;
        int county;
        int hex;
        int cooled;
        int organisations;
        int totals;
        final StringBuilder payload = new StringBuilder();

        Traces of(TraceCollector trace) {
            if (trace != collector) {
                economy = trace.names().code("economy");
                activity = trace.names().code("activity");
                county = trace.names().code("county");
                hex = trace.names().code("hex");
                cooled = trace.names().code("cooled");
                organisations = trace.names().code("organisations");
                totals = trace.names().code("totals");
                collector = trace;
            }
            return this;
        }

        TraceCollector collector() {
            return collector;
        }
    }

    /** Every county's economy moves: population, class shares, the value tensor, and what derives from them. */
    static void economy(TickContext tick, Table territory, Traces traces) {
        SimRandom random = tick.random();
        TraceCollector trace = traces.collector();
        boolean traceCounties = trace.enabled(TraceLevel.DEBUG);
        long people = 0;
        float[] shares = new float[4];
        for (long slot = 0; slot < territory.rowCount(); slot++) {
            long pop = territory.getLong(T_POP, slot);
            territory.setLong(T_POP, slot, Math.max(100, pop + Math.round(pop * (random.nextDouble() - 0.5) * 0.004)));
            for (int c = 0; c < 4; c++) {
                shares[c] = Math.max(0.001f, territory.getFloat(T_CLASS + c, slot) * (0.98f + 0.04f * random.nextFloat()));
            }
            setShares(territory, slot, shares);
            for (int i = 0; i < 12; i++) {
                territory.setFloat(T_VT + i, slot, territory.getFloat(T_VT + i, slot) * (0.97f + 0.06f * random.nextFloat()));
            }
            territory.setFloat(T_RENT, slot, Math.max(0, territory.getFloat(T_RENT, slot) + (random.nextFloat() - 0.5f) * 0.2f));
            territory.setFloat(T_WAGE, slot, Math.max(1, territory.getFloat(T_WAGE, slot) * (0.99f + 0.02f * random.nextFloat())));
            float unemployment = territory.getFloat(T_UNEMPLOYMENT, slot) + (random.nextFloat() - 0.5f) * 0.01f;
            territory.setFloat(T_UNEMPLOYMENT, slot, Math.min(0.6f, Math.max(0.005f, unemployment)));
            derive(territory, slot);
            territory.setString(T_ATTRIBUTES, slot, attributes(tick.tick(), random.nextFloat(), random.nextInt(4)));
            people += territory.getLong(T_POP, slot);
            if (traceCounties) {
                trace.trace(traces.economy, traces.county, territory.getFloat(T_PROFIT, slot), territory.getFloat(T_UNEMPLOYMENT, slot),
                        TraceLevel.DEBUG, territory.entityId(slot));
            }
        }
        trace.trace(traces.economy, traces.totals, territory.rowCount(), people, TraceLevel.SUMMARY, TraceCollector.NO_NODE);
    }

    private static String attributes(long tick, float unrest, int strikes) {
        return "{\"strikes\":" + strikes + ",\"tick\":" + tick + ",\"unrest\":" + Math.round(unrest * 1000) / 1000.0 + "}";
    }

    /** Class shares normalised to sum to 1, and the dominant class. */
    private static void setShares(Table territory, long slot, float[] shares) {
        float sum = 0;
        int dominant = 0;
        for (int c = 0; c < 4; c++) {
            sum += shares[c];
            if (shares[c] > shares[dominant]) {
                dominant = c;
            }
        }
        for (int c = 0; c < 4; c++) {
            territory.setFloat(T_CLASS + c, slot, shares[c] / sum);
        }
        territory.setString(T_DOMINANT, slot, CLASS_NAMES[dominant]);
    }

    /** Profit rate, rate of exploitation, organic composition and mobilisable population from the tensor and shares. */
    private static void derive(Table territory, long slot) {
        float c = 0;
        float v = 0;
        float s = 0;
        for (int k = 0; k < 4; k++) {
            c += territory.getFloat(T_VT + 3 * k, slot);
            v += territory.getFloat(T_VT + 3 * k + 1, slot);
            s += territory.getFloat(T_VT + 3 * k + 2, slot);
        }
        territory.setFloat(T_PROFIT, slot, s / (c + v));
        territory.setFloat(T_EXPLOITATION, slot, s / v);
        territory.setFloat(T_OCC, slot, c / v);
        long pop = territory.getLong(T_POP, slot);
        float proletarian = territory.getFloat(T_CLASS + 2, slot) + territory.getFloat(T_CLASS + 3, slot);
        territory.setLong(T_MOBILIZABLE, slot, (long) (pop * proletarian * (0.1f + territory.getFloat(T_UNEMPLOYMENT, slot))));
    }

    /**
     * A few thousand hexes see activity: heat rises or falls, organisations arrive or leave, actions are taken; a fifth of
     * the hot hexes drawn cool off entirely (their activity ends, written back to the defaults).
     */
    static void activity(TickContext tick, Table activity, int active, Traces traces) {
        SimRandom random = tick.random();
        int hexes = (int) activity.rowCount();
        if (hexes == 0) {
            return;
        }
        TraceCollector trace = traces.collector();
        boolean traceHexes = trace.enabled(TraceLevel.DEBUG);
        boolean traceOrganisations = trace.enabled(TraceLevel.TRACE);
        int cooled = 0;
        for (int k = 0; k < active; k++) {
            long slot = random.nextInt(hexes);
            float heat = activity.getFloat(A_HEAT, slot);
            if (heat > 0 && random.nextInt(5) == 0) {
                cooled++;
                if (traceHexes) {
                    trace.trace(traces.activity, traces.cooled, heat, TraceLevel.DEBUG, activity.entityId(slot));
                }
                activity.setFloat(A_HEAT, slot, 0f);
                activity.setFloat(A_DELTA, slot, -heat);
                activity.setShort(A_ORG_COUNT, slot, (short) 0);
                activity.setStrings(A_ORG_IDS, slot, List.of());
                activity.setFloat(A_PRESENCE, slot, 0f);
                activity.setShort(A_ACTIONS, slot, (short) 0);
                activity.setString(A_RESPONSE, slot, RESPONSES[0]);
                continue;
            }
            float next = Math.max(0f, heat + (random.nextFloat() - 0.3f) * 2);
            activity.setFloat(A_HEAT, slot, next);
            activity.setFloat(A_DELTA, slot, next - heat);
            List<String> orgs = new ArrayList<>(activity.getStrings(A_ORG_IDS, slot));
            String org = String.format("org-%03d", random.nextInt(ORGANISATIONS));
            if (!orgs.remove(org)) {
                orgs.add(org);
            }
            activity.setStrings(A_ORG_IDS, slot, orgs);
            activity.setShort(A_ORG_COUNT, slot, (short) orgs.size());
            activity.setFloat(A_PRESENCE, slot, Math.min(1f, orgs.size() / 5f));
            activity.setShort(A_ACTIONS, slot, (short) random.nextInt(6));
            activity.setString(A_RESPONSE, slot, RESPONSES[next > 3 ? 1 + random.nextInt(RESPONSES.length - 1) : random.nextInt(2)]);
            if (traceHexes) {
                trace.trace(traces.activity, traces.hex, next, next - heat, TraceLevel.DEBUG, activity.entityId(slot));
            }
            if (traceOrganisations) {
                StringBuilder json = traces.payload;
                json.setLength(0);
                json.append("{\"orgs\":[");
                for (int i = 0; i < orgs.size(); i++) {
                    json.append(i > 0 ? ",\"" : "\"").append(orgs.get(i)).append('"');
                }
                trace.trace(traces.activity, traces.organisations, json.append("]}"), TraceLevel.TRACE, activity.entityId(slot));
            }
        }
        trace.trace(traces.activity, traces.totals, active, cooled, TraceLevel.SUMMARY, TraceCollector.NO_NODE);
    }
}
