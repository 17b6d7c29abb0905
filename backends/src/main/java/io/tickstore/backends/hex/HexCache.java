package io.tickstore.backends.hex;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * hex_latest, the current state of every map hex, kept from the journals by set-based SQL, and any past tick rebuilt
 * from them. Every method runs inside the caller's transaction and never commits, so a tick's journal rows and its
 * refresh are stored together or not at all.
 */
public final class HexCache {
    private HexCache() {
    }

    /** Fills hex_latest for a session from its tick-0 territory, its map and its substrate rolled up per hex. */
    public static int seed(Connection connection, UUID session) throws SQLException {
        throw new UnsupportedOperationException("hex_latest seeding");
    }

    /** Brings hex_latest to {@code tick}: the territory broadcast, then the activity overlay. */
    public static void refresh(Connection connection, UUID session, int tick) throws SQLException {
        throw new UnsupportedOperationException("hex_latest refresh");
    }

    /** Rebuilds tick {@code tick} for the given counties (all of them when empty) from the journals. */
    public static void reconstruct(Connection connection, UUID session, int tick, Collection<String> counties)
            throws SQLException {
        throw new UnsupportedOperationException("hex reconstruction");
    }
}
