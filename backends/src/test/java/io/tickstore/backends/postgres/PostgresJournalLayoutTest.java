package io.tickstore.backends.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.testing.PostgresTestSchema;
import io.tickstore.backends.testing.PostgresTestServer;
import io.tickstore.backends.testing.SqlRows;
import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
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

/** What the journal tables look like to someone querying them: typed columns, keys, unsigned values as values. */
class PostgresJournalLayoutTest {
    @RegisterExtension
    static final PostgresTestSchema postgres = new PostgresTestSchema("layout");

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private static List<String> rows(String sql) throws SQLException {
        try (Connection c = PostgresTestServer.connect()) {
            return SqlRows.of(c, sql);
        }
    }

    @Test
    void aJournalTableHasOneTypedColumnPerSchemaColumnAfterItsKeys() throws SQLException {
        postgres.backend().createSession(UUID.randomUUID(), List.of(TestWorlds.ALL_TYPES));
        assertEquals(List.of("_session_id uuid NO", "_tick bigint NO", "_entity_id bigint NO", "_slot bigint NO",
                        "i8 smallint NO", "u8 smallint NO", "i16 smallint NO", "u16 integer NO", "order integer NO", "u32 bigint NO",
                        "i64 bigint NO", "u64 numeric NO", "select real NO", "MixedCase double precision NO", "flag boolean NO"),
                rows("SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = '" + postgres.name()
                        + "' AND table_name = 'all_types_v2' ORDER BY ordinal_position"));
        assertEquals(List.of("20 0"), rows("SELECT numeric_precision, numeric_scale FROM information_schema.columns WHERE table_schema = '"
                + postgres.name() + "' AND table_name = 'all_types_v2' AND column_name = 'u64'"));
    }

    @Test
    void theJournalsPrimaryKeyIsSessionTickEntity() throws SQLException {
        postgres.backend().createSession(UUID.randomUUID(), List.of(TestWorlds.NODES));
        assertEquals(List.of("_session_id", "_tick", "_entity_id"), rows("SELECT a.attname FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = '\"" + postgres.name() + "\".\"nodes_v1\"'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)"));
    }

    @Test
    void unsignedValuesReadAsTheirValuesInSql() throws SQLException {
        try (World world = TestWorlds.allTypes(memory.root(), 0)) {
            UUID session = UUID.randomUUID();
            postgres.backend().createSession(session, world);
            postgres.backend().persistTick(session, world);
            assertEquals(List.of("255 65535 4294967295 18446744073709551615 127"), rows("SELECT \"u8\", \"u16\", \"u32\", \"u64\", \"i8\" FROM \""
                    + postgres.name() + "\".\"all_types_v2\" WHERE \"_session_id\" = '" + session + "' AND \"_slot\" = 1"));
        }
    }

    @Test
    void theJournalRefusesValuesOutsideTheTickstoreTypesRange() throws SQLException {
        UUID session = UUID.randomUUID();
        postgres.backend().createSession(session, List.of(TestWorlds.NODES));
        try (Connection c = PostgresTestServer.connect(); PreparedStatement insert = c.prepareStatement("INSERT INTO \"" + postgres.name()
                + "\".\"nodes_v1\" VALUES (?, 0, 0, 0, 1, 1, 256, 1, 1, true)")) {
            insert.setObject(1, session);
            SQLException e = assertThrows(SQLException.class, insert::executeUpdate);
            assertEquals("23514", e.getSQLState(), e.getMessage());
        }
    }

    @Test
    void aTableWhoseJournalNameWouldExceedTheIdentifierLimitIsRefusedAndNothingIsCreated() throws SQLException {
        String longName = "t".repeat(62);
        Schema tooLong = Schema.builder(longName, 1).column("x", ColumnType.I32).build();
        UUID session = UUID.randomUUID();
        PersistenceException e = assertThrows(PersistenceException.class, () -> postgres.backend().createSession(session, List.of(tooLong)));
        assertEquals(Problem.INVALID_IDENTIFIER, e.problem());
        assertTrue(e.getMessage().contains("over the limit of 63"), e.getMessage());
        assertEquals(Problem.UNKNOWN_SESSION, assertThrows(PersistenceException.class, () -> postgres.backend().getMetadata(session, "k")).problem());
        assertEquals(List.of("null"), rows("SELECT to_regclass('\"" + postgres.name() + "\".\"" + longName + "_v1\"')::text"));
    }

    @Test
    void theRegistryHoldsOneRowPerSessionTableWithItsSchema() throws SQLException {
        UUID session = UUID.randomUUID();
        postgres.backend().createSession(session, List.of(TestWorlds.NODES, TestWorlds.EDGES));
        assertEquals(List.of("edges edges_v1 edges", "nodes nodes_v1 nodes"), rows("SELECT table_name, journal_table, schema_json->>'name' FROM \""
                + postgres.name() + "\".\"session_table\" WHERE session_id = '" + session + "' ORDER BY table_name"));
    }
}
