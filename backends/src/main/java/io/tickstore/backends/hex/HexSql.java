package io.tickstore.backends.hex;

import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;
import org.postgresql.core.Utils;

/**
 * The set-based statements that keep hex_latest (the view over hex_latest_county, itself territory_snapshot at the tick
 * hex_latest_tick names, and hex_latest_cell) and rebuild
 * past ticks. The seed, the refresh and the reconstruction compute every column with the same expressions (kept
 * here once), so that a refreshed row and a reconstructed row of the same tick are equal to the bit.
 */
final class HexSql {
    /** The county columns hex_latest copies from territory_snapshot, in the order of {@link HexState.Economy}. */
    static final String ECONOMY = "pop_total, mobilizable_pop, profit_rate, exploitation_rate, occ, imperial_rent, wage_rate,"
            + " dominant_class, class_b, class_pb, class_p, class_l,"
            + " vt_b_c, vt_b_v, vt_b_s, vt_pb_c, vt_pb_v, vt_pb_s, vt_p_c, vt_p_v, vt_p_s, vt_l_c, vt_l_v, vt_l_s";

    private static final String[] ECONOMY_COLUMNS = ECONOMY.split(",\\s*");

    /** The factions of a county's territory row {@code t}: left = p + l, center = pb, right = b. */
    private static final String LEFT = "t.class_p + t.class_l";
    private static final String CENTER = "t.class_pb";
    private static final String RIGHT = "t.class_b";
    private static final String FACTIONS = LEFT + ", " + CENTER + ", " + RIGHT;

    /** The activity columns from the latest activity row {@code a} of a hex (NULL: none yet, the defaults). */
    private static final String ACTIVITY = "a.tick, COALESCE(a.heat, 0::real), COALESCE(a.heat_delta, 0::real),"
            + " COALESCE(a.org_count, 0::smallint), COALESCE(a.org_presence, 0::real), COALESCE(a.actions_taken, 0::smallint),"
            + " COALESCE(a.response_mode, 'none')";

    static final String CLEAR_TICK = "DELETE FROM hex_latest_tick WHERE game_id = ?";
    static final String CLEAR_CELLS = "DELETE FROM hex_latest_cell WHERE game_id = ?";

    /** The cache at tick 0, with the counties tick 0's territory holds. Parameters: session twice. */
    static final String SEED_TICK = "INSERT INTO hex_latest_tick (game_id, tick, counties)"
            + " SELECT ?, 0, COALESCE(array_agg(county_fips ORDER BY county_fips), '{}') FROM territory_snapshot WHERE game_id = ? AND tick = 0";

    /**
     * Every hex of the map with its substrate children rolled up (absent children: 'unknown', zeros, false) and no
     * activity yet. Parameters: session twice.
     */
    static final String SEED_CELLS = "INSERT INTO hex_latest_cell (game_id, h3_index, county_fips, state_fips,"
            + " terrain_type, water_coverage, internet_access, broadband, surveillance, urban)"
            + " SELECT m.game_id, m.h3_index, m.county_fips, m.state_fips"
            + ", COALESCE(s.terrain_type, 'unknown'), COALESCE(s.water_coverage, 0), COALESCE(s.internet_access, 0)"
            + ", COALESCE(s.broadband, false), COALESCE(s.surveillance, 0), COALESCE(s.urban, false)"
            + " FROM hex_map m"
            + " LEFT JOIN (SELECT parent_h3, MODE() WITHIN GROUP (ORDER BY terrain_type) AS terrain_type,"
            + "   AVG(water_coverage)::real AS water_coverage, AVG(internet_access)::real AS internet_access,"
            + "   BOOL_OR(broadband) AS broadband, AVG(surveillance)::real AS surveillance, BOOL_OR(urban) AS urban"
            + "   FROM hex_substrate WHERE game_id = ? GROUP BY parent_h3) s ON s.parent_h3 = m.h3_index"
            + " WHERE m.game_id = ?";

    /** Counties of the map without a county row in the cache, a few of them. Parameter: session. */
    static final String COUNTIES_WITHOUT_ECONOMY = "SELECT DISTINCT c.county_fips FROM hex_latest_cell c"
            + " WHERE c.game_id = ? AND NOT EXISTS (SELECT 1 FROM hex_latest_county k"
            + "   WHERE k.game_id = c.game_id AND k.county_fips = c.county_fips) ORDER BY 1 LIMIT 5";

    /** The tick the cache is at (every county is at the same tick). Parameter: session. */
    static final String CURRENT_TICK = "SELECT tick FROM hex_latest_tick WHERE game_id = ?";

    /**
     * Counties of the seed (tick 0's territory, kept in hex_latest_tick) without a territory row at a tick, a few of
     * them. A set difference, hashed: written as NOT EXISTS against the journal's tick 0, the planner, whose statistics
     * know only the ticks of its last ANALYZE, estimated 9 rows a tick and compared every pair of the two ticks'
     * counties (1.1 s at 3,100 counties, measured), or took tick 0 for the whole table and scanned it. Parameters:
     * session twice, tick.
     */
    static final String COUNTIES_WITHOUT_TERRITORY = "SELECT county_fips FROM ("
            + "SELECT c AS county_fips FROM hex_latest_tick k, unnest(k.counties) c WHERE k.game_id = ?"
            + " EXCEPT SELECT county_fips FROM territory_snapshot WHERE game_id = ? AND tick = ?) m ORDER BY 1 LIMIT 5";

    static final String HAS_TERRITORY = "SELECT EXISTS (SELECT 1 FROM territory_snapshot WHERE game_id = ? AND tick = ?)";

    /**
     * Phase 1: every county, and so every hex of it, shows its territory row at the tick; hex_latest_county reads the
     * territory journal at the tick named here. Returns the seed's number of counties. Parameters: tick, session.
     */
    static final String BROADCAST = "UPDATE hex_latest_tick SET tick = ? WHERE game_id = ? RETURNING cardinality(counties)";

    /**
     * Phase 2: each hex touched after the previous tick and up to this one takes its latest activity. Parameters:
     * session, previous tick (exclusive), tick.
     *
     * <p>The tick's activity rows drive the join, one primary-key probe of hex_latest_cell each; left to itself the
     * planner hashes them and seq-scans all 220,100 cells for 5,000 rows (70-80 ms against 40 ms measured), so
     * {@link HexCache#overlayActivity} runs it with hash and merge joins off. EXPLAIN of a 5,000-row tick then reads:
     * <pre>
     * Update on hex_latest_cell h
     *   -> Nested Loop
     *        -> Subquery Scan on a -> Unique -> Sort -> Index Scan using hex_activity_pkey on hex_activity
     *        -> Index Scan using hex_latest_cell_pkey on hex_latest_cell h
     *             Index Cond: ((game_id = a.game_id) AND ((h3_index)::text = (a.h3_index)::text))
     * </pre>
     */
    static final String OVERLAY = "UPDATE hex_latest_cell h SET (activity_tick, heat, heat_delta, org_count, org_presence,"
            + " actions_taken, response_mode) = (" + ACTIVITY + ")"
            + " FROM (SELECT DISTINCT ON (h3_index) * FROM hex_activity WHERE game_id = ? AND tick > ? AND tick <= ?"
            + "   ORDER BY h3_index, tick DESC) a"
            + " WHERE h.game_id = a.game_id AND h.h3_index = a.h3_index";

    /**
     * Each county's row as {@link HexStateCopy} reads it, at a tick of the territory journal. Parameters: session,
     * tick; then the counties when filtered.
     */
    static String territoryAt(boolean byCounty) {
        return "SELECT t.county_fips, t.tick, " + prefixed("t") + ", " + FACTIONS
                + " FROM territory_snapshot t WHERE t.game_id = ? AND t.tick = ?" + (byCounty ? " AND t.county_fips = ANY (?)" : "");
    }

    /** Each county's row as {@link HexStateCopy} reads it, from hex_latest_county (the territory at the cache's tick). Parameters: session; then the counties when filtered. */
    static String latestCounties(boolean byCounty) {
        return "SELECT k.county_fips, k.tick, " + prefixed("k") + ", k.faction_left, k.faction_center, k.faction_right"
                + " FROM hex_latest_county k WHERE k.game_id = ?" + (byCounty ? " AND k.county_fips = ANY (?)" : "");
    }

    /** A hex row of {@link HexStateCopy}: the cell {@code l}, then its activity, then its terrain. */
    private static final String HEX_CELL = "l.h3_index, l.county_fips, l.state_fips, ";
    private static final String TERRAIN = ", l.terrain_type, l.water_coverage, l.internet_access, l.broadband, l.surveillance, l.urban";
    /** The hex columns of {@link HexStateCopy}, in order. */
    static final String HEX_COLUMNS = HEX_CELL + "l.activity_tick, l.heat, l.heat_delta, l.org_count, l.org_presence,"
            + " l.actions_taken, l.response_mode" + TERRAIN;

    private static final String ACTIVITY_COLUMNS = "x.tick, x.heat, x.heat_delta, x.org_count, x.org_presence, x.actions_taken,"
            + " x.response_mode";

    /**
     * A past tick's hexes from the journals: each hex's latest activity at or before the tick, the substrate roll-up,
     * which never changes, from the cache. For some counties the latest activity is one LATERAL probe a hex; for the
     * whole map, one ordered pass over the activity index (DISTINCT ON) merged with the map, which reads the index in
     * order instead of probing it 220,100 times (0.94 s against 2.0 s measured at tick 200 of 260). COPY takes no
     * parameters: the session is a UUID, the tick a number and the counties {@link #textArray} literals.
     */
    static String reconstructCopy(UUID session, int tick, String counties) {
        String activity = counties == null
                ? " LEFT JOIN (SELECT DISTINCT ON (x.h3_index) x.h3_index, " + ACTIVITY_COLUMNS + " FROM hex_activity x"
                        + "   WHERE x.game_id = '" + session + "' AND x.tick <= " + tick + " ORDER BY x.h3_index, x.tick DESC) a"
                        + " ON a.h3_index = l.h3_index"
                : " LEFT JOIN LATERAL (SELECT " + ACTIVITY_COLUMNS + " FROM hex_activity x"
                        + "   WHERE x.game_id = l.game_id AND x.h3_index = l.h3_index AND x.tick <= " + tick
                        + " ORDER BY x.tick DESC LIMIT 1) a ON true";
        return copy("SELECT " + HEX_CELL + ACTIVITY + TERRAIN + " FROM hex_latest_cell l" + activity, session, counties);
    }

    /** hex_latest_cell's hexes as they are. */
    static String latestCopy(UUID session, String counties) {
        return copy("SELECT " + HEX_COLUMNS + " FROM hex_latest_cell l", session, counties);
    }

    private static String copy(String select, UUID session, String counties) {
        return "COPY (" + select + " WHERE l.game_id = '" + session + "'"
                + (counties == null ? "" : " AND l.county_fips = ANY (" + counties + ")")
                + " ORDER BY l.h3_index) TO STDOUT (FORMAT binary)";
    }

    /** A varchar[] literal of the values, each escaped as an E'' string. */
    static String textArray(Collection<String> values) throws SQLException {
        StringBuilder b = new StringBuilder("ARRAY[");
        for (String value : values) {
            b.append(b.length() == 6 ? "" : ", ").append("E'");
            Utils.escapeLiteral(b, value, false);
            b.append('\'');
        }
        return b.append("]::varchar[]").toString();
    }

    private static String prefixed(String alias) {
        StringBuilder b = new StringBuilder();
        for (String column : ECONOMY_COLUMNS) {
            b.append(b.length() == 0 ? "" : ", ").append(alias).append('.').append(column);
        }
        return b.toString();
    }

    private HexSql() {
    }
}
