package io.tickstore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.SampleWorlds;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Tables seen through Arrow without copying, and written as Arrow IPC files that Arrow reads back unchanged. */
class ArrowExportTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    @Test
    void theViewSharesTheTablesMemoryForEveryFixedWidthType() {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 30)) {
            Table table = world.table(SampleWorlds.KINDS);
            try (ArrowView view = ArrowView.of(table, memory.root())) {
                VectorSchemaRoot root = view.root();
                assertEquals(30, root.getRowCount());
                assertEquals(table.entityIdAddress(), root.getVector(ArrowView.ENTITY_ID_FIELD).getDataBuffer().memoryAddress());
                for (int c = 0; c < table.schema().columnCount(); c++) {
                    FieldVector vector = root.getVector(table.schema().column(c).name());
                    if (table.columnType(c) != ColumnType.BOOL) {
                        assertEquals(table.columnAddress(c), vector.getDataBuffer().memoryAddress(),
                                table.columnType(c) + " is viewed in place");
                    }
                    assertVectorHolds(table, c, vector, 0);
                }
            }
        }
    }

    @Test
    void writesToTheTableAreVisibleThroughTheView() {
        try (World world = SampleWorlds.creatures(memory.root(), 7, 10, 0);
             ArrowView view = ArrowView.of(world.table(CreatureSimulation.TABLE), memory.root())) {
            Table table = world.table(CreatureSimulation.TABLE);
            table.setFloat(table.columnIndex("energy"), 4, 42.5f);
            assertEquals(42.5f, ((Float4Vector) view.root().getVector("energy")).get(4));
        }
    }

    @Test
    void aSliceViewsJustThoseRows() {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 50)) {
            Table table = world.table(SampleWorlds.KINDS);
            try (ArrowView view = ArrowView.of(table, memory.root(), 20, 15)) {
                assertEquals(15, view.root().getRowCount());
                for (int c = 0; c < table.schema().columnCount(); c++) {
                    assertVectorHolds(table, c, view.root().getVector(table.schema().column(c).name()), 20);
                }
            }
            assertThrows(IndexOutOfBoundsException.class, () -> ArrowView.of(table, memory.root(), 40, 11));
        }
    }

    @Test
    void aClosedViewRefusesUseAndClosingTwiceIsHarmless() {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 3)) {
            ArrowView view = ArrowView.of(world.table(SampleWorlds.KINDS), memory.root());
            view.close();
            view.close();
            assertThrows(IllegalStateException.class, view::root);
        }
    }

    @Test
    void anIpcFileReadsBackWithTheSameSchemaAndValues() throws IOException {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 100)) {
            Table table = world.table(SampleWorlds.KINDS);
            Path file = ArrowExport.writeIpcFile(table, temp.resolve("kinds.arrow"), memory.root(), 7, Map.of("note", "test"));
            int batches = 0;
            long row = 0;
            try (FileChannel channel = FileChannel.open(file);
                 ArrowFileReader reader = new ArrowFileReader(channel, memory.root())) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                assertEquals(SampleWorlds.KINDS, root.getSchema().getCustomMetadata().get("tickstore.table"));
                assertEquals("1", root.getSchema().getCustomMetadata().get("tickstore.schemaVersion"));
                assertEquals("test", root.getSchema().getCustomMetadata().get("note"));
                assertEquals(new ArrowType.Int(32, false), root.getSchema().findField("v_u32").getType());
                while (reader.loadNextBatch()) {
                    batches++;
                    BigIntVector ids = (BigIntVector) root.getVector(ArrowView.ENTITY_ID_FIELD);
                    for (int i = 0; i < root.getRowCount(); i++) {
                        assertEquals(table.entityId(row + i), ids.get(i));
                    }
                    for (int c = 0; c < table.schema().columnCount(); c++) {
                        assertVectorHolds(table, c, root.getVector(table.schema().column(c).name()), row);
                    }
                    row += root.getRowCount();
                }
            }
            assertEquals(100, row);
            assertEquals(15, batches);
        }
    }

    @Test
    void aWorldExportsOneFilePerTableWithTheTickInTheMetadata() throws IOException {
        try (World world = SampleWorlds.creatures(memory.root(), 7, 40, 3)) {
            SampleWorlds.addKinds(world, 5);
            List<Path> files = ArrowExport.writeIpcFile(world, temp.resolve("out"), memory.root());
            assertEquals(List.of(temp.resolve("out/creatures.arrow"), temp.resolve("out/kinds.arrow")), files);
            try (FileChannel channel = FileChannel.open(files.get(0));
                 ArrowFileReader reader = new ArrowFileReader(channel, memory.root())) {
                assertEquals("3", reader.getVectorSchemaRoot().getSchema().getCustomMetadata().get(ArrowExport.META_TICK));
                assertTrue(reader.loadNextBatch());
                assertEquals(world.table(CreatureSimulation.TABLE).rowCount(), reader.getVectorSchemaRoot().getRowCount());
            }
        }
    }

    @Test
    void anEmptyTableExportsAsASchemaWithoutRows() throws IOException {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 0)) {
            Path file = ArrowExport.writeIpcFile(world.table(SampleWorlds.KINDS), temp.resolve("empty.arrow"), memory.root());
            try (FileChannel channel = FileChannel.open(file);
                 ArrowFileReader reader = new ArrowFileReader(channel, memory.root())) {
                assertEquals(1 + SampleWorlds.KINDS_SCHEMA.columnCount(), reader.getVectorSchemaRoot().getSchema().getFields().size());
                assertEquals(0, reader.getRecordBlocks().size());
            }
        }
    }

    /** Every value of {@code vector} equals the table's column {@code c} from {@code fromRow} on, bit for bit. */
    private static void assertVectorHolds(Table table, int c, FieldVector vector, long fromRow) {
        ColumnType type = table.columnType(c);
        for (int i = 0; i < vector.getValueCount(); i++) {
            assertEquals(table.getBits(c, fromRow + i), bits(vector, type, i), type + " row " + (fromRow + i));
        }
    }

    private static long bits(FieldVector vector, ColumnType type, int i) {
        switch (type) {
            case I8: return ((TinyIntVector) vector).get(i);
            case U8: return ((UInt1Vector) vector).get(i) & 0xFFL;
            case I16: return ((SmallIntVector) vector).get(i);
            case U16: return ((UInt2Vector) vector).get(i);
            case I32: return ((IntVector) vector).get(i);
            case U32: return ((UInt4Vector) vector).get(i) & 0xFFFF_FFFFL;
            case I64: return ((BigIntVector) vector).get(i);
            case U64: return ((UInt8Vector) vector).get(i);
            case F32: return Float.floatToRawIntBits(((Float4Vector) vector).get(i)) & 0xFFFF_FFFFL;
            case F64: return Double.doubleToRawLongBits(((Float8Vector) vector).get(i));
            case BOOL: return ((BitVector) vector).get(i);
            default: throw new AssertionError(type);
        }
    }
}
