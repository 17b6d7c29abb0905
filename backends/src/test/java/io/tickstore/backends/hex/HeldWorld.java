package io.tickstore.backends.hex;

import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.recording.RecordingObserver;
import io.tickstore.recording.TickReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a recorded geographic world held, computed from the simulation's own tables and nothing the journal wrote: at
 * each kept tick every territory row (all its columns) and the {@link HexState} of every map hex as a reconstruction
 * of that tick must return it. The oracle for the journal's reconstruction.
 *
 * <p>A hex's {@code activityTick} is the latest kept tick at or before the asked one whose activity row holds the hex:
 * the first kept tick holds the hexes with any activity, every later kept tick the hexes touched since the kept tick
 * before it (the journal's sparse tier, as its README states it), so the observer records the touched rows of every tick.
 */
final class HeldWorld implements RecordingObserver {
    /** A kept tick: the territory rows by county (each column's value, in schema order) and the activity by hex. */
    private record Kept(Map<String, List<Object>> territory, Map<String, HexState.Activity> activityWithoutTick,
            Set<String> rowsWritten) {
    }

    private final Map<Long, Set<Long>> touchedPerTick = new HashMap<>();
    private final TreeMap<Integer, Kept> kept = new TreeMap<>();
    private Schema territorySchema;
    private final Map<String, String[]> countyAndStateByHex = new TreeMap<>();
    private final Map<String, HexState.Terrain> terrainByHex = new HashMap<>();

    @Override
    public void tickEnded(TickReport tick) {
        Set<Long> ids = new HashSet<>();
        tick.touched("hex_activity").ifPresent(rows -> Arrays.stream(rows.entityIds()).forEach(ids::add));
        touchedPerTick.put(tick.tick(), ids);
    }

    @Override
    public boolean followsTouchedRows() {
        return true;
    }

    /** Keeps what the world holds now; call at every tick the journal persists, in tick order. */
    void keep(World world) {
        int tick = (int) world.tick();
        if (kept.isEmpty()) {
            keepMapAndSubstrate(world);
        }
        Table territory = world.table("territory");
        territorySchema = territory.schema();
        Map<String, List<Object>> counties = new TreeMap<>();
        for (long slot = 0; slot < territory.rowCount(); slot++) {
            List<Object> row = new ArrayList<>();
            for (int col = 0; col < territorySchema.columnCount(); col++) {
                row.add(value(territory, col, slot));
            }
            counties.put(territory.getString(0, slot), row);
        }
        Table a = world.table("hex_activity");
        Schema s = a.schema();
        Map<String, HexState.Activity> activity = new TreeMap<>();
        Set<String> written = new HashSet<>();
        Set<Long> touchedSincePrevious = new HashSet<>();
        if (!kept.isEmpty()) {
            for (long t = kept.lastKey() + 1; t <= tick; t++) {
                touchedSincePrevious.addAll(touchedPerTick.getOrDefault(t, Set.of()));
            }
        }
        for (long slot = 0; slot < a.rowCount(); slot++) {
            String hex = Long.toHexString(a.getLong(s.indexOf("h3_index"), slot));
            float heat = a.getFloat(s.indexOf("heat"), slot);
            float delta = a.getFloat(s.indexOf("heat_delta"), slot);
            short orgs = a.getShort(s.indexOf("org_count"), slot);
            short actions = a.getShort(s.indexOf("actions_taken"), slot);
            String response = a.getString(s.indexOf("response_mode"), slot);
            activity.put(hex, new HexState.Activity(null, heat, delta, orgs, a.getFloat(s.indexOf("org_presence"), slot), actions, response));
            boolean anyActivity = heat != 0 || delta != 0 || orgs != 0 || actions != 0
                    || !a.getStrings(s.indexOf("org_ids"), slot).isEmpty() || !"none".equals(response);
            if (kept.isEmpty() ? anyActivity : touchedSincePrevious.contains(a.entityId(slot))) {
                written.add(hex);
            }
        }
        kept.put(tick, new Kept(counties, activity, written));
    }

    Set<Integer> keptTicks() {
        return kept.keySet();
    }

    Schema territorySchema() {
        return territorySchema;
    }

    /** Every territory row at a kept tick, by county: each column's value in schema order. */
    Map<String, List<Object>> territoryAt(int tick) {
        return kept.get(tick).territory();
    }

    /** Every map hex as the reconstruction of a kept tick must return it, ordered by h3_index. */
    List<HexState> hexesAt(int tick) {
        Kept now = kept.get(tick);
        List<HexState> out = new ArrayList<>();
        for (Map.Entry<String, String[]> hex : countyAndStateByHex.entrySet()) {
            String h3 = hex.getKey();
            List<Object> county = now.territory().get(hex.getValue()[0]);
            HexState.Activity a = now.activityWithoutTick().get(h3);
            Integer activityTick = null;
            for (Map.Entry<Integer, Kept> k : kept.headMap(tick, true).entrySet()) {
                if (k.getValue().rowsWritten().contains(h3)) {
                    activityTick = k.getKey();
                }
            }
            HexState.Activity activity = a == null
                    ? new HexState.Activity(null, 0, 0, (short) 0, 0, (short) 0, "none")
                    : new HexState.Activity(activityTick, a.heat(), a.heatDelta(), a.orgCount(), a.orgPresence(), a.actionsTaken(), a.responseMode());
            float b = f(county, "class_b");
            float pb = f(county, "class_pb");
            float p = f(county, "class_p");
            float l = f(county, "class_l");
            HexState.Economy economy = new HexState.Economy((long) v(county, "pop_total"), (long) v(county, "mobilizable_pop"),
                    f(county, "profit_rate"), f(county, "exploitation_rate"), f(county, "occ"), f(county, "imperial_rent"),
                    f(county, "wage_rate"), (String) v(county, "dominant_class"), b, pb, p, l,
                    new HexState.ValueTensor(f(county, "vt_b_c"), f(county, "vt_b_v"), f(county, "vt_b_s"),
                            f(county, "vt_pb_c"), f(county, "vt_pb_v"), f(county, "vt_pb_s"),
                            f(county, "vt_p_c"), f(county, "vt_p_v"), f(county, "vt_p_s"),
                            f(county, "vt_l_c"), f(county, "vt_l_v"), f(county, "vt_l_s")));
            out.add(new HexState(h3, hex.getValue()[0], hex.getValue()[1], tick, economy, activity,
                    terrainByHex.getOrDefault(h3, new HexState.Terrain("unknown", 0, 0, false, 0, false)),
                    new HexState.Factions(p + l, pb, b)));
        }
        return out;
    }

    private Object v(List<Object> county, String column) {
        return county.get(territorySchema.indexOf(column));
    }

    private float f(List<Object> county, String column) {
        return (Float) v(county, column);
    }

    /**
     * The map's counties and the substrate rolled up as the journal's contract states it: the most frequent terrain
     * (the first in byte order among equals, as PostgreSQL's MODE() over a C-collated column), the mean water coverage,
     * internet access and surveillance (summed in double, rounded to float), broadband and urban when any child has them.
     */
    private void keepMapAndSubstrate(World world) {
        Table map = world.table("hex_map");
        Schema m = map.schema();
        for (long slot = 0; slot < map.rowCount(); slot++) {
            countyAndStateByHex.put(Long.toHexString(map.getLong(m.indexOf("h3_index"), slot)),
                    new String[] {map.getString(m.indexOf("county_fips"), slot), map.getString(m.indexOf("state_fips"), slot)});
        }
        Table sub = world.table("hex_substrate");
        Schema s = sub.schema();
        Map<String, List<Long>> children = new LinkedHashMap<>();
        for (long slot = 0; slot < sub.rowCount(); slot++) {
            children.computeIfAbsent(Long.toHexString(sub.getLong(s.indexOf("parent_h3"), slot)), k -> new ArrayList<>()).add(slot);
        }
        for (Map.Entry<String, List<Long>> parent : children.entrySet()) {
            TreeMap<String, Integer> terrains = new TreeMap<>();
            double water = 0;
            double internet = 0;
            double surveillance = 0;
            boolean broadband = false;
            boolean urban = false;
            for (long slot : parent.getValue()) {
                terrains.merge(sub.getString(s.indexOf("terrain_type"), slot), 1, Integer::sum);
                water += sub.getFloat(s.indexOf("water_coverage"), slot);
                internet += sub.getFloat(s.indexOf("internet_access"), slot);
                surveillance += sub.getFloat(s.indexOf("surveillance"), slot);
                broadband |= sub.getBoolean(s.indexOf("broadband"), slot);
                urban |= sub.getBoolean(s.indexOf("urban"), slot);
            }
            String mode = null;
            for (Map.Entry<String, Integer> t : terrains.entrySet()) {
                if (mode == null || t.getValue() > terrains.get(mode)) {
                    mode = t.getKey();
                }
            }
            double n = parent.getValue().size();
            terrainByHex.put(parent.getKey(), new HexState.Terrain(mode, (float) (water / n), (float) (internet / n), broadband,
                    (float) (surveillance / n), urban));
        }
    }

    /** A cell's value as Java holds it: Float, Double, Long, Short, Boolean or the string of a text-like column. */
    static Object value(Table table, int col, long slot) {
        ColumnSpec c = table.schema().column(col);
        if (c.kind() != ColumnKind.SCALAR) {
            return table.getString(col, slot);
        }
        return switch (c.type()) {
            case F32 -> table.getFloat(col, slot);
            case F64 -> table.getDouble(col, slot);
            case I64 -> table.getLong(col, slot);
            case I16 -> table.getShort(col, slot);
            case I32 -> (long) table.getInt(col, slot);
            case BOOL -> table.getBoolean(col, slot);
            default -> throw new IllegalArgumentException("no comparison for column " + c.name() + " of type " + c.type());
        };
    }
}
