package io.tickstore.backends.hex;

import io.tickstore.backends.testing.PostgresTestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.UUID;

/**
 * A small synthetic geographic world written into the hex journal's tables with plain SQL: counties of square hexes
 * on a grid (county c holds hexes c*perCounty .. c*perCounty + perCounty - 1, in a row of cells 0.1 degree wide
 * starting at longitude -100 and latitude 30 + c * 0.1), seven substrate children a hex, territory every tick,
 * activity on a random few hexes a tick, some of them ending (heat 0). Deterministic from the seed.
 */
final class HexWorldFixture {
    static final String[] CLASSES = {"bourgeoisie", "petty_bourgeois", "proletariat", "lumpen"};
    static final String[] TERRAIN = {"plains", "forest", "urban", "water", "mountain"};
    static final String[] RESPONSE = {"none", "watch", "suppress", "negotiate"};

    final UUID session;
    final int counties;
    final int perCounty;
    private final Random random;

    HexWorldFixture(UUID session, int counties, int perCounty, long seed) {
        this.session = session;
        this.counties = counties;
        this.perCounty = perCounty;
        this.random = new Random(seed);
    }

    /** A connection working in {@code schema} (created, with the hex journal installed), PostGIS from public. */
    static Connection connect(String schema) throws SQLException {
        Connection c = PostgresTestServer.connect();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
            st.execute("SET search_path TO \"" + schema + "\", public");
        }
        HexSchema.install(c);
        c.setAutoCommit(false);
        return c;
    }

    static String hex(int i) {
        return String.format("87%013x", i);
    }

    static String county(int c) {
        return String.format("%05d", 1001 + c);
    }

    int hexes() {
        return counties * perCounty;
    }

    /** hex_map and hex_substrate: the once-per-session tiers. */
    void writeMap(Connection c) throws SQLException {
        try (PreparedStatement map = c.prepareStatement("INSERT INTO hex_map VALUES (?, ?, 7, ?, ?, ?, ?, ?,"
                + " ST_MakeEnvelope(?, ?, ?, ?, 4326))");
                PreparedStatement substrate = c.prepareStatement("INSERT INTO hex_substrate VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int h = 0; h < hexes(); h++) {
                int county = h / perCounty;
                double lng = -100 + (h % perCounty) * 0.1;
                double lat = 30 + county * 0.1;
                map.setObject(1, session);
                map.setString(2, hex(h));
                map.setString(3, county(county));
                map.setString(4, "01");
                map.setDouble(5, lat + 0.05);
                map.setDouble(6, lng + 0.05);
                map.setFloat(7, 5.16f);
                map.setDouble(8, lng);
                map.setDouble(9, lat);
                map.setDouble(10, lng + 0.1);
                map.setDouble(11, lat + 0.1);
                map.addBatch();
                for (int child = 0; child < 7; child++) {
                    substrate.setObject(1, session);
                    substrate.setString(2, String.format("88%013x", h * 8 + child));
                    substrate.setString(3, hex(h));
                    substrate.setString(4, TERRAIN[random.nextInt(TERRAIN.length)]);
                    substrate.setFloat(5, random.nextFloat() * 2000);
                    substrate.setFloat(6, random.nextFloat());
                    substrate.setFloat(7, random.nextFloat());
                    substrate.setFloat(8, random.nextFloat() * 10);
                    substrate.setFloat(9, random.nextFloat() * 500);
                    substrate.setFloat(10, random.nextFloat());
                    substrate.setBoolean(11, random.nextInt(4) == 0);
                    substrate.setFloat(12, random.nextFloat());
                    substrate.setBoolean(13, random.nextInt(5) == 0);
                    substrate.setFloat(14, random.nextFloat());
                    substrate.addBatch();
                }
            }
            map.executeBatch();
            substrate.executeBatch();
        }
    }

    /** territory_snapshot for every county at the tick, and activity for up to {@code touched} random hexes. */
    void writeTick(Connection c, int tick, int touched) throws SQLException {
        try (PreparedStatement territory = c.prepareStatement("INSERT INTO territory_snapshot VALUES (?, ?, ?, '01', ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')");
                PreparedStatement activity = c.prepareStatement("INSERT INTO hex_activity VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")) {
            for (int county = 0; county < counties; county++) {
                int p = 1;
                territory.setObject(p++, session);
                territory.setInt(p++, tick);
                territory.setString(p++, county(county));
                territory.setString(p++, "County " + county);
                long pop = 1000 + random.nextInt(100_000);
                territory.setLong(p++, pop);
                territory.setLong(p++, pop / 3);
                for (int i = 0; i < 5; i++) {
                    territory.setFloat(p++, random.nextFloat() * 2);
                }
                territory.setFloat(p++, random.nextFloat());
                territory.setString(p++, CLASSES[random.nextInt(4)]);
                float[] shares = {random.nextFloat(), random.nextFloat(), random.nextFloat(), random.nextFloat()};
                float sum = shares[0] + shares[1] + shares[2] + shares[3];
                for (float share : shares) {
                    territory.setFloat(p++, Math.min(1f, share / sum));
                }
                for (int i = 0; i < 12; i++) {
                    territory.setFloat(p++, random.nextFloat() * 100);
                }
                territory.addBatch();
            }
            for (int i = 0; i < touched; i++) {
                boolean ended = random.nextInt(4) == 0;
                int orgs = ended ? 0 : random.nextInt(4);
                activity.setObject(1, session);
                activity.setInt(2, tick);
                activity.setString(3, hex(random.nextInt(hexes())));
                activity.setFloat(4, ended ? 0 : random.nextFloat() * 10);
                activity.setFloat(5, random.nextFloat() * 2 - 1);
                activity.setShort(6, (short) orgs);
                activity.setArray(7, c.createArrayOf("varchar", orgs == 0 ? new String[0] : new String[] {"org-" + tick}));
                activity.setFloat(8, ended ? 0 : random.nextFloat());
                activity.setShort(9, (short) random.nextInt(3));
                activity.setString(10, RESPONSE[random.nextInt(RESPONSE.length)]);
                activity.addBatch();
            }
            territory.executeBatch();
            activity.executeBatch();
        }
    }
}
