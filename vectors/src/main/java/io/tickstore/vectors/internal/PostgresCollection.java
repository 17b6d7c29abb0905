package io.tickstore.vectors.internal;

import io.tickstore.columns.Table;
import io.tickstore.vectors.HnswSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory side of one PostgreSQL collection: ids and embeddings in an off-heap table
 * ({@link ChunkTable#idsAndEmbeddings}) and the graph over them. It follows the database: it changes only after the
 * transaction that changed {@code document_chunk} committed.
 */
final class PostgresCollection {
    private final Table table;
    private final int idColumn;
    private final int embeddingColumn;
    private final int deletedColumn;
    private final VectorIndex index;
    private final Map<String, Integer> rowById = new HashMap<>();

    PostgresCollection(Table table, HnswSettings settings) {
        this.table = table;
        this.idColumn = table.columnIndex(ChunkTable.ID);
        this.embeddingColumn = table.columnIndex(ChunkTable.EMBEDDING);
        this.deletedColumn = table.columnIndex(ChunkTable.DELETED);
        this.index = new VectorIndex(table, embeddingColumn, settings);
    }

    VectorIndex index() {
        return index;
    }

    Table table() {
        return table;
    }

    String id(int row) {
        return table.getString(idColumn, row);
    }

    float[] embedding(int row) {
        float[] embedding = new float[table.arrayLength(embeddingColumn)];
        table.getArray(embeddingColumn, row, embedding);
        return embedding;
    }

    /** The row of a live chunk, or -1. */
    int rowOf(String id) {
        Integer row = rowById.get(id);
        return row == null ? -1 : row;
    }

    /** Appends chunks without indexing them; {@link #indexNewRows} adds them to the graph. */
    void append(String id, float[] embedding) {
        Integer old = rowById.remove(id);
        if (old != null) {
            markDeleted(old);
        }
        long row = table.addRow();
        table.setString(idColumn, row, id);
        table.setArray(embeddingColumn, row, embedding);
        table.setBoolean(deletedColumn, row, false);
        rowById.put(id, Math.toIntExact(row));
    }

    void indexNewRows() {
        index.addRows(Math.toIntExact(table.rowCount()), row -> false);
    }

    void delete(List<String> ids) {
        for (String id : ids) {
            Integer row = rowById.remove(id);
            if (row != null) {
                markDeleted(row);
            }
        }
    }

    private void markDeleted(int row) {
        table.setBoolean(deletedColumn, row, true);
        index.delete(row);
    }
}
