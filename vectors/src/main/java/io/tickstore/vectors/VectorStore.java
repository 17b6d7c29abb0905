package io.tickstore.vectors;

import java.util.List;
import java.util.Set;

/**
 * Chunks of text with an embedding and JSON metadata, kept in named collections and searched by cosine distance.
 *
 * <h2>Collections</h2>
 * A collection is a namespace: the same id may live in two collections, and a query sees one collection. Its name is
 * an identifier ({@code [A-Za-z][A-Za-z0-9_]*}, at most {@value #MAX_COLLECTION_NAME} characters), because the
 * embedded store names a table after it. A collection exists once a chunk was added to it; querying, deleting from or
 * counting a collection that never had one is an empty result, not an error.
 *
 * <h2>Checks</h2>
 * Every call checks every embedding and query against the store's {@link #dimension()} and refuses a mismatch with
 * an {@link io.tickstore.columns.TickstoreException} ({@code INVALID_INPUT}) naming the collection, the expected and the
 * given dimension; an embedding must be finite and not all zeros (its cosine is undefined). Metadata and filters are
 * JSON objects. A refused batch writes nothing.
 *
 * <h2>Search</h2>
 * {@link #querySimilar} is approximate (an HNSW graph), {@link #queryExact} compares the query with every chunk and
 * is the reference that recall is measured against. A filter keeps the chunks whose metadata contains it, as
 * PostgreSQL's {@code jsonb @>} decides containment. A chunk deleted is never returned again, and
 * {@link #collectionCount} is exact at every moment.
 *
 * <p>A store is used by one thread at a time, or its callers synchronise.
 */
public interface VectorStore extends AutoCloseable {
    /** The longest collection name. */
    int MAX_COLLECTION_NAME = 48;

    /** How many floats every embedding holds. */
    int dimension();

    /**
     * Adds chunks to a collection: the four lists are parallel and of one length; {@code metadata} may be null (every
     * chunk then has {@code {}}). An id the collection holds already is replaced (document, embedding and metadata);
     * an id twice in one batch is refused.
     */
    void addChunks(String collection, List<String> ids, List<String> documents, List<float[]> embeddings,
                   List<String> metadata);

    /**
     * The {@code k} chunks nearest to {@code query} by cosine distance, nearest first, among those whose metadata
     * contains {@code where} (a JSON object; null or {@code {}} keeps every chunk), with the fields {@code include}
     * names (null: {@link Include#usual()}).
     */
    SimilarChunks querySimilar(String collection, float[] query, int k, String where, Set<Include> include);

    /** {@link #querySimilar} with every chunk's distance computed: slower, exact, the reference for recall. */
    SimilarChunks queryExact(String collection, float[] query, int k, String where, Set<Include> include);

    /** Deletes the chunks of these ids from the collection; ids it does not hold are ignored. Returns how many went. */
    int deleteChunks(String collection, List<String> ids);

    /** How many chunks the collection holds now. */
    long collectionCount(String collection);

    /** Releases what the store holds in memory; idempotent. Data the store keeps elsewhere stays. */
    @Override
    void close();
}
