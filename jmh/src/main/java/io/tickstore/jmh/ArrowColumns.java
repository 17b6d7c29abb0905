package io.tickstore.jmh;

import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.Table;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Copies a table's columns into Arrow vectors (f32 to {@code Float4Vector}, f64 to {@code Float8Vector}, u32 to
 * {@code UInt4Vector}), the in-memory form a user of Arrow IPC files would hold the world in.
 */
final class ArrowColumns {
    private ArrowColumns() {
    }

    /** A root of one vector per column, every row set; the caller closes it. */
    static VectorSchemaRoot of(Table table, BufferAllocator allocator) {
        int rows = Math.toIntExact(table.rowCount());
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (int c = 0; c < table.schema().columnCount(); c++) {
                vectors.add(copy(table, c, rows, allocator));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(rows);
        return root;
    }

    private static FieldVector copy(Table table, int column, int rows, BufferAllocator allocator) {
        ColumnSpec spec = table.schema().column(column);
        switch (spec.type()) {
            case F32: {
                Float4Vector v = new Float4Vector(spec.name(), allocator);
                v.allocateNew(rows);
                for (int row = 0; row < rows; row++) {
                    v.set(row, table.getFloat(column, row));
                }
                v.setValueCount(rows);
                return v;
            }
            case F64: {
                Float8Vector v = new Float8Vector(spec.name(), allocator);
                v.allocateNew(rows);
                for (int row = 0; row < rows; row++) {
                    v.set(row, table.getDouble(column, row));
                }
                v.setValueCount(rows);
                return v;
            }
            case U32: {
                UInt4Vector v = new UInt4Vector(spec.name(), allocator);
                v.allocateNew(rows);
                for (int row = 0; row < rows; row++) {
                    v.set(row, table.getInt(column, row));
                }
                v.setValueCount(rows);
                return v;
            }
            default:
                throw new IllegalArgumentException("column '" + spec.name() + "' of table '" + table.name() + "' is "
                        + spec.type() + "; the Arrow peer copies only f32, f64 and u32 columns");
        }
    }
}
