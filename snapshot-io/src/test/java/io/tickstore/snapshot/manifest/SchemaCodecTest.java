package io.tickstore.snapshot.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.DefaultValue;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One JSON form of a schema, for manifests and journals alike, exact for every default. */
class SchemaCodecTest {
    /** A NaN whose payload the text "NaN" does not carry. */
    static final long ODD_NAN = 0x7fc0_0123L;

    static final Schema PARTICLES = Schema.builder("particles", 3)
            .column("x", ColumnType.F32)
            .column("mass", ColumnType.F64, 2, DefaultValue.ofFloat(ColumnType.F64, 1.25))
            .column("big", ColumnType.U64, 3, DefaultValue.parse(ColumnType.U64, "18446744073709551615"))
            .renamedColumn("alive", ColumnType.BOOL, 1, "live", "is_live")
            .build();

    static final Schema ODD = Schema.builder("odd", 2)
            .column("plain", ColumnType.F32)
            .column("payload", ColumnType.F32, 1, DefaultValue.ofBits(ColumnType.F32, ODD_NAN))
            .column("renamed", ColumnType.F32, 2, DefaultValue.ofBits(ColumnType.F32, ODD_NAN), List.of("old"))
            .build();

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    @Test
    void aSchemaIsWrittenInTheManifestsFormFieldsInOrder() {
        assertEquals("{\"name\":\"particles\",\"version\":3,\"columns\":["
                + "{\"name\":\"x\",\"type\":\"f32\",\"sinceVersion\":1,\"default\":\"0.0\",\"formerNames\":[]},"
                + "{\"name\":\"mass\",\"type\":\"f64\",\"sinceVersion\":2,\"default\":\"1.25\",\"formerNames\":[]},"
                + "{\"name\":\"big\",\"type\":\"u64\",\"sinceVersion\":3,\"default\":\"18446744073709551615\",\"formerNames\":[]},"
                + "{\"name\":\"alive\",\"type\":\"bool\",\"sinceVersion\":1,\"default\":\"false\",\"formerNames\":[\"live\",\"is_live\"]}]}",
                SchemaCodec.toJson(PARTICLES));
        assertEquals(PARTICLES, SchemaCodec.fromJson(SchemaCodec.toJson(PARTICLES), "", SchemaCodecTest::refuse));
    }

    @Test
    void aNanDefaultWhoseTextLosesItsPayloadCarriesItsBits() {
        JsonNode tree = SchemaCodec.toTree(ODD);
        assertFalse(tree.get("columns").get(0).has(SchemaCodec.DEFAULT_BITS), "a default its text carries has no bits");
        assertEquals(ODD_NAN, tree.get("columns").get(1).get(SchemaCodec.DEFAULT_BITS).longValue());
        assertEquals(ODD_NAN, tree.get("columns").get(2).get(SchemaCodec.DEFAULT_BITS).longValue());
        Schema back = SchemaCodec.fromTree(tree, "", SchemaCodecTest::refuse);
        assertEquals(ODD, back);
        assertEquals(ODD_NAN, back.column("renamed").defaultValue().bits());
        assertEquals(List.of("old"), back.column("renamed").formerNames());
    }

    @Test
    void aSnapshotKeepsANanDefaultsPayload() throws IOException {
        try (World world = new World(memory.root())) {
            Table table = world.createTable(ODD, 4);
            table.addRow();
            Path snapshot = SnapshotWriter.write(world, dir, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE)).dir();
            assertEquals(ODD, SnapshotReader.readManifest(snapshot).table("odd").schema());
            try (World loaded = SnapshotReader.read(snapshot, memory.root())) {
                assertEquals(ODD, loaded.table("odd").schema());
                assertEquals(ODD_NAN, loaded.table("odd").getBits(1, 0));
            }
        }
    }

    @Test
    void journalsThatRecordedBitsForEveryColumnReadTheSame() {
        // as the backends recorded a session's schemas before this codec: "defaultBits" after every "default"
        String recorded = "{\"name\":\"t\",\"version\":2,\"columns\":["
                + "{\"name\":\"x\",\"type\":\"f32\",\"sinceVersion\":1,\"default\":\"0.0\",\"defaultBits\":0,\"formerNames\":[]},"
                + "{\"name\":\"alive\",\"type\":\"bool\",\"sinceVersion\":1,\"default\":\"false\",\"defaultBits\":0,\"formerNames\":[\"live\"]},"
                + "{\"name\":\"m\",\"type\":\"f64\",\"sinceVersion\":2,\"default\":\"1.25\",\"defaultBits\":4608308318706860032,\"formerNames\":[]},"
                + "{\"name\":\"odd\",\"type\":\"f32\",\"sinceVersion\":2,\"default\":\"NaN\",\"defaultBits\":2143289635,\"formerNames\":[]}]}";
        Schema expected = Schema.builder("t", 2)
                .column("x", ColumnType.F32)
                .renamedColumn("alive", ColumnType.BOOL, 1, "live")
                .column("m", ColumnType.F64, 2, DefaultValue.ofFloat(ColumnType.F64, 1.25))
                .column("odd", ColumnType.F32, 2, DefaultValue.ofBits(ColumnType.F32, ODD_NAN))
                .build();
        assertEquals(expected, SchemaCodec.fromJson(recorded, "", SchemaCodecTest::refuse));
    }

    @Test
    void bitsThatAreNotTheDefaultTheTextSpellsAreRefusedNamingTheField() {
        String twoDefaults = "{\"name\":\"t\",\"version\":1,\"columns\":[{\"name\":\"x\",\"type\":\"f32\",\"sinceVersion\":1,"
                + "\"default\":\"1.5\",\"defaultBits\":0,\"formerNames\":[]}]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchemaCodec.fromJson(twoDefaults, "tables[0].schema", SchemaCodecTest::refuse));
        assertEquals("tables[0].schema.columns[0].defaultBits: is 0, which is not the f32 default \"1.5\"", e.getMessage());
        String textBits = twoDefaults.replace("\"defaultBits\":0", "\"defaultBits\":\"0\"");
        e = assertThrows(IllegalArgumentException.class, () -> SchemaCodec.fromJson(textBits, "", SchemaCodecTest::refuse));
        assertTrue(e.getMessage().startsWith("columns[0].defaultBits: must be a 64-bit integer"), e.getMessage());
    }

    @Test
    void aSchemaThatBreaksTheRulesIsRefusedWithEveryProblem() {
        String twice = "{\"name\":\"t\",\"version\":1,\"columns\":["
                + "{\"name\":\"x\",\"type\":\"f16\",\"sinceVersion\":1,\"default\":\"0\",\"formerNames\":[]},"
                + "{\"name\":\"x\",\"type\":\"u8\",\"sinceVersion\":1,\"default\":\"300\",\"formerNames\":[]}]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchemaCodec.fromJson(twice, "schema", SchemaCodecTest::refuse));
        assertTrue(e.getMessage().startsWith("schema: is not a valid schema: "), e.getMessage());
        assertTrue(e.getMessage().contains("unknown type 'f16'") && e.getMessage().contains("duplicate column name")
                && e.getMessage().contains("300"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SchemaCodec.fromJson("{\"name\": \"t\"}", "", SchemaCodecTest::refuse));
        assertEquals("version: is missing", e.getMessage());
    }

    private static RuntimeException refuse(String field, String what, Throwable cause) {
        return new IllegalArgumentException(field + ": " + what, cause);
    }
}
