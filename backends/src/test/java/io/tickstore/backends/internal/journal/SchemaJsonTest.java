package io.tickstore.backends.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.DefaultValue;
import io.tickstore.columns.Schema;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.examples.creatures.CreatureSimulation;
import org.junit.jupiter.api.Test;

/** A session records its schemas exactly, so hydrate builds tables with the schema they were persisted with. */
class SchemaJsonTest {
    @Test
    void theReferenceSchemaRoundTrips() {
        Schema schema = CreatureSimulation.SCHEMA;
        assertEquals(schema, SchemaJson.decode(SchemaJson.encode(schema), "test"));
    }

    @Test
    void defaultsVersionsAndFormerNamesRoundTrip() {
        Schema schema = Schema.builder("particles", 3)
                .column("x", ColumnType.F32)
                .column("mass", ColumnType.F64, 2, DefaultValue.ofFloat(ColumnType.F64, 1.25))
                .column("big", ColumnType.U64, 3, DefaultValue.parse(ColumnType.U64, "18446744073709551615"))
                .column("odd", ColumnType.F32, 3, DefaultValue.ofBits(ColumnType.F32, 0x7fc0_0123L))
                .renamedColumn("alive", ColumnType.BOOL, 1, "live", "is_live")
                .build();
        assertEquals(schema, SchemaJson.decode(SchemaJson.encode(schema), "test"));
        assertEquals(TestWorlds.ALL_TYPES, SchemaJson.decode(SchemaJson.encode(TestWorlds.ALL_TYPES), "test"));
    }

    @Test
    void unreadableTextIsACorruptJournalNamingWhere() {
        PersistenceException e = assertThrows(PersistenceException.class, () -> SchemaJson.decode("{\"name\": \"t\", \"columns\": []}", "table 't'"));
        assertEquals(Problem.CORRUPT_JOURNAL, e.problem());
        assertTrue(e.getMessage().startsWith("table 't': the recorded schema is unreadable"), e.getMessage());
    }
}
