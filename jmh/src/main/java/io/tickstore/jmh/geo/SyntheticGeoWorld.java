package io.tickstore.jmh.geo;

import io.tickstore.backends.hex.HexSchema;
import io.tickstore.backends.postgres.PgConnections;
import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.backends.postgres.PostgresUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A geographic world at the reference design's scale, written by the server itself (INSERT ... SELECT over
 * generate_series) into the hex journal's tables: 3,100 counties of 71 contiguous hexes on a 0.1-degree grid, seven
 * substrate cells a hex, territory for a range of ticks and 5,000 random active hexes a tick. Hex i is
 * {@code 86} followed by i in 13 hex digits; county c is {@code 1001 + c} in 5 digits.
 */
final class SyntheticGeoWorld {
    static final int COUNTIES = 3_100;
    static final int HEXES_PER_COUNTY = 71;
    static final int HEXES = COUNTIES * HEXES_PER_COUNTY;
    static final int ACTIVE = 5_000;
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static final String HEX = "'86' || lpad(to_hex(%s), 13, '0')";

    private SyntheticGeoWorld() {
    }

    static String hex(int i) {
        String digits = Integer.toHexString(i);
        return "86" + "0".repeat(13 - digits.length()) + digits;
    }

    static String county(int c) {
        return String.format("%05d", 1001 + c);
    }

    static String state(int c) {
        return String.format("%02d", 1 + c % 48);
    }

    static String url() {
        String url = System.getenv("TICKSTORE_PG_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** A connection working in {@code schema}, created with the hex journal installed; auto-commit off. */
    static Connection open(String schema) throws SQLException {
        Connection c = PgConnections.open(PostgresUrl.parse(url()), PostgresOptions.defaults().withSchema(schema), false);
        try (Statement st = c.createStatement()) {
            st.execute("SET client_min_messages = warning");
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        HexSchema.install(c);
        c.setAutoCommit(false);
        return c;
    }

    static void drop(Connection c, String schema) throws SQLException {
        c.rollback();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        c.close();
    }

    /** hex_map: every hex with its county, state, centre and a 0.1-degree square polygon. */
    static void writeMap(Connection c, UUID session) throws SQLException {
        run(c, session, "INSERT INTO hex_map SELECT ?, " + String.format(HEX, "h") + ", 6,"
                + " lpad((1001 + h / " + HEXES_PER_COUNTY + ")::text, 5, '0'), lpad((1 + (h / " + HEXES_PER_COUNTY + ") % 48)::text, 2, '0'),"
                + " lat, lng, 36.1, ST_MakeEnvelope(lng - 0.05, lat - 0.05, lng + 0.05, lat + 0.05, 4326)"
                + " FROM (SELECT h, 25 + (h / 500) * 0.1 AS lat, -125 + (h % 500) * 0.1 AS lng"
                + " FROM generate_series(0, " + (HEXES - 1) + ") h) g");
    }

    /** hex_substrate: seven cells under every hex. */
    static void writeSubstrate(Connection c, UUID session) throws SQLException {
        run(c, session, "INSERT INTO hex_substrate SELECT ?, '87' || lpad(to_hex(h * 8 + k), 13, '0'), " + String.format(HEX, "h") + ","
                + " (ARRAY['plains','forest','mountain','desert','wetland','urban','water'])[1 + floor(random() * 7)::int],"
                + " random() * 3000, random(), random(), random() * 10, random() * 1000, random(), random() < 0.3, random(),"
                + " random() < 0.1, random()"
                + " FROM generate_series(0, " + (HEXES - 1) + ") h, generate_series(0, 6) k");
    }

    /** territory_snapshot for every county at ticks {@code from..to}. */
    static void writeTerritory(Connection c, UUID session, int from, int to) throws SQLException {
        run(c, session, "INSERT INTO territory_snapshot SELECT ?, t, lpad((1001 + c)::text, 5, '0'), lpad((1 + c % 48)::text, 2, '0'),"
                + " 'County ' || c, (1000 + random() * 1e6)::bigint, (random() * 1e5)::bigint, random(), random() * 3,"
                + " random() * 5, random(), random() * 40, random(),"
                + " (ARRAY['bourgeoisie','petty_bourgeois','proletariat','lumpen'])[1 + floor(random() * 4)::int],"
                + " random() * 0.1, random() * 0.2, random() * 0.6, random() * 0.1,"
                + " random() * 100, random() * 100, random() * 100, random() * 100, random() * 100, random() * 100,"
                + " random() * 100, random() * 100, random() * 100, random() * 100, random() * 100, random() * 100, '{}'"
                + " FROM generate_series(" + from + ", " + to + ") t, generate_series(0, " + (COUNTIES - 1) + ") c");
    }

    /** hex_activity: {@value #ACTIVE} random hexes a tick (a few fewer: a hex drawn twice in a tick counts once). */
    static void writeActivity(Connection c, UUID session, int from, int to) throws SQLException {
        run(c, session, "INSERT INTO hex_activity SELECT ?, t, " + String.format(HEX, "floor(random() * " + HEXES + ")::int") + ","
                + " random() * 10, random() * 2 - 1, (random() * 4)::int, '{org-1}', random(), (random() * 3)::int, 'monitor'"
                + " FROM generate_series(" + from + ", " + to + ") t, generate_series(1, " + ACTIVE + ") ON CONFLICT DO NOTHING");
    }

    /**
     * VACUUM ANALYZE: statistics for the planner, and the visibility map that lets the activity lookups read the
     * index alone, as autovacuum leaves an append-only journal in a running system.
     */
    static void analyze(Connection c) throws SQLException {
        c.commit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE");
        }
        c.setAutoCommit(false);
    }

    private static void run(Connection c, UUID session, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, session);
            st.executeUpdate();
        }
        c.commit();
    }
}
