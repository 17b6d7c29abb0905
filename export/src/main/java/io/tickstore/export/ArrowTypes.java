package io.tickstore.export;

import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.columns.internal.OffHeap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** The mapping from Tickstore columns to Arrow fields, and the loading of table memory into Arrow vectors. */
final class ArrowTypes {
    static final String ENTITY_ID_FIELD = "_entity_id";
    static final String META_TABLE = "tickstore.table";
    static final String META_SCHEMA_VERSION = "tickstore.schemaVersion";

    private ArrowTypes() {
    }

    static ArrowType arrowType(ColumnType type) {
        switch (type) {
            case I8: return new ArrowType.Int(8, true);
            case U8: return new ArrowType.Int(8, false);
            case I16: return new ArrowType.Int(16, true);
            case U16: return new ArrowType.Int(16, false);
            case I32: return new ArrowType.Int(32, true);
            case U32: return new ArrowType.Int(32, false);
            case I64: return new ArrowType.Int(64, true);
            case U64: return new ArrowType.Int(64, false);
            case F32: return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case F64: return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case BOOL: return ArrowType.Bool.INSTANCE;
            default: throw new AssertionError(type);
        }
    }

    /** {@code _entity_id} (int64) then every column in schema order, none nullable; the table name and version as metadata. */
    static Schema arrowSchema(io.tickstore.columns.Schema schema, Map<String, String> extraMetadata) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(ENTITY_ID_FIELD, FieldType.notNullable(arrowType(ColumnType.I64)), null));
        for (int c = 0; c < schema.columnCount(); c++) {
            ColumnSpec column = schema.column(c);
            fields.add(column.layout().isScalar() ? new Field(column.name(), FieldType.notNullable(arrowType(column.type())), null)
                    : ArrowKinds.field(column, c));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(META_TABLE, schema.name());
        metadata.put(META_SCHEMA_VERSION, Integer.toString(schema.version()));
        metadata.putAll(extraMetadata);
        return new Schema(fields, metadata);
    }

    /**
     * Points {@code root}'s vectors at rows {@code [fromRow, fromRow + rows)} of {@code table}: fixed-width data
     * buffers wrap the table's memory, validity buffers (all set) and bool bit-packing come from
     * {@code allocator}. Buffers previously loaded into the root are released.
     */
    static void load(VectorSchemaRoot root, Table table, long fromRow, int rows, BufferAllocator allocator) {
        List<ArrowFieldNode> nodes = new ArrayList<>();
        List<ArrowBuf> buffers = new ArrayList<>();
        try {
            nodes.add(new ArrowFieldNode(rows, 0));
            buffers.add(allocator.getEmpty());
            buffers.add(wrap(allocator, table.entityIdAddress() + (fromRow << 3), (long) rows << 3));
            for (int c = 0; c < table.schema().columnCount(); c++) {
                ColumnType type = table.columnType(c);
                if (!table.columnLayout(c).isScalar()) {
                    ArrowKinds.load(table, c, fromRow, rows, allocator, nodes, buffers);
                    continue;
                }
                nodes.add(new ArrowFieldNode(rows, 0));
                buffers.add(allocator.getEmpty());
                if (type == ColumnType.BOOL) {
                    buffers.add(packBits(allocator, table.columnAddress(c) + fromRow, rows));
                } else {
                    buffers.add(wrap(allocator, table.columnAddress(c) + (fromRow << type.log2Width()),
                            (long) rows << type.log2Width()));
                }
            }
            try (ArrowRecordBatch batch = new ArrowRecordBatch(rows, nodes, buffers)) {
                new VectorLoader(root).load(batch);
            }
        } finally {
            for (ArrowBuf buffer : buffers) {
                buffer.close();
            }
        }
    }

    static ArrowBuf wrap(BufferAllocator allocator, long address, long bytes) {
        if (bytes == 0) {
            return allocator.getEmpty();
        }
        ArrowBuf buffer = allocator.wrapForeignAllocation(new TableMemory(address, bytes));
        buffer.writerIndex(bytes);
        return buffer;
    }

    /** Arrow's bool is one bit per value, Tickstore's one byte (as numpy's): this is the one conversion. */
    static ArrowBuf packBits(BufferAllocator allocator, long address, int rows) {
        long bytes = BitVectorHelper.getValidityBufferSize(rows);
        ArrowBuf bits = allocator.buffer(Math.max(bytes, 1));
        bits.setZero(0, bits.capacity());
        ByteBuffer values = OffHeap.view(address, rows);
        for (int row = 0; row < rows; row++) {
            if (values.get(row) != 0) {
                BitVectorHelper.setBit(bits, row);
            }
        }
        bits.writerIndex(bytes);
        return bits;
    }
}
