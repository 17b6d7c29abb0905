package io.tickstore.backends.hex;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a {@link HexState} from a result row whose columns are {@link HexSql#STATE}, in order. */
final class HexStateReader {
    private HexStateReader() {
    }

    static HexState read(ResultSet rs) throws SQLException {
        HexState.ValueTensor tensor = new HexState.ValueTensor(rs.getFloat(17), rs.getFloat(18), rs.getFloat(19),
                rs.getFloat(20), rs.getFloat(21), rs.getFloat(22), rs.getFloat(23), rs.getFloat(24), rs.getFloat(25),
                rs.getFloat(26), rs.getFloat(27), rs.getFloat(28));
        HexState.Economy economy = new HexState.Economy(rs.getLong(5), rs.getLong(6), rs.getFloat(7), rs.getFloat(8),
                rs.getFloat(9), rs.getFloat(10), rs.getFloat(11), rs.getString(12), rs.getFloat(13), rs.getFloat(14),
                rs.getFloat(15), rs.getFloat(16), tensor);
        int activityTick = rs.getInt(29);
        HexState.Activity activity = new HexState.Activity(rs.wasNull() ? null : activityTick, rs.getFloat(30),
                rs.getFloat(31), rs.getShort(32), rs.getFloat(33), rs.getShort(34), rs.getString(35));
        HexState.Terrain terrain = new HexState.Terrain(rs.getString(36), rs.getFloat(37), rs.getFloat(38),
                rs.getBoolean(39), rs.getFloat(40), rs.getBoolean(41));
        HexState.Factions factions = new HexState.Factions(rs.getFloat(42), rs.getFloat(43), rs.getFloat(44));
        return new HexState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), economy, activity,
                terrain, factions);
    }
}
