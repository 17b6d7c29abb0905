package io.tickstore.jmh.geo;

import io.tickstore.backends.postgres.copy.BinaryCopyWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The journal without tiers: every map hex, every tick, with hex_latest's 45 columns, into hex_snapshot (primary
 * key game_id, tick, h3_index) by binary COPY. It keeps each hex's activity and terrain itself, as a simulation would.
 */
final class UntieredJournal {
    private final String[] terrain = new String[SyntheticGeoWorld.HEXES];
    private final float[] terrainFloats = new float[SyntheticGeoWorld.HEXES * 3];
    private final boolean[] broadband = new boolean[SyntheticGeoWorld.HEXES];
    private final boolean[] urban = new boolean[SyntheticGeoWorld.HEXES];
    private final int[] activityTick = new int[SyntheticGeoWorld.HEXES];
    private final float[] heat = new float[SyntheticGeoWorld.HEXES];
    private final float[] heatDelta = new float[SyntheticGeoWorld.HEXES];
    private final short[] orgCount = new short[SyntheticGeoWorld.HEXES];
    private final float[] presence = new float[SyntheticGeoWorld.HEXES];
    private final short[] actions = new short[SyntheticGeoWorld.HEXES];
    private final String[] response = new String[SyntheticGeoWorld.HEXES];

    UntieredJournal(Random random) {
        String[] terrains = {"plains", "forest", "mountain", "desert", "wetland", "urban", "water"};
        for (int h = 0; h < SyntheticGeoWorld.HEXES; h++) {
            terrain[h] = terrains[random.nextInt(terrains.length)];
            for (int f = 0; f < 3; f++) {
                terrainFloats[h * 3 + f] = random.nextFloat();
            }
            broadband[h] = random.nextBoolean();
            urban[h] = random.nextInt(10) == 0;
        }
        Arrays.fill(activityTick, -1);
        Arrays.fill(response, "none");
    }

    static void createTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS hex_snapshot AS SELECT * FROM hex_latest WITH NO DATA");
            st.execute("ALTER TABLE hex_snapshot ADD PRIMARY KEY (game_id, tick, h3_index)");
        }
        c.commit();
    }

    void write(Connection c, UUID session, GeoTick t) throws SQLException {
        for (int h = 0; h < SyntheticGeoWorld.HEXES; h++) {
            heatDelta[h] = 0;
            actions[h] = 0;
        }
        for (int i = 0; i < SyntheticGeoWorld.ACTIVE; i++) {
            int h = t.hexes[i];
            activityTick[h] = t.tick;
            heat[h] = t.heat[i];
            heatDelta[h] = t.heatDelta[i];
            orgCount[h] = t.orgCount[i];
            presence[h] = t.presence[i];
            actions[h] = t.actions[i];
            response[h] = t.response[i];
        }
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY hex_snapshot FROM STDIN (FORMAT binary)");
        try {
            BinaryCopyWriter out = new BinaryCopyWriter(in::writeToCopy, 1 << 20);
            out.writeHeader();
            for (int h = 0; h < SyntheticGeoWorld.HEXES; h++) {
                int county = h / SyntheticGeoWorld.HEXES_PER_COUNTY;
                out.startRow(45);
                out.writeUuid(session);
                out.writeText(SyntheticGeoWorld.hex(h));
                out.writeText(SyntheticGeoWorld.county(county));
                out.writeText(SyntheticGeoWorld.state(county));
                out.writeInt4(t.tick);
                out.writeInt8(t.pop[county]);
                out.writeInt8(t.mobilizable[county]);
                for (int f = 0; f < 5; f++) {
                    out.writeFloat4(t.floatOf(county, f));
                }
                out.writeText(t.dominant[county]);
                for (int f = GeoTick.CLASS_AT; f < GeoTick.FLOATS; f++) {
                    out.writeFloat4(t.floatOf(county, f));
                }
                if (activityTick[h] < 0) {
                    out.writeNull();
                } else {
                    out.writeInt4(activityTick[h]);
                }
                out.writeFloat4(heat[h]);
                out.writeFloat4(heatDelta[h]);
                out.writeInt2(orgCount[h]);
                out.writeFloat4(presence[h]);
                out.writeInt2(actions[h]);
                out.writeText(response[h]);
                out.writeText(terrain[h]);
                out.writeFloat4(terrainFloats[h * 3]);
                out.writeFloat4(terrainFloats[h * 3 + 1]);
                out.writeBool(broadband[h]);
                out.writeFloat4(terrainFloats[h * 3 + 2]);
                out.writeBool(urban[h]);
                float classB = t.floatOf(county, GeoTick.CLASS_AT);
                float classPb = t.floatOf(county, GeoTick.CLASS_AT + 1);
                out.writeFloat4(t.floatOf(county, GeoTick.CLASS_AT + 2) + t.floatOf(county, GeoTick.CLASS_AT + 3));
                out.writeFloat4(classPb);
                out.writeFloat4(classB);
            }
            out.finish();
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }
}
