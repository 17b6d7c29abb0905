package io.tickstore.vectors;

import io.tickstore.columns.World;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@link VectorStore} whose collections are tables of a {@link World} ({@code chunks_<collection>}: the chunk's
 * id, document, metadata as json, embedding as {@code f32[d]}, and a deleted flag), so a snapshot of the world holds
 * the chunks and numpy reads the embeddings as a 2-D array.
 *
 * <p>The HNSW graphs are not tables: {@link #writeGraphs} writes one file per collection into a directory beside
 * the snapshot (format in the module's FORMAT.md), and {@link VectorStores#embedded(World, int, HnswSettings, Path)}
 * takes them up again when they describe exactly the rows of the world it is given, and rebuilds them otherwise.
 */
public interface EmbeddedVectorStore extends VectorStore {
    /** The world whose tables hold the chunks. */
    World world();

    /** The collections, by name. */
    List<String> collections();

    /**
     * Writes the graph of every collection to {@code dir/<collection>.hnsw} (created, replaced atomically), with the
     * checksum of the embeddings it indexes.
     */
    void writeGraphs(Path dir) throws IOException;

    /**
     * How the collection's graph came to be: {@code "built"} (from the table, row by row as chunks were added, or all at
     * once on open), {@code "loaded"} (from a graph file that matched the table), or {@code "rebuilt: <why>"} when a
     * graph file was there but did not match.
     */
    String graphOrigin(String collection);

    /**
     * Heap bytes of a collection's index: the graph's edges, the rows' norms and tail shares, the live set, and the
     * exact search's copy of the first eighth of each row; the vectors themselves are the table's.
     */
    long graphBytes(String collection);
}
