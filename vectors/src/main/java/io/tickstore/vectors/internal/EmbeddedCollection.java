package io.tickstore.vectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstore.columns.Table;
import io.tickstore.vectors.HnswSettings;
import io.tickstore.vectors.Include;
import io.tickstore.vectors.SimilarChunks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.util.FixedBitSet;

/** One collection of the embedded store: its table, its graph, its ids and its metadata postings. */
final class EmbeddedCollection {
    private final Table table;
    private final int idColumn;
    private final int documentColumn;
    private final int metadataColumn;
    private final int embeddingColumn;
    private final int deletedColumn;
    private final VectorIndex index;
    private final MetadataPostings postings = new MetadataPostings();
    private final Map<String, Integer> rowById = new HashMap<>();

    private final String graphOrigin;

    /**
     * Takes up a collection's table as it is (new, or loaded from a snapshot) and indexes its rows: from
     * {@code graphFile} when it exists and matches the rows, else by building the graph.
     */
    EmbeddedCollection(Table table, HnswSettings settings, java.nio.file.Path graphFile) {
        this.table = table;
        this.idColumn = table.columnIndex(ChunkTable.ID);
        this.documentColumn = table.columnIndex(ChunkTable.DOCUMENT);
        this.metadataColumn = table.columnIndex(ChunkTable.METADATA);
        this.embeddingColumn = table.columnIndex(ChunkTable.EMBEDDING);
        this.deletedColumn = table.columnIndex(ChunkTable.DELETED);
        this.index = new VectorIndex(table, embeddingColumn, settings);
        int rows = Math.toIntExact(table.rowCount());
        for (int row = 0; row < rows; row++) {
            if (!table.getBoolean(deletedColumn, row)) {
                track(row);
            }
        }
        java.util.function.IntPredicate deleted = row -> table.getBoolean(deletedColumn, row);
        String notLoaded = "";
        if (graphFile != null && java.nio.file.Files.exists(graphFile)) {
            try {
                notLoaded = index.load(graphFile, deleted);
            } catch (java.io.IOException e) {
                notLoaded = graphFile + " could not be read: " + e;
            }
        }
        if (notLoaded == null) {
            graphOrigin = "loaded";
        } else {
            index.addRows(rows, deleted);
            graphOrigin = notLoaded.isEmpty() ? "built" : "rebuilt: " + notLoaded;
        }
    }

    String graphOrigin() {
        return graphOrigin;
    }

    Table table() {
        return table;
    }

    VectorIndex index() {
        return index;
    }

    long count() {
        return index.liveCount();
    }

    /** Appends the checked batch; an id held already has its row marked deleted first. */
    void add(List<String> ids, List<String> documents, List<float[]> embeddings, List<String> canonicalMetadata) {
        for (String id : ids) {
            Integer old = rowById.remove(id);
            if (old != null) {
                markDeleted(old);
            }
        }
        table.ensureCapacity(table.rowCount() + ids.size());
        for (int i = 0; i < ids.size(); i++) {
            long row = table.addRow();
            table.setString(idColumn, row, ids.get(i));
            table.setString(documentColumn, row, documents.get(i));
            table.setString(metadataColumn, row, canonicalMetadata.get(i));
            table.setArray(embeddingColumn, row, embeddings.get(i));
            table.setBoolean(deletedColumn, row, false);
            track(Math.toIntExact(row));
        }
        index.addRows(Math.toIntExact(table.rowCount()), row -> false);
    }

    int delete(List<String> ids) {
        int deleted = 0;
        for (String id : ids) {
            Integer row = id == null ? null : rowById.remove(id);
            if (row != null) {
                markDeleted(row);
                deleted++;
            }
        }
        return deleted;
    }

    SimilarChunks query(float[] query, int k, JsonNode where, Set<Include> include, boolean exact) {
        FixedBitSet accept = where == null ? null : postings.matching(MetadataPostings.filter(where), index.live(), index.indexed(),
                row -> JsonContainment.parseObject(table.getString(metadataColumn, row), "metadata of row " + row));
        return results(index.find(query, k, accept, exact), include);
    }

    private SimilarChunks results(Nearest.Hits hits, Set<Include> include) {
        List<String> ids = new ArrayList<>(hits.size());
        List<String> documents = new ArrayList<>();
        List<float[]> embeddings = new ArrayList<>();
        List<String> metadata = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            int row = hits.ordinals()[i];
            ids.add(table.getString(idColumn, row));
            if (include.contains(Include.DOCUMENTS)) {
                documents.add(table.getString(documentColumn, row));
            }
            if (include.contains(Include.METADATA)) {
                metadata.add(table.getString(metadataColumn, row));
            }
            if (include.contains(Include.EMBEDDINGS)) {
                float[] embedding = new float[table.arrayLength(embeddingColumn)];
                table.getArray(embeddingColumn, row, embedding);
                embeddings.add(embedding);
            }
        }
        return new SimilarChunks(ids, documents, embeddings, metadata, hits.distances(), include);
    }

    private void track(int row) {
        rowById.put(table.getString(idColumn, row), row);
        postings.add(row, JsonContainment.parseObject(table.getString(metadataColumn, row), "metadata of row " + row));
    }

    private void markDeleted(int row) {
        table.setBoolean(deletedColumn, row, true);
        index.delete(row);
    }
}
