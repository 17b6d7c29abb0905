package io.tickstore.backends.hex;

import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.TickstoreException.Problem;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * hex_latest, the current state of every map hex, kept from the journals by set-based SQL, and any past tick rebuilt
 * from them. Every method runs inside the caller's transaction and never commits, so a tick's journal rows and its
 * refresh are stored together or not at all.
 *
 * <p>Activity is sparse: a hex has an activity row only at the ticks it was touched, and every field of its latest
 * row holds until it is touched again, as in the simulation's own table (a hex whose activity ends is touched once
 * more, with heat 0). The refresh and the reconstruction follow the same rule, so hex_latest after
 * {@code refresh(t)} equals {@code reconstruct(t)}.
 */
public final class HexCache {
    private HexCache() {
    }

    /**
     * Fills hex_latest for a session from its tick-0 territory (hex_latest_tick at 0: hex_latest_county shows the
     * territory at that tick), its map and
     * its substrate rolled up per hex (the most frequent terrain type, the mean water coverage, internet access and
     * surveillance, broadband and urban when any child has them; one row a hex in hex_latest_cell) and its tick-0
     * activity; replaces what the session had there. Returns the number of hexes.
     * Throws {@link Problem#INVALID_INPUT} when a county of the map has no territory at tick 0.
     */
    public static int seed(Connection connection, UUID session) throws SQLException {
        update(connection, HexSql.CLEAR_CELLS, session);
        update(connection, HexSql.CLEAR_TICK, session);
        update(connection, HexSql.SEED_TICK, session, session);
        int seeded = update(connection, HexSql.SEED_CELLS, session, session);
        List<String> missing = strings(connection, HexSql.COUNTIES_WITHOUT_ECONOMY, session);
        if (!missing.isEmpty()) {
            throw new PersistenceException(Problem.INVALID_INPUT, "session " + session + ": counties " + missing
                    + " of hex_map have no territory_snapshot row at tick 0; hex_latest needs one for every county");
        }
        overlayActivity(connection, session, -1, 0);
        return seeded;
    }

    /**
     * Brings hex_latest from the tick it is at to {@code tick}: the territory broadcast, then the activity overlay of
     * every activity row after the previous tick. Refreshing the tick it is at again changes nothing. Throws
     * {@link Problem#INVALID_INPUT} when hex_latest is not seeded or is past {@code tick} (a past tick is
     * {@link #reconstruct}ed, not refreshed), {@link Problem#NO_SUCH_TICK} when the tick has no territory.
     */
    public static void refresh(Connection connection, UUID session, int tick) throws SQLException {
        int previous = currentTick(connection, session);
        if (tick < previous) {
            throw new PersistenceException(Problem.INVALID_INPUT, "session " + session + ": hex_latest is at tick "
                    + previous + " and refreshes forward only; reconstruct tick " + tick + " from the journals instead");
        }
        broadcastTerritory(connection, session, tick);
        if (tick > previous) {
            overlayActivity(connection, session, previous, tick);
        }
    }

    /**
     * The refresh's first phase, alone (for callers that time it): every county, and so each of its hexes, takes its
     * row at the tick. No county row is copied: hex_latest_county is the territory journal at the tick hex_latest_tick
     * names, so this checks that the tick's territory holds every county of the seed and moves that tick. Returns the
     * number of counties.
     */
    public static int broadcastTerritory(Connection connection, UUID session, int tick) throws SQLException {
        List<String> missing = strings(connection, HexSql.COUNTIES_WITHOUT_TERRITORY, session, session, tick);
        if (!missing.isEmpty()) {
            throw noTerritory(session, tick, missing.toString());
        }
        try (PreparedStatement st = prepare(connection, HexSql.BROADCAST, tick, session); ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                throw new PersistenceException(Problem.INVALID_INPUT, "session " + session
                        + ": hex_latest has no rows; seed it after tick 0's territory and the map are written");
            }
            if (rs.getInt(1) == 0) {
                throw noTerritory(session, tick, "(the seed had none)");
            }
            return rs.getInt(1);
        }
    }

    private static PersistenceException noTerritory(UUID session, int tick, String counties) {
        return new PersistenceException(Problem.NO_SUCH_TICK, "session " + session + ": counties " + counties
                + " have no territory_snapshot row at tick " + tick + "; write the tick's whole territory before refreshing");
    }

    /**
     * The refresh's second phase, alone: every hex touched in ({@code previous}, {@code tick}] takes its latest
     * activity. Returns the hexes overlaid.
     */
    public static int overlayActivity(Connection connection, UUID session, int previous, int tick) throws SQLException {
        String hashJoin = setting(connection, "enable_hashjoin", "off");
        String mergeJoin = setting(connection, "enable_mergejoin", "off");
        try {
            return update(connection, HexSql.OVERLAY, session, previous, tick);
        } finally {
            setting(connection, "enable_mergejoin", mergeJoin);
            setting(connection, "enable_hashjoin", hashJoin);
        }
    }

    /** The tick hex_latest is at for the session. Throws {@link Problem#INVALID_INPUT} when it is not seeded. */
    public static int currentTick(Connection connection, UUID session) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(HexSql.CURRENT_TICK)) {
            q.setObject(1, session);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new PersistenceException(Problem.INVALID_INPUT, "session " + session
                            + ": hex_latest has no rows; seed it after tick 0's territory and the map are written");
                }
                return rs.getInt(1);
            }
        }
    }

    /**
     * Rebuilds tick {@code tick} from the journals for the hexes of the given counties (the whole map when empty),
     * ordered by h3_index. Throws {@link Problem#NO_SUCH_TICK} when the tick has no territory and
     * {@link Problem#INVALID_INPUT} naming the counties that have no hexes on the session's map.
     */
    public static List<HexState> reconstruct(Connection connection, UUID session, int tick, Collection<String> counties)
            throws SQLException {
        if (!exists(connection, HexSql.HAS_TERRITORY, session, tick)) {
            throw new PersistenceException(Problem.NO_SUCH_TICK, "session " + session + ": no territory_snapshot rows at tick " + tick);
        }
        boolean byCounty = !counties.isEmpty();
        try (PreparedStatement q = prepare(connection, HexSql.territoryAt(byCounty), session, tick)) {
            return read(connection, q, 3, counties, session,
                    HexSql.reconstructCopy(session, tick, byCounty ? HexSql.textArray(counties) : null));
        }
    }

    /** hex_latest as it is now, for the given counties (all of them when empty), ordered by h3_index. */
    public static List<HexState> latest(Connection connection, UUID session, Collection<String> counties) throws SQLException {
        boolean byCounty = !counties.isEmpty();
        try (PreparedStatement q = prepare(connection, HexSql.latestCounties(byCounty), session)) {
            return read(connection, q, 2, counties, session, HexSql.latestCopy(session, byCounty ? HexSql.textArray(counties) : null));
        }
    }

    /**
     * Runs the read with the server's JIT compiler off, then puts the caller's setting back: compiling these plans
     * took longer (0.36 s measured) than most of the reads themselves.
     */
    private static List<HexState> read(Connection connection, PreparedStatement q, int countyParameter,
            Collection<String> counties, UUID session, String hexCopy) throws SQLException {
        String jit = setting(connection, "jit", "off");
        try {
            return readRows(connection, q, countyParameter, counties, session, hexCopy);
        } finally {
            setting(connection, "jit", jit);
        }
    }

    /** Sets a server setting for the rest of the transaction; returns its previous value. */
    private static String setting(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement st = prepare(connection, "SELECT current_setting(?), set_config(?, ?, true)", name, name, value);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<HexState> readRows(Connection connection, PreparedStatement q, int countyParameter,
            Collection<String> counties, UUID session, String hexCopy) throws SQLException {
        Array array = null;
        if (!counties.isEmpty()) {
            array = connection.createArrayOf("varchar", counties.toArray());
            q.setArray(countyParameter, array);
        }
        List<HexState> out;
        Set<String> seen = new TreeSet<>();
        try {
            out = HexStateCopy.read(connection, q, hexCopy);
            if (!counties.isEmpty()) {
                for (HexState hex : out) {
                    seen.add(hex.countyFips());
                }
            }
        } finally {
            if (array != null) {
                array.free();
            }
        }
        Set<String> missing = new TreeSet<>(counties);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            throw new PersistenceException(Problem.INVALID_INPUT, "session " + session + ": counties " + missing
                    + " have no hexes on the session's map");
        }
        return out;
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement st = prepare(connection, sql, parameters)) {
            return st.executeUpdate();
        }
    }

    private static boolean exists(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement st = prepare(connection, sql, parameters); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static List<String> strings(Connection connection, String sql, Object... parameters) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = prepare(connection, sql, parameters); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement st = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            st.setObject(i + 1, parameters[i]);
        }
        return st;
    }
}
