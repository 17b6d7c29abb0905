package io.tickstore.vectors;

import io.tickstore.columns.World;
import io.tickstore.vectors.internal.WorldVectorStore;
import io.tickstore.vectors.internal.PostgresVectorStore;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/** Opens the two {@link VectorStore}s. */
public final class VectorStores {
    private VectorStores() {
    }

    /**
     * A store whose collections are tables {@code chunks_<collection>} of {@code world}, which keeps owning them: a
     * snapshot of the world holds the chunks, and a world read back from one opens here with its collections (their
     * graphs are rebuilt). Closing the store leaves the world open.
     */
    public static EmbeddedVectorStore embedded(World world, int dimension) {
        return embedded(world, dimension, HnswSettings.defaults(), null);
    }

    /**
     * {@link #embedded(World, int)} whose graphs come from the files {@link EmbeddedVectorStore#writeGraphs} wrote in
     * {@code graphs} (null for none) when they match the world's tables, and are built otherwise.
     */
    public static EmbeddedVectorStore embedded(World world, int dimension, HnswSettings settings, Path graphs) {
        return new WorldVectorStore(world, false, dimension, settings, graphs);
    }

    /** A store with a world of its own, allocated from {@code allocator} and closed with the store. */
    public static EmbeddedVectorStore embedded(BufferAllocator allocator, int dimension) {
        return embedded(allocator, dimension, HnswSettings.defaults());
    }

    public static EmbeddedVectorStore embedded(BufferAllocator allocator, int dimension, HnswSettings settings) {
        return new WorldVectorStore(new World(allocator), true, dimension, settings, null);
    }

    /**
     * A store whose chunks are rows of {@code document_chunk} in the database schema {@code schema} of the PostgreSQL
     * server at {@code jdbcUrl}, created when missing. It reads the embeddings of every collection on open to build
     * their graphs, and is the only writer of the table while it is open.
     */
    public static VectorStore postgres(String jdbcUrl, String schema, BufferAllocator allocator, int dimension) {
        return postgres(jdbcUrl, schema, allocator, dimension, HnswSettings.defaults());
    }

    public static VectorStore postgres(String jdbcUrl, String schema, BufferAllocator allocator, int dimension, HnswSettings settings) {
        return PostgresVectorStore.open(jdbcUrl, schema, allocator, dimension, settings);
    }
}
