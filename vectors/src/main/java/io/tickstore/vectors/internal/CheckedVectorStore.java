package io.tickstore.vectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstore.vectors.Include;
import io.tickstore.vectors.SimilarChunks;
import io.tickstore.vectors.VectorStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What both stores do before they touch their data: the contract's checks, in one place so that both refuse the same
 * input with the same words, and the closed state. A subclass sees only checked calls.
 */
abstract class CheckedVectorStore implements VectorStore {
    private final int dimension;
    private boolean closed;

    CheckedVectorStore(int dimension) {
        Checks.dimension(dimension);
        this.dimension = dimension;
    }

    @Override
    public final int dimension() {
        return dimension;
    }

    @Override
    public final void addChunks(String collection, List<String> ids, List<String> documents, List<float[]> embeddings,
                                List<String> metadata) {
        ensureOpen();
        Checks.batch(collection, dimension, ids, documents, embeddings, metadata);
        List<String> canonical = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            canonical.add(Checks.metadata(collection, ids.get(i), metadata == null ? null : metadata.get(i)));
        }
        if (!ids.isEmpty()) {
            add(collection, ids, documents, embeddings, canonical);
        }
    }

    @Override
    public final SimilarChunks querySimilar(String collection, float[] query, int k, String where, Set<Include> include) {
        return checkedQuery(collection, query, k, where, include, false);
    }

    @Override
    public final SimilarChunks queryExact(String collection, float[] query, int k, String where, Set<Include> include) {
        return checkedQuery(collection, query, k, where, include, true);
    }

    private SimilarChunks checkedQuery(String collection, float[] query, int k, String where, Set<Include> include, boolean exact) {
        ensureOpen();
        Checks.query(collection, dimension, query, k);
        JsonNode filter = Checks.where(collection, where);
        Set<Include> fields = include == null ? Include.usual() : include;
        SimilarChunks found = query(collection, query, k, filter, fields, exact);
        return found != null ? found : new SimilarChunks(List.of(), List.of(), List.of(), List.of(), new float[0], fields);
    }

    @Override
    public final int deleteChunks(String collection, List<String> ids) {
        ensureOpen();
        Checks.collection(collection);
        if (ids == null) {
            throw Checks.invalid("collection '" + collection + "': the ids to delete are null");
        }
        return ids.isEmpty() ? 0 : delete(collection, ids);
    }

    @Override
    public final long collectionCount(String collection) {
        ensureOpen();
        Checks.collection(collection);
        return count(collection);
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Adds a checked, non-empty batch whose metadata is canonical JSON. */
    abstract void add(String collection, List<String> ids, List<String> documents, List<float[]> embeddings, List<String> metadata);

    /** The nearest chunks, or null when the collection does not exist; {@code filter} is null for none. */
    abstract SimilarChunks query(String collection, float[] query, int k, JsonNode filter, Set<Include> include, boolean exact);

    abstract int delete(String collection, List<String> ids);

    abstract long count(String collection);

    /** Releases what the store holds; called once. */
    abstract void release();

    final void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the vector store " + this + " is closed");
        }
    }
}
