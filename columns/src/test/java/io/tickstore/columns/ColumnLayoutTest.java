package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnLayoutTest {
    @Test
    void everyTextFormParsesBackToItself() {
        for (String text : List.of("f32", "u64", "bool", "f32[768]", "f64[3]", "f64[4,3]", "i16[2,2,2]", "bool[5]", "cat<u8>",
                "cat<u16>", "cat<u32>", "str", "json", "str[]")) {
            assertEquals(text, ColumnLayout.parse(text).toString());
        }
        assertSame(ColumnLayout.scalar(ColumnType.F32), ColumnLayout.parse("F32"), "scalar names keep their old case rule");
    }

    @Test
    void aLayoutSaysWhatARowTakes() {
        ColumnLayout tensor = ColumnLayout.parse("f64[4,3]");
        assertEquals(ColumnKind.ARRAY, tensor.kind());
        assertEquals(ColumnType.F64, tensor.type());
        assertArrayEquals(new int[] {4, 3}, tensor.shape());
        assertEquals(12, tensor.elements());
        assertEquals(96, tensor.fixedRowBytes());
        assertEquals(2, ColumnLayout.categorical(ColumnType.U16).fixedRowBytes());
        assertEquals(ColumnLayout.VALUE_REF_BYTES, ColumnLayout.JSON.fixedRowBytes());
        assertTrue(ColumnLayout.STRING_LIST.isVariableLength());
    }

    @Test
    void badTextSaysWhatIsWrong() {
        for (String text : List.of("f16", "f32[]x", "f32[0]", "f32[3,]", "f32[-1]", "cat<i8>", "cat<u64>", "cat", "string", "f32[1,2,3,4,5,6,7,8,9]",
                "u8[100000,100000]")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnLayout.parse(text), text);
            assertFalse(e.getMessage().isEmpty());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ColumnLayout.parse("f16")).getMessage().contains("f32[768]"));
    }

    @Test
    void onlyAWiderTypeOfTheSameKindAndShapeLoads() {
        assertTrue(ColumnLayout.parse("f32[3]").widensTo(ColumnLayout.parse("f64[3]")));
        assertFalse(ColumnLayout.parse("f32[3]").widensTo(ColumnLayout.parse("f32[4]")), "a shape change never loads");
        assertFalse(ColumnLayout.parse("f32[4,3]").widensTo(ColumnLayout.parse("f32[3,4]")));
        assertFalse(ColumnLayout.parse("f32[12]").widensTo(ColumnLayout.parse("f32[4,3]")));
        assertFalse(ColumnLayout.parse("f32").widensTo(ColumnLayout.parse("f32[1]")), "a kind change never loads");
        assertTrue(ColumnLayout.parse("cat<u8>").widensTo(ColumnLayout.parse("cat<u32>")));
        assertFalse(ColumnLayout.parse("cat<u16>").widensTo(ColumnLayout.parse("cat<u8>")));
        assertFalse(ColumnLayout.parse("u16").widensTo(ColumnLayout.parse("cat<u16>")));
        assertFalse(ColumnLayout.parse("str").widensTo(ColumnLayout.parse("json")));
        assertTrue(ColumnLayout.parse("json").widensTo(ColumnLayout.parse("json")));
    }

    @Test
    void schemasDeclareEveryKindWithItsDefaults() {
        Schema schema = Schema.builder("hexes", 1)
                .categorical("county_fips")
                .array("embedding", ColumnType.F32, 768)
                .column("position", ColumnLayout.array(ColumnType.F64, 3), 1, "NaN")
                .json("attributes")
                .stringList("org_ids")
                .column("terrain", ColumnLayout.categorical(ColumnType.U8), 1, "plain")
                .column("meta", ColumnLayout.JSON, 1, " { \"b\" : 1e2, \"a\" : \"x\" } ")
                .build();
        assertEquals("cat<u16>", schema.column("county_fips").layout().toString());
        assertEquals("", schema.column("county_fips").defaultText());
        assertEquals("null", schema.column("attributes").defaultText());
        assertEquals("[]", schema.column("org_ids").defaultText());
        assertEquals("plain", schema.column("terrain").defaultText());
        assertEquals("{\"a\":\"x\",\"b\":100}", schema.column("meta").defaultText(), "a json default is kept canonical");
        assertTrue(Double.isNaN(Double.longBitsToDouble(schema.column("position").defaultValue().bits())));
        assertEquals(2 + 768 * 4 + 24 + 16 + 16 + 1 + 16, schema.rowWidth());
        assertFalse(schema.isScalarOnly());
    }

    @Test
    void badDeclarationsAreListedTogether() {
        SchemaException e = assertThrows(SchemaException.class, () -> Schema.builder("t", 1)
                .column("a", "f32[0]", 1, null, List.of())
                .column("b", "json", 1, "{\"x\":", List.of())
                .column("c", "str[]", 1, "[1]", List.of())
                .column("d", "cat<u8>", 1, "nul\u0000", List.of())
                .column("e", "f64[2]", 1, "zero", List.of())
                .build());
        assertEquals(5, e.errors().size(), e.errors().toString());
    }
}
