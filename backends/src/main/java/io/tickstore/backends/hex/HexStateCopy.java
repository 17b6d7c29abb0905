package io.tickstore.backends.hex;

import io.tickstore.backends.postgres.copy.BinaryCopyReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads hexes as two streams and joins them here: each county's economics once (a few thousand rows, JDBC), and each
 * hex's own columns by binary COPY out, decoded by {@link BinaryCopyReader}. The county's part is 27 of a hex's 45
 * columns and is equal in all ~71 hexes of a county, so the server neither joins nor sends it per hex and every hex
 * of a county shares one {@link HexState.Economy}; a whole map read through ResultSet rows spent most of its time
 * converting those columns hex by hex.
 */
final class HexStateCopy {
    /** Columns of a county row: county_fips, tick, {@link HexSql#ECONOMY}, the three factions. */
    static final int COUNTY_COLUMNS = 29;
    /** Fields of a hex row: see {@link HexSql#HEX_COLUMNS}. */
    static final int HEX_FIELDS = 16;

    private record County(int tick, HexState.Economy economy, HexState.Factions factions) {
    }

    private HexStateCopy() {
    }

    /**
     * The hexes of the COPY statement {@code hexSql} with the economics of their county from {@code counties} (an
     * executed-once statement whose rows are county rows); a hex whose county has no row is left out, as an inner
     * join would.
     */
    static List<HexState> read(Connection connection, PreparedStatement counties, String hexSql) throws SQLException {
        Map<String, County> byFips = counties(counties);
        List<HexState> out = new ArrayList<>();
        Map<String, String> strings = new HashMap<>();
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(hexSql);
        try {
            BinaryCopyReader in = new BinaryCopyReader(copy::readFromCopy);
            in.readHeader();
            while (in.nextRow(HEX_FIELDS)) {
                String h3 = in.readText();
                String fips = in.readText();
                String state = canonical(strings, in.readText());
                Integer activityTick = in.nextIsNull() ? null : in.readInt4();
                HexState.Activity activity = new HexState.Activity(activityTick, in.readFloat4(), in.readFloat4(),
                        in.readInt2(), in.readFloat4(), in.readInt2(), canonical(strings, in.readText()));
                HexState.Terrain terrain = new HexState.Terrain(canonical(strings, in.readText()), in.readFloat4(),
                        in.readFloat4(), in.readBool(), in.readFloat4(), in.readBool());
                County county = byFips.get(fips);
                if (county != null) {
                    out.add(new HexState(h3, fips, state, county.tick(), county.economy(), activity, terrain, county.factions()));
                }
            }
            in.expectEnd();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return out;
    }

    private static Map<String, County> counties(PreparedStatement q) throws SQLException {
        Map<String, County> out = new HashMap<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                HexState.ValueTensor tensor = new HexState.ValueTensor(rs.getFloat(15), rs.getFloat(16), rs.getFloat(17),
                        rs.getFloat(18), rs.getFloat(19), rs.getFloat(20), rs.getFloat(21), rs.getFloat(22),
                        rs.getFloat(23), rs.getFloat(24), rs.getFloat(25), rs.getFloat(26));
                HexState.Economy economy = new HexState.Economy(rs.getLong(3), rs.getLong(4), rs.getFloat(5),
                        rs.getFloat(6), rs.getFloat(7), rs.getFloat(8), rs.getFloat(9), rs.getString(10), rs.getFloat(11),
                        rs.getFloat(12), rs.getFloat(13), rs.getFloat(14), tensor);
                HexState.Factions factions = new HexState.Factions(rs.getFloat(27), rs.getFloat(28), rs.getFloat(29));
                out.put(rs.getString(1), new County(rs.getInt(2), economy, factions));
            }
        }
        return out;
    }

    /** One instance of each of the few distinct values of a categorical column. */
    private static String canonical(Map<String, String> strings, String value) {
        String known = strings.putIfAbsent(value, value);
        return known != null ? known : value;
    }
}
