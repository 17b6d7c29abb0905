package io.tickstore.jmh.geo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The storage of a 260-tick session of the synthetic world at resolution 6, tiered (every table of the hex journal
 * with its indexes and TOAST: pg_total_relation_size) against the untiered journal that stores all 220,100 hexes
 * with hex_latest's 45 columns every tick. The untiered journal is written for a few ticks (copies of hex_latest,
 * one per tick) and its size scaled to 260 ticks, since every tick adds the same rows; the tiered one is written in
 * full. Prints one line per table and the ratios.
 *
 * <pre>
 *   java -cp jmh/target/benchmarks.jar io.tickstore.jmh.geo.GeoStorage [UNTIERED_TICKS]   (default 4)
 * </pre>
 */
public final class GeoStorage {
    static final int TICKS = 260;
    private static final String[] TIERED = {"territory_snapshot", "hex_activity", "hex_map", "hex_substrate",
            "hex_latest_tick", "hex_latest_cell"};

    private GeoStorage() {
    }

    public static void main(String[] args) throws SQLException {
        int untieredTicks = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        try (GeoSession geo = new GeoSession(TICKS - 1, true)) {
            Connection c = geo.connection;
            UntieredJournal.createTable(c);
            for (int tick = 0; tick < untieredTicks; tick++) {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO hex_snapshot SELECT game_id, h3_index, county_fips,"
                        + " state_fips, ?, " + "pop_total, mobilizable_pop, profit_rate, exploitation_rate, occ, imperial_rent, wage_rate,"
                        + " dominant_class, class_b, class_pb, class_p, class_l, vt_b_c, vt_b_v, vt_b_s, vt_pb_c, vt_pb_v, vt_pb_s,"
                        + " vt_p_c, vt_p_v, vt_p_s, vt_l_c, vt_l_v, vt_l_s, activity_tick, heat, heat_delta, org_count, org_presence,"
                        + " actions_taken, response_mode, terrain_type, water_coverage, internet_access, broadband, surveillance, urban,"
                        + " faction_left, faction_center, faction_right FROM hex_latest WHERE game_id = ?")) {
                    st.setInt(1, tick);
                    st.setObject(2, geo.session);
                    st.executeUpdate();
                }
                c.commit();
            }
            SyntheticGeoWorld.analyze(c);
            Map<String, Long> sizes = new LinkedHashMap<>();
            for (String table : TIERED) {
                sizes.put(table, size(c, table));
            }
            long tiered = sizes.values().stream().mapToLong(Long::longValue).sum();
            long perTick = sizes.get("territory_snapshot") + sizes.get("hex_activity");
            long untiered = size(c, "hex_snapshot") * TICKS / untieredTicks;
            System.out.printf("storage of a %d-tick session, %,d counties, %,d hexes, %,d substrate cells%n", TICKS,
                    SyntheticGeoWorld.COUNTIES, SyntheticGeoWorld.HEXES, SyntheticGeoWorld.HEXES * 7);
            sizes.forEach((table, bytes) -> System.out.printf("  %-20s %,15d bytes  %s%n", table, bytes, rows(c, table)));
            System.out.printf("  %-20s %,15d bytes%n", "tiered, total", tiered);
            System.out.printf("  %-20s %,15d bytes  (%d ticks written, x %d/%d)%n", "untiered, 260 ticks", untiered,
                    untieredTicks, TICKS, untieredTicks);
            System.out.printf("untiered / tiered total: %.1fx; untiered / per-tick tiers (territory + activity): %.1fx%n",
                    (double) untiered / tiered, (double) untiered / perTick);
        }
    }

    private static long size(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_total_relation_size('" + table + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String rows(Connection c, String table) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return String.format("%,d rows", rs.getLong(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
