package io.tickstore.backends.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.testing.PostgresTestSchema;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.backends.testing.SqlRows;
import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The columns of other kinds in a PostgreSQL journal, as someone querying it sees them: strings as text, JSON as jsonb,
 * lists as text[], arrays as arrays of their shape; all written by binary COPY.
 */
class PostgresKindsTest {
    @RegisterExtension
    static final PostgresTestSchema postgres = new PostgresTestSchema("kinds");

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    static final Schema HEXES = Schema.builder("hexes", 1)
            .column("county_fips", ColumnLayout.categorical(ColumnType.U16), 1, "00000")
            .categorical("terrain", ColumnType.U8)
            .array("position", ColumnType.F64, 3)
            .array("tensor", ColumnType.F32, 4, 3)
            .array("counts", ColumnType.U32, 2)
            .json("attributes")
            .stringList("org_ids")
            .string("note")
            .build();

    private static List<String> rows(String sql) throws SQLException {
        try (Connection c = PostgresTestServer.connect()) {
            return SqlRows.of(c, sql);
        }
    }

    private UUID persisted(World world) {
        UUID session = UUID.randomUUID();
        postgres.backend().createSession(session, world);
        postgres.backend().persistTick(session, world);
        return session;
    }

    private World hexes() {
        World world = new World(memory.root());
        Table t = world.createTable(HEXES, 4);
        for (int i = 0; i < 3; i++) {
            long row = t.addRow();
            t.setString(0, row, "4845" + i);
            t.setString(1, row, i == 1 ? "river" : "hill");
            t.setArray(2, row, new double[] {i, -i, 0.5});
            for (int e = 0; e < 12; e++) {
                t.setFloat(3, row, e, i * 100 + e);
            }
            t.setInt(4, row, 1, (int) 4_000_000_000L);
            t.setString(5, row, "{\"heat\": " + (i * 1.5) + ", \"orgs\": {\"count\": " + i + "}}");
            t.setStrings(6, row, i == 0 ? List.of() : List.of("org-" + i, "o,\"q\""));
            t.setString(7, row, "é " + i);
        }
        world.setTick(2);
        return world;
    }

    @Test
    void theJournalHoldsTextJsonbAndArraysOfTheColumnsShape() throws SQLException {
        try (World world = hexes()) {
            persisted(world);
            assertEquals(List.of("county_fips text NO", "terrain text NO", "position double precision[] NO", "tensor real[] NO",
                            "counts bigint[] NO", "attributes jsonb NO", "org_ids text[] NO", "note text NO"),
                    rows("SELECT a.attname, format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END"
                            + " FROM pg_attribute a WHERE a.attrelid = '\"" + postgres.name() + "\".\"hexes_v1\"'::regclass"
                            + " AND a.attnum > 4 ORDER BY a.attnum"));
        }
    }

    @Test
    void queriesSeeTheValuesAsSqlValues() throws SQLException {
        try (World world = hexes()) {
            UUID session = persisted(world);
            String from = " FROM \"" + postgres.name() + "\".\"hexes_v1\" WHERE \"_session_id\" = '" + session + "' ORDER BY \"_slot\"";
            assertEquals(List.of("48450 hill 1.5 0 {}", "48451 river 1.5 1 {org-1,\"o,\\\"q\\\"\"}", "48452 hill 1.5 2 {org-2,\"o,\\\"q\\\"\"}"),
                    rows("SELECT county_fips, terrain, tensor[1][2] - 100 * \"_slot\" + 0.5, attributes #>> '{orgs,count}', org_ids" + from));
            assertEquals(List.of("[1:3] [1:4][1:3] 4000000000", "[1:3] [1:4][1:3] 4000000000", "[1:3] [1:4][1:3] 4000000000"),
                    rows("SELECT array_dims(position), array_dims(tensor), counts[2]" + from));
            assertEquals(List.of("1"), rows("SELECT count(*)" + from.replace(" ORDER BY \"_slot\"", "") + " AND attributes @> '{\"heat\": 1.5}'"));
            assertEquals(List.of("{\"heat\": 3.0, \"orgs\": {\"count\": 2}}"), rows("SELECT attributes::text" + from.replace(" ORDER BY \"_slot\"", "")
                    + " AND \"_slot\" = 2"));
        }
    }

    @Test
    void anArrayOfAnotherShapeIsRefusedByTheJournal() throws SQLException {
        try (World world = hexes()) {
            UUID session = persisted(world);
            try (Connection c = PostgresTestServer.connect(); PreparedStatement update = c.prepareStatement("UPDATE \"" + postgres.name()
                    + "\".\"hexes_v1\" SET position = ARRAY[1.0, 2.0]::float8[] WHERE \"_session_id\" = ?")) {
                update.setObject(1, session);
                SQLException e = assertThrows(SQLException.class, update::executeUpdate);
                assertEquals("23514", e.getSQLState(), e.getMessage());
            }
        }
    }

    @Test
    void theWriteMethodsKeptForMeasurementRefuseTheOtherKindsBeforeWritingAnything() {
        for (WriteMethod method : List.of(WriteMethod.TEXT_COPY, WriteMethod.BATCHED_INSERT)) {
            try (World world = hexes();
                 PostgresRuntime text = postgres.open(postgres.options().withWriteMethod(method))) {
                UUID session = UUID.randomUUID();
                text.createSession(session, world);
                PersistenceException e = assertThrows(PersistenceException.class, () -> text.persistTick(session, world));
                assertEquals(Problem.INVALID_INPUT, e.problem());
                assertTrue(e.getMessage().contains("BINARY_COPY"), e.getMessage());
                assertTrue(text.ticks(session).isEmpty(), "nothing was written");
            }
        }
    }
}
