package io.tickstore.export;

import io.tickstore.columns.CategoryDictionary;
import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agrona.UnsafeApi;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The Arrow form of the columns other than scalars, and the loading of their rows into Arrow buffers:
 *
 * <ul>
 *   <li>an array column ({@code f32[768]}) is a {@code FixedSizeList<f32>[768]} (the product of its shape) whose child's
 *       data is the table's own memory; a shape of more dimensions also carries Arrow's canonical extension
 *       {@code arrow.fixed_shape_tensor} with its shape, so pyarrow reads it as a tensor of that shape;</li>
 *   <li>a categorical column ({@code cat<u16>}) is dictionary-encoded: its indices are the table's codes (the code type,
 *       unsigned, zero-copy) and its dictionary the column's strings, a {@code Utf8} vector, one per column (its id is the
 *       column's position);</li>
 *   <li>{@code str} and {@code json} are {@code Utf8} ({@code json} with the canonical extension {@code arrow.json}), and
 *       {@code str[]} is {@code List<Utf8>}: offsets and data are built for each batch, since the table keeps its
 *       values in any order.</li>
 * </ul>
 *
 * Every field also says its column's Tickstore type in its metadata ({@value #META_TYPE}), so a reader can tell a
 * {@code f32[12]} from a {@code f32[4,3]}.
 */
final class ArrowKinds {
    /** Field metadata: the column's type text ({@code f32[4,3]}, {@code cat<u16>}, {@code json}). */
    static final String META_TYPE = "tickstore.type";
    private static final String EXTENSION_NAME = "ARROW:extension:name";
    private static final String EXTENSION_METADATA = "ARROW:extension:metadata";

    private ArrowKinds() {
    }

    /** The field of a column of another kind than scalar; column {@code index} numbers a categorical column's dictionary. */
    static Field field(ColumnSpec column, int index) {
        ColumnLayout layout = column.layout();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(META_TYPE, layout.toString());
        switch (layout.kind()) {
            case ARRAY: {
                if (layout.dimensions() > 1) {
                    metadata.put(EXTENSION_NAME, "arrow.fixed_shape_tensor");
                    StringBuilder shape = new StringBuilder("{\"shape\":[");
                    for (int i = 0; i < layout.dimensions(); i++) {
                        shape.append(i == 0 ? "" : ",").append(layout.dimension(i));
                    }
                    metadata.put(EXTENSION_METADATA, shape.append("]}").toString());
                }
                Field item = new Field("item", FieldType.notNullable(ArrowTypes.arrowType(layout.type())), null);
                return new Field(column.name(), new FieldType(false, new ArrowType.FixedSizeList(layout.elements()), null, metadata),
                        List.of(item));
            }
            case CATEGORICAL: {
                ArrowType.Int indexType = new ArrowType.Int(8 * layout.type().byteWidth(), false);
                return new Field(column.name(), new FieldType(false, indexType, new DictionaryEncoding(index, false, indexType), metadata), null);
            }
            case STRING_LIST: {
                Field item = new Field("item", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null);
                return new Field(column.name(), new FieldType(false, ArrowType.List.INSTANCE, null, metadata), List.of(item));
            }
            default:
                if (layout.kind() == ColumnKind.JSON) {
                    metadata.put(EXTENSION_NAME, "arrow.json");
                    metadata.put(EXTENSION_METADATA, "");
                }
                return new Field(column.name(), new FieldType(false, ArrowType.Utf8.INSTANCE, null, metadata), null);
        }
    }

    /**
     * Appends the field nodes and buffers of rows {@code [fromRow, fromRow + rows)} of a column of another kind than
     * scalar, in the order Arrow's loader takes them (the field, then its children). Buffers built here are allocated
     * from {@code allocator}; the caller releases its references once they are loaded.
     */
    static void load(Table table, int column, long fromRow, int rows, BufferAllocator allocator, List<ArrowFieldNode> nodes,
                     List<ArrowBuf> buffers) {
        switch (table.columnKind(column)) {
            case ARRAY: {
                nodes.add(new ArrowFieldNode(rows, 0));
                buffers.add(allocator.getEmpty());
                long values = (long) rows * table.arrayLength(column);
                if (values > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("rows [" + fromRow + ", " + (fromRow + rows) + ") of column '"
                            + table.schema().column(column).name() + "' hold " + values + " elements, more than an Arrow vector holds");
                }
                nodes.add(new ArrowFieldNode(values, 0));
                buffers.add(allocator.getEmpty());
                long address = table.columnAddress(column) + fromRow * table.rowBytes(column);
                if (table.columnType(column) == ColumnType.BOOL) {
                    buffers.add(ArrowTypes.packBits(allocator, address, (int) values));
                } else {
                    buffers.add(ArrowTypes.wrap(allocator, address, (long) rows * table.rowBytes(column)));
                }
                break;
            }
            case CATEGORICAL:
                nodes.add(new ArrowFieldNode(rows, 0));
                buffers.add(allocator.getEmpty());
                buffers.add(ArrowTypes.wrap(allocator, table.columnAddress(column) + fromRow * table.rowBytes(column),
                        (long) rows * table.rowBytes(column)));
                break;
            case STRING_LIST:
                loadLists(table, column, fromRow, rows, allocator, nodes, buffers);
                break;
            default:
                loadText(table, column, fromRow, rows, allocator, nodes, buffers);
                break;
        }
    }

    /** {@code Utf8}: int32 offsets and the values' bytes, gathered in row order. */
    private static void loadText(Table table, int column, long fromRow, int rows, BufferAllocator allocator, List<ArrowFieldNode> nodes,
                                 List<ArrowBuf> buffers) {
        long total = 0;
        for (int r = 0; r < rows; r++) {
            total += table.valueLength(column, fromRow + r);
        }
        checkOffsets(table, column, fromRow, rows, total);
        ArrowBuf offsets = allocator.buffer((long) (rows + 1) * 4);
        ArrowBuf data = allocator.buffer(Math.max(total, 1));
        int at = 0;
        offsets.setInt(0, 0);
        for (int r = 0; r < rows; r++) {
            int length = table.valueLength(column, fromRow + r);
            UnsafeApi.copyMemory(table.valueAddress(column, fromRow + r), data.memoryAddress() + at, length);
            at += length;
            offsets.setInt((long) (r + 1) * 4, at);
        }
        offsets.writerIndex((long) (rows + 1) * 4);
        data.writerIndex(total);
        nodes.add(new ArrowFieldNode(rows, 0));
        buffers.add(allocator.getEmpty());
        buffers.add(offsets);
        buffers.add(data);
    }

    /** {@code List<Utf8>}: the list's offsets into its strings, the strings' offsets into their bytes, the bytes. */
    private static void loadLists(Table table, int column, long fromRow, int rows, BufferAllocator allocator, List<ArrowFieldNode> nodes,
                                  List<ArrowBuf> buffers) {
        long items = 0;
        long total = 0;
        for (int r = 0; r < rows; r++) {
            long address = table.valueAddress(column, fromRow + r);
            int length = table.valueLength(column, fromRow + r);
            for (int i = 0; i < length; i++) {
                if (UnsafeApi.getByte(address + i) == 0) {
                    items++;
                }
            }
            total += length;
        }
        checkOffsets(table, column, fromRow, rows, Math.max(items, total - items));
        ArrowBuf listOffsets = allocator.buffer((long) (rows + 1) * 4);
        ArrowBuf itemOffsets = allocator.buffer((items + 1) * 4);
        ArrowBuf data = allocator.buffer(Math.max(total - items, 1));
        int item = 0;
        int at = 0;
        listOffsets.setInt(0, 0);
        itemOffsets.setInt(0, 0);
        for (int r = 0; r < rows; r++) {
            long address = table.valueAddress(column, fromRow + r);
            int length = table.valueLength(column, fromRow + r);
            for (int i = 0; i < length; i++) {
                byte b = UnsafeApi.getByte(address + i);
                if (b == 0) {
                    item++;
                    itemOffsets.setInt((long) item * 4, at);
                } else {
                    data.setByte(at++, b);
                }
            }
            listOffsets.setInt((long) (r + 1) * 4, item);
        }
        listOffsets.writerIndex((long) (rows + 1) * 4);
        itemOffsets.writerIndex((items + 1) * 4);
        data.writerIndex(total - items);
        nodes.add(new ArrowFieldNode(rows, 0));
        buffers.add(allocator.getEmpty());
        buffers.add(listOffsets);
        nodes.add(new ArrowFieldNode(items, 0));
        buffers.add(allocator.getEmpty());
        buffers.add(itemOffsets);
        buffers.add(data);
    }

    private static void checkOffsets(Table table, int column, long fromRow, int rows, long largest) {
        if (largest > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rows [" + fromRow + ", " + (fromRow + rows) + ") of column '"
                    + table.schema().column(column).name() + "' hold " + largest + " bytes, more than Arrow's 32-bit offsets reach;"
                    + " export them in smaller batches");
        }
    }

    /** The dictionaries of a table's categorical columns, as Arrow vectors the returned provider owns. */
    static Dictionaries dictionaries(Table table, BufferAllocator allocator) {
        Dictionaries out = new Dictionaries();
        try {
            for (int c = 0; c < table.schema().columnCount(); c++) {
                if (table.columnKind(c) != ColumnKind.CATEGORICAL) {
                    continue;
                }
                CategoryDictionary dictionary = table.dictionary(c);
                VarCharVector vector = new VarCharVector(table.schema().column(c).name() + ".dictionary", allocator);
                out.vectors.add(vector);
                vector.allocateNew(dictionary.size());
                for (int code = 0; code < dictionary.size(); code++) {
                    vector.setSafe(code, dictionary.get(code).getBytes(StandardCharsets.UTF_8));
                }
                vector.setValueCount(dictionary.size());
                ArrowType.Int indexType = new ArrowType.Int(8 * table.columnType(c).byteWidth(), false);
                out.provider.put(new Dictionary(vector, new DictionaryEncoding(c, false, indexType)));
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    /** A table's dictionary vectors and the provider Arrow reads them from; closing frees the vectors. */
    static final class Dictionaries implements AutoCloseable {
        final DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
        final List<VarCharVector> vectors = new ArrayList<>();

        @Override
        public void close() {
            for (VarCharVector vector : vectors) {
                vector.close();
            }
            vectors.clear();
        }
    }
}
