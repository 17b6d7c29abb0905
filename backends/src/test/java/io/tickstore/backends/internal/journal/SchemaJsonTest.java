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
import io.tickstore.snapshot.manifest.SchemaCodec;
import java.util.List;
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
                .column("odder", ColumnType.F64, 3, DefaultValue.ofBits(ColumnType.F64, 0x7ff8_0000_0000_0042L), List.of("was"))
                .renamedColumn("alive", ColumnType.BOOL, 1, "live", "is_live")
                .build();
        assertEquals(schema, SchemaJson.decode(SchemaJson.encode(schema), "test"));
        assertEquals(TestWorlds.ALL_TYPES, SchemaJson.decode(SchemaJson.encode(TestWorlds.ALL_TYPES), "test"));
    }

    @Test
    void aSessionIsRecordedInTheFormAManifestHoldsItsSchemaIn() {
        Schema schema = CreatureSimulation.SCHEMA;
        assertEquals(SchemaCodec.toJson(schema), SchemaJson.encode(schema));
    }

    @Test
    void schemasRecordedWithBitsForEveryDefaultReadAsBefore() {
        // what a session recorded before the manifest's form was the journal's too
        String recorded = "{\"name\":\"t\",\"version\":1,\"columns\":["
                + "{\"name\":\"x\",\"type\":\"f32\",\"sinceVersion\":1,\"default\":\"-0.0\",\"defaultBits\":2147483648,\"formerNames\":[]},"
                + "{\"name\":\"n\",\"type\":\"i8\",\"sinceVersion\":1,\"default\":\"-3\",\"defaultBits\":-3,\"formerNames\":[\"m\"]}]}";
        Schema expected = Schema.builder("t", 1)
                .column("x", ColumnType.F32, 1, DefaultValue.ofFloat(ColumnType.F32, -0.0))
                .column("n", "i8", 1, "-3", List.of("m"))
                .build();
        assertEquals(expected, SchemaJson.decode(recorded, "test"));
    }

    @Test
    void unreadableTextIsACorruptJournalNamingWhere() {
        PersistenceException e = assertThrows(PersistenceException.class, () -> SchemaJson.decode("{\"name\": \"t\", \"columns\": []}", "table 't'"));
        assertEquals(Problem.CORRUPT_JOURNAL, e.problem());
        assertTrue(e.getMessage().startsWith("table 't': the recorded schema is unreadable"), e.getMessage());
    }
}
