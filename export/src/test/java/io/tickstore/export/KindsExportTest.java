package io.tickstore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ColumnValues;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.SampleWorlds;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Arrays as FixedSizeList, categorical columns as dictionary vectors, text and lists: in a view, an IPC file and CSV. */
class KindsExportTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    /** Checks that every row of every non-scalar column of {@code table} from {@code first} is what {@code root} holds. */
    private static void assertHolds(Table table, VectorSchemaRoot root, DictionaryProvider dictionaries, long first) {
        for (int c = 0; c < table.schema().columnCount(); c++) {
            String name = table.schema().column(c).name();
            FieldVector vector = root.getVector(name);
            ColumnKind kind = table.columnKind(c);
            for (int r = 0; r < root.getRowCount(); r++) {
                long row = first + r;
                String where = name + " row " + row;
                switch (kind) {
                    case ARRAY: {
                        FixedSizeListVector list = (FixedSizeListVector) vector;
                        assertEquals(table.arrayLength(c), ((ArrowType.FixedSizeList) list.getField().getType()).getListSize());
                        FieldVector items = (FieldVector) list.getDataVector();
                        for (int i = 0; i < table.arrayLength(c); i++) {
                            int at = r * table.arrayLength(c) + i;
                            long bits = items instanceof BitVector ? ((BitVector) items).get(at)
                                    : table.columnType(c).isFloat() ? rawFloatBits((BaseFixedWidthVector) items, at, table.columnType(c))
                                    : ((BaseIntVector) items).getValueAsLong(at);
                            assertEquals(table.getBits(c, row, i), mask(table.columnType(c), bits), where);
                        }
                        break;
                    }
                    case CATEGORICAL: {
                        long code = ((BaseIntVector) vector).getValueAsLong(r);
                        Dictionary dictionary = dictionaries.lookup(vector.getField().getDictionary().getId());
                        VarCharVector strings = (VarCharVector) dictionary.getVector();
                        assertEquals(table.getString(c, row), new String(strings.get((int) (code & 0xFFFF_FFFFL)), StandardCharsets.UTF_8), where);
                        break;
                    }
                    case STRING_LIST: {
                        List<?> items = ((ListVector) vector).getObject(r);
                        List<String> strings = new ArrayList<>();
                        items.forEach(item -> strings.add(item.toString()));
                        assertEquals(table.getStrings(c, row), strings, where);
                        break;
                    }
                    case STRING: case JSON:
                        assertEquals(table.getString(c, row), new String(((VarCharVector) vector).get(r), StandardCharsets.UTF_8), where);
                        break;
                    default:
                        break;
                }
            }
        }
    }

    private static long rawFloatBits(BaseFixedWidthVector items, int at, ColumnType type) {
        return type == ColumnType.F32 ? items.getDataBuffer().getInt((long) at * 4) & 0xFFFF_FFFFL : items.getDataBuffer().getLong((long) at * 8);
    }

    private static long mask(ColumnType type, long bits) {
        switch (type.byteWidth()) {
            case 1: return type == ColumnType.I8 ? (byte) bits : bits & 0xFF;
            case 2: return type == ColumnType.I16 ? (short) bits : bits & 0xFFFF;
            case 4: return type == ColumnType.I32 ? (int) bits : bits & 0xFFFF_FFFFL;
            default: return bits;
        }
    }

    @Test
    void aViewSharesArraysAndCodesAndHoldsEveryValue() {
        try (World world = SampleWorlds.allKindsWorld(memory.root(), 3, 40)) {
            Table table = world.table(SampleWorlds.ALL_KINDS);
            try (ArrowView view = ArrowView.of(table, memory.root())) {
                assertHolds(table, view.root(), view.dictionaries(), 0);
                int tensor = table.columnIndex("tensor");
                FixedSizeListVector list = (FixedSizeListVector) view.root().getVector("tensor");
                assertEquals(table.columnAddress(tensor), list.getDataVector().getDataBuffer().memoryAddress(), "elements viewed in place");
                Field field = list.getField();
                assertEquals("arrow.fixed_shape_tensor", field.getMetadata().get("ARROW:extension:name"));
                assertEquals("{\"shape\":[4,3]}", field.getMetadata().get("ARROW:extension:metadata"));
                int county = table.columnIndex("county");
                assertEquals(table.columnAddress(county), view.root().getVector("county").getDataBuffer().memoryAddress(), "codes in place");
            }
        }
    }

    @Test
    void anIpcFileHoldsDictionaryVectorsFixedSizeListsAndText() throws IOException {
        try (World world = SampleWorlds.allKindsWorld(memory.root(), 4, 70)) {
            Table table = world.table(SampleWorlds.ALL_KINDS);
            Path file = ArrowExport.writeIpcFile(table, temp.resolve("kinds.arrow"), memory.root(), 25, Map.of());
            try (FileChannel channel = FileChannel.open(file);
                 ArrowFileReader reader = new ArrowFileReader(channel, memory.root())) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                Field county = root.getSchema().findField("county");
                assertEquals(new ArrowType.Int(16, false), county.getDictionary().getIndexType());
                assertEquals("cat<u16>", county.getMetadata().get(ArrowKinds.META_TYPE));
                assertEquals("arrow.json", root.getSchema().findField("attributes").getMetadata().get("ARROW:extension:name"));
                long first = 0;
                int batches = 0;
                while (reader.loadNextBatch()) {
                    assertHolds(table, root, reader, first);
                    first += root.getRowCount();
                    batches++;
                }
                assertEquals(table.rowCount(), first);
                assertEquals(3, batches);
            }
        }
    }

    @Test
    void csvQuotesTheValuesThatNeedIt() throws IOException {
        try (World world = SampleWorlds.allKindsWorld(memory.root(), 5, 30)) {
            Table table = world.table(SampleWorlds.ALL_KINDS);
            Path csv = temp.resolve("kinds.csv");
            CsvExport.write(table, csv);
            String text = Files.readString(csv);
            int tensor = table.columnIndex("tensor");
            assertTrue(text.contains("\"" + ColumnValues.text(table, tensor, 0) + "\""), "an array has commas, so it is quoted");
            assertTrue(ColumnValues.text(table, tensor, 0).startsWith("[["), "a 4x3 row prints as nested rows");
            assertTrue(text.startsWith("_entity_id,n,a_i8,"), text.substring(0, 40));
        }
    }
}
