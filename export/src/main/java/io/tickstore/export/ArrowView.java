package io.tickstore.export;

import io.tickstore.columns.Table;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * A zero-copy Arrow view of a {@link Table}: a {@link VectorSchemaRoot} whose vectors share the table's
 * off-heap buffers.
 *
 * <p>Columns: {@code _entity_id} (int64), then every table column in schema order, mapped to the Arrow
 * type of the same width and signedness ({@code Float4Vector}, {@code Float8Vector}, {@code IntVector},
 * {@code UInt4Vector}, {@code TinyIntVector}, {@code UInt1Vector}, {@code SmallIntVector},
 * {@code UInt2Vector}, {@code BigIntVector}, {@code UInt8Vector}), none nullable; an array column is a
 * {@code FixedSizeListVector} over the table's elements, a categorical column a dictionary-encoded vector of its codes
 * (the strings in {@link #dictionaries()}), a {@code str} or {@code json} column a {@code VarCharVector} and a
 * {@code str[]} column a {@code ListVector} of them (these three built from the table's values, a copy). Each data buffer is the
 * table's own memory, wrapped with {@code BufferAllocator.wrapForeignAllocation} and a
 * {@code ForeignAllocation} whose release does nothing (the table owns the memory); only the validity
 * buffers (all bits set) are allocated, from the given allocator. <b>{@code bool} is the exception</b>: Arrow
 * packs booleans one bit per value while Tickstore stores one byte per value (as numpy does), so a
 * {@code BitVector} is built, copying those columns.
 *
 * <h2>Lifetime</h2>
 * The view reads the table's memory directly: close the view before the table is closed, and do not add
 * rows (which may move the memory) while it is open. Values written into the table are visible through the
 * view and the other way round. Closing is idempotent; the allocator accounts the wrapped memory while the
 * view is open. An Arrow vector holds at most {@link Integer#MAX_VALUE} rows; bigger tables are viewed in
 * slices ({@link #of(Table, BufferAllocator, long, int)}). Not thread-safe.
 */
public final class ArrowView implements AutoCloseable {
    /** The name of the entity id column in every view and export. */
    public static final String ENTITY_ID_FIELD = ArrowTypes.ENTITY_ID_FIELD;

    private final VectorSchemaRoot root;
    private final ArrowKinds.Dictionaries dictionaries;
    private boolean closed;

    private ArrowView(VectorSchemaRoot root, ArrowKinds.Dictionaries dictionaries) {
        this.root = root;
        this.dictionaries = dictionaries;
    }

    /** A view of every live row. */
    public static ArrowView of(Table table, BufferAllocator allocator) {
        if (table.rowCount() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("table '" + table.name() + "' has " + table.rowCount()
                    + " rows, more than one Arrow vector holds; view it in slices");
        }
        return of(table, allocator, 0, (int) table.rowCount());
    }

    /** A view of rows {@code [fromRow, fromRow + rows)}. */
    public static ArrowView of(Table table, BufferAllocator allocator, long fromRow, int rows) {
        if (fromRow < 0 || rows < 0 || fromRow + rows > table.rowCount()) {
            throw new IndexOutOfBoundsException("rows [" + fromRow + ", " + (fromRow + rows) + ") outside [0, "
                    + table.rowCount() + ") of table '" + table.name() + "'");
        }
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowTypes.arrowSchema(table.schema(), Map.of()), allocator);
        ArrowKinds.Dictionaries dictionaries = null;
        try {
            ArrowTypes.load(root, table, fromRow, rows, allocator);
            dictionaries = ArrowKinds.dictionaries(table, allocator);
        } catch (RuntimeException | Error e) {
            root.close();
            throw e;
        }
        return new ArrowView(root, dictionaries);
    }

    /**
     * The dictionaries of the table's categorical columns (a copy of each column's strings, id = the column's
     * position): a categorical column's vector in {@link #root()} holds the codes, which
     * {@code dictionaries().lookup(id)} turns into strings, as {@code DictionaryEncoder.decode} does.
     */
    public DictionaryProvider dictionaries() {
        if (closed) {
            throw new IllegalStateException("Arrow view is closed");
        }
        return dictionaries.provider;
    }

    /** The Arrow root; valid until {@link #close()}. */
    public VectorSchemaRoot root() {
        if (closed) {
            throw new IllegalStateException("Arrow view is closed");
        }
        return root;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        root.close();
        dictionaries.close();
    }
}
