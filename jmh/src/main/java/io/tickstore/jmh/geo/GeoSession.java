package io.tickstore.jmh.geo;

import io.tickstore.backends.hex.HexCache;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** A benchmark's schema of its own with one session of the synthetic world in it, seeded at tick 0. */
final class GeoSession implements AutoCloseable {
    final String schema = "tickstore_bench_geo_" + UUID.randomUUID().toString().substring(0, 8);
    final UUID session = UUID.randomUUID();
    final Connection connection;

    /** The map, territory and activity for ticks 0..{@code lastTick}, hex_latest seeded; with the substrate if asked. */
    GeoSession(int lastTick, boolean substrate) throws SQLException {
        connection = SyntheticGeoWorld.open(schema);
        SyntheticGeoWorld.writeMap(connection, session);
        if (substrate) {
            SyntheticGeoWorld.writeSubstrate(connection, session);
        }
        SyntheticGeoWorld.writeTerritory(connection, session, 0, lastTick);
        SyntheticGeoWorld.writeActivity(connection, session, 0, lastTick);
        HexCache.seed(connection, session);
        connection.commit();
        SyntheticGeoWorld.analyze(connection);
    }

    @Override
    public void close() throws SQLException {
        SyntheticGeoWorld.drop(connection, schema);
    }
}
