package io.tickstore.backends.hex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.backends.testing.PostgresTestSchema;
import io.tickstore.backends.testing.SqlRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HexSchemaTest {
    @RegisterExtension
    static final PostgresTestSchema postgres = new PostgresTestSchema("hex_schema");

    @Test
    void installingTwiceChangesNothingAndTheViewsAnswer() throws SQLException {
        try (Connection c = HexWorldFixture.connect(postgres.name())) {
            HexSchema.install(c);
            c.commit();
            HexWorldFixture world = new HexWorldFixture(UUID.randomUUID(), 2, 4, 1);
            world.writeMap(c);
            world.writeTick(c, 0, 8);
            HexCache.seed(c, world.session);
            String s = " WHERE game_id = '" + world.session + "' AND county_fips = '01001'";
            assertEquals(List.of("4"), SqlRows.of(c, "SELECT count(*) FROM v_hex_economic" + s));
            assertEquals(List.of("4"), SqlRows.of(c, "SELECT count(*) FROM v_hex_mobilize" + s + " AND hex_heat >= 0"));
            assertEquals(List.of("4"), SqlRows.of(c, "SELECT count(*) FROM v_hex_aid" + s));
            assertEquals(List.of("4"), SqlRows.of(c, "SELECT count(*) FROM v_hex_intel" + s));
            assertEquals(SqlRows.of(c, "SELECT count(*) FROM hex_latest" + s + " AND heat > 0"),
                    SqlRows.of(c, "SELECT count(*) FROM v_hex_heat" + s));
            assertEquals(List.of("game_id h3_index county_fips tick faction_left faction_center faction_right dominant_class"
                    + " org_count actions_taken"), List.of(String.join(" ", columns(c, "v_hex_intel"))));
            c.rollback();
        }
    }

    @Test
    void theCellsNumberComesFromItsText() throws SQLException {
        try (Connection c = HexWorldFixture.connect(postgres.name())) {
            assertEquals(List.of(Long.toString(Long.parseUnsignedLong("872830828ffffff", 16))),
                    SqlRows.of(c, "SELECT h3_cell_of('872830828ffffff')"));
        }
    }

    @Test
    void hexesInABoundingBoxOrAPolygonAreFoundThroughTheSpatialIndex() throws SQLException {
        try (Connection c = HexWorldFixture.connect(postgres.name())) {
            HexWorldFixture world = new HexWorldFixture(UUID.randomUUID(), 5, 6, 2);
            world.writeMap(c);
            String s = "game_id = '" + world.session + "'";
            // county 1 (latitude 30.1 to 30.2), its hexes 2 and 3 (longitude -99.8 to -99.6)
            String box = "ST_MakeEnvelope(-99.75, 30.12, -99.65, 30.18, 4326)";
            assertEquals(List.of(HexWorldFixture.hex(8), HexWorldFixture.hex(9)),
                    SqlRows.of(c, "SELECT h3_index FROM hex_map WHERE " + s + " AND geom && " + box + " ORDER BY 1"));
            String triangle = "ST_GeomFromText('POLYGON((-99.95 30.05, -99.86 30.05, -99.95 30.14, -99.95 30.05))', 4326)";
            assertEquals(List.of(HexWorldFixture.hex(0), HexWorldFixture.hex(1), HexWorldFixture.hex(6)),
                    SqlRows.of(c, "SELECT h3_index FROM hex_map WHERE " + s + " AND ST_Intersects(geom, " + triangle + ") ORDER BY 1"));
            try (var st = c.createStatement()) {
                st.execute("SET LOCAL enable_seqscan = off");
            }
            String plan = String.join("\n", SqlRows.of(c, "EXPLAIN SELECT h3_index FROM hex_map WHERE geom && " + box));
            assertEquals(true, plan.contains("hex_map_geom"), plan);
            c.rollback();
        }
    }

    private static List<String> columns(Connection c, String view) throws SQLException {
        return SqlRows.of(c, "SELECT column_name FROM information_schema.columns WHERE table_name = '" + view
                + "' AND table_schema = current_schema() ORDER BY ordinal_position");
    }
}
