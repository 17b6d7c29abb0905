package io.tickstore.vectors.internal;

import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException;

/**
 * The rows of one collection in a Tickstore table named {@code chunks_<collection>}: {@code chunk_id str},
 * {@code document str}, {@code metadata json}, {@code embedding f32[d]} and {@code deleted bool}. Rows are only
 * appended, so a row's number is its node in the HNSW graph; a deleted or replaced chunk keeps its row with
 * {@code deleted} set. The PostgreSQL store keeps only the id, the embedding and the flag in memory
 * ({@link #idsAndEmbeddings}): its documents and metadata are the database's.
 */
public final class ChunkTable {
    public static final String PREFIX = "chunks_";
    static final String ID = "chunk_id";
    static final String DOCUMENT = "document";
    static final String METADATA = "metadata";
    static final String EMBEDDING = "embedding";
    static final String DELETED = "deleted";

    private ChunkTable() {
    }

    public static String tableName(String collection) {
        return PREFIX + collection;
    }

    /** The schema of an embedded collection's table. */
    public static Schema withText(String collection, int dimension) {
        return Schema.builder(tableName(collection), 1)
                .string(ID)
                .string(DOCUMENT)
                .json(METADATA)
                .array(EMBEDDING, ColumnType.F32, dimension)
                .column(DELETED, ColumnType.BOOL)
                .build();
    }

    /** The schema of the in-memory part of a PostgreSQL collection. */
    public static Schema idsAndEmbeddings(String collection, int dimension) {
        return Schema.builder(tableName(collection), 1)
                .string(ID)
                .array(EMBEDDING, ColumnType.F32, dimension)
                .column(DELETED, ColumnType.BOOL)
                .build();
    }

    /**
     * Checks that a table found in a world is a collection of this dimension; names the table and what differs.
     */
    public static void requireCollectionTable(Table table, int dimension) {
        Schema expected = withText(table.name().substring(PREFIX.length()), dimension);
        for (int c = 0; c < expected.columnCount(); c++) {
            String name = expected.column(c).name();
            int found = columnIndexOrMinusOne(table, name);
            ColumnLayout want = expected.column(c).layout();
            if (found < 0 || !table.columnLayout(found).equals(want)) {
                String had = found < 0 ? "no such column" : table.columnLayout(found).toString();
                throw new TickstoreException(TickstoreException.Problem.SCHEMA_MISMATCH, "table '" + table.name()
                        + "' is not a collection of " + dimension + "-float embeddings: column '" + name + "' should be "
                        + want + " (" + had + ")");
            }
        }
    }

    static int columnIndexOrMinusOne(Table table, String name) {
        for (int c = 0; c < table.schema().columnCount(); c++) {
            if (table.schema().column(c).name().equals(name)) {
                return c;
            }
        }
        return -1;
    }

    /** Whether a table name is that of a collection (the prefix, then a valid collection name). */
    public static boolean isCollectionTable(String tableName) {
        return tableName.startsWith(PREFIX) && Checks.isCollectionName(tableName.substring(PREFIX.length()));
    }
}
