/**
 * Vector search beside the simulation's data: chunks of text with an embedding and JSON metadata, kept in named
 * collections, searched by cosine distance.
 *
 * <p>{@link io.tickstore.vectors.VectorStore} is the contract, four operations (add, query, delete, count) plus the
 * exact search that is the reference for recall; {@link io.tickstore.vectors.VectorStores} opens its two
 * implementations: one that keeps the chunks in a table of a Tickstore {@code World} (so a snapshot of the world holds
 * them, and numpy reads the embeddings as a 2-D array), and one that keeps them in PostgreSQL's
 * {@code document_chunk} table (so results join with the simulation's tables). Both search with the same HNSW
 * graph, built with Lucene's graph API over the off-heap embedding column; the implementation lives in
 * {@code internal}.
 */
package io.tickstore.vectors;
