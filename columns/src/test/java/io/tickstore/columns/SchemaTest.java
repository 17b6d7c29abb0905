package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {

    @Test
    void aValidSchemaKeepsItsColumnsInOrder() {
        Schema schema = Schema.builder("particles", 3)
                .column("x", ColumnType.F32)
                .column("charge", ColumnType.I8, 2)
                .column("mass", ColumnType.F64, 3, DefaultValue.ofFloat(ColumnType.F64, 1.0))
                .renamedColumn("alive", ColumnType.BOOL, 1, "live", "active")
                .build();
        assertEquals("particles", schema.name());
        assertEquals(3, schema.version());
        assertEquals(List.of("x", "charge", "mass", "alive"), schema.columnNames());
        assertEquals(4, schema.columnCount());
        assertEquals(1, schema.indexOf("charge"));
        assertEquals(-1, schema.indexOf("spin"));
        assertEquals(2, schema.column("charge").sinceVersion());
        assertEquals(Double.doubleToRawLongBits(1.0), schema.column("mass").defaultValue().bits());
        assertTrue(schema.column("x").defaultValue().isZero());
        assertEquals(List.of("live", "active"), schema.column("alive").formerNames());
        assertEquals(4 + 1 + 8 + 1, schema.rowWidth());
    }

    @Test
    void askingForAMissingColumnNamesTheSchemaAndItsColumns() {
        Schema schema = Schema.builder("t", 1).column("a", ColumnType.I32).column("b", ColumnType.I32).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schema.column("c"));
        assertTrue(e.getMessage().contains("'t'") && e.getMessage().contains("'c'") && e.getMessage().contains("a, b"), e.getMessage());
    }

    /** One throw carries every problem, so a user fixes a bad schema file in one pass, not one error at a time. */
    @Test
    void everyProblemIsReportedInOneException() {
        Schema.Builder builder = Schema.builder("world", 2)
                .column("pos", ColumnType.F32)
                .column("pos", ColumnType.F64)
                .column("2fast", ColumnType.I32)
                .column("mood", "f16", 1, null, List.of())
                .column("later", ColumnType.I32, 3)
                .column("early", ColumnType.I32, 0)
                .column("level", "u8", 1, "300", List.of())
                .column("speed", "f32", 1, null, List.of("velocity"))
                .column("velocity2", "f32", 1, null, List.of("velocity"))
                .column("heading", "f32", 1, null, List.of("pos"))
                .column("name", "i32", 1, null, List.of("name"));
        SchemaException e = assertThrows(SchemaException.class, builder::build);
        List<String> errors = e.errors();
        assertEquals(9, errors.size(), String.join("\n", errors));
        assertContains(errors, "column 1 'pos': duplicate column name");
        assertContains(errors, "column 2 '2fast': name is not a valid identifier");
        assertContains(errors, "column 3 'mood': unknown type 'f16'");
        assertContains(errors, "column 4 'later': sinceVersion 3 is outside 1..2");
        assertContains(errors, "column 5 'early': sinceVersion 0 is outside 1..2");
        assertContains(errors, "column 6 'level': default 300 does not fit u8");
        assertContains(errors, "column 8 'velocity2': former name 'velocity' is claimed by two columns");
        assertContains(errors, "former name 'pos' is also the name of a current column");
        assertContains(errors, "column 10 'name': former name equals the current name");
        for (String error : errors) {
            assertTrue(e.getMessage().contains(error), "the message lists '" + error + "'");
        }
        assertTrue(e.getMessage().startsWith("schema 'world' v2 is invalid: "), e.getMessage());
    }

    private static void assertContains(List<String> errors, String fragment) {
        assertTrue(errors.stream().anyMatch(error -> error.contains(fragment)),
                "expected an error containing \"" + fragment + "\" in:\n" + String.join("\n", errors));
    }

    @Test
    void schemaLevelProblemsAreReportedToo() {
        SchemaException e = assertThrows(SchemaException.class, () -> Schema.builder("bad name", 0).build());
        assertEquals(3, e.errors().size(), String.join("\n", e.errors()));
        assertContains(e.errors(), "table name 'bad name' is not a valid identifier");
        assertContains(e.errors(), "schema version 0 must be at least 1");
        assertContains(e.errors(), "a schema needs at least one column");
    }

    @Test
    void identifiersAreALetterThenUpTo62LettersDigitsOrUnderscores() {
        String longest = "a" + "b".repeat(62);
        Schema.builder(longest, 1).column("x_1", ColumnType.I8).build();
        assertThrows(SchemaException.class, () -> Schema.builder(longest + "c", 1).column("x", ColumnType.I8).build());
        assertThrows(SchemaException.class, () -> Schema.builder("t", 1).column("_x", ColumnType.I8).build());
        assertThrows(SchemaException.class, () -> Schema.builder("t", 1).column("x-y", ColumnType.I8).build());
        assertThrows(SchemaException.class, () -> Schema.builder("t", 1).column("", ColumnType.I8).build());
    }

    @Test
    void equalSchemasAreEqualAndAnyDifferenceMatters() {
        Schema a = Schema.builder("t", 2).column("x", ColumnType.I32).column("y", ColumnType.F32, 2).build();
        Schema same = Schema.builder("t", 2).column("x", ColumnType.I32).column("y", ColumnType.F32, 2).build();
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, Schema.builder("t", 3).column("x", ColumnType.I32).column("y", ColumnType.F32, 2).build());
        assertNotEquals(a, Schema.builder("t", 2).column("x", ColumnType.I32).column("y", ColumnType.F32, 1).build());
        assertNotEquals(a, Schema.builder("t", 2).column("x", ColumnType.I32).column("y", ColumnType.F64, 2).build());
        assertNotEquals(a, Schema.builder("t", 2).column("x", ColumnType.I32)
                .column("y", ColumnType.F32, 2, DefaultValue.ofFloat(ColumnType.F32, 1)).build());
    }

    @Test
    void aDefaultGivenAsAValueKeepsItsExactBits() {
        long payloadNan = 0x7FF8_0000_0000_1234L;
        Schema schema = Schema.builder("t", 1)
                .column("x", ColumnType.F64, 1, DefaultValue.ofBits(ColumnType.F64, payloadNan))
                .build();
        assertEquals(payloadNan, schema.column("x").defaultValue().bits());
    }

    @Test
    void aDefaultOfAnotherTypeIsReported() {
        SchemaException e = assertThrows(SchemaException.class, () -> Schema.builder("t", 1)
                .column("x", ColumnType.F64, 1, DefaultValue.ofInteger(ColumnType.I32, 5))
                .build());
        assertEquals(List.of("column 0 'x': default 5 is a i32 value, not f64"), e.errors());
    }
}
