package io.tickstore.vectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.vectors.HnswSettings;
import io.tickstore.vectors.Include;
import io.tickstore.vectors.SimilarChunks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The store whose chunks are rows of tables in a {@link World}, one table a collection ({@link ChunkTable}), so a
 * snapshot of the world holds them. Opening it on a world that has such tables (a world read from a snapshot) takes
 * them up and builds their graphs.
 */
public final class EmbeddedVectorStore extends CheckedVectorStore {
    private final World world;
    private final boolean ownsWorld;
    private final HnswSettings settings;
    private final Map<String, EmbeddedCollection> collections = new TreeMap<>();

    public EmbeddedVectorStore(World world, boolean ownsWorld, int dimension, HnswSettings settings) {
        super(dimension);
        this.world = world;
        this.ownsWorld = ownsWorld;
        this.settings = settings;
        for (Table table : world.tables()) {
            if (ChunkTable.isCollectionTable(table.name())) {
                ChunkTable.requireCollectionTable(table, dimension);
                collections.put(table.name().substring(ChunkTable.PREFIX.length()), new EmbeddedCollection(table, settings));
            }
        }
    }

    /** The world whose tables hold the chunks. */
    public World world() {
        ensureOpen();
        return world;
    }

    /** The collections, by name. */
    public List<String> collections() {
        return new ArrayList<>(collections.keySet());
    }

    @Override
    void add(String collection, List<String> ids, List<String> documents, List<float[]> embeddings, List<String> metadata) {
        EmbeddedCollection target = collections.get(collection);
        if (target == null) {
            Table table = world.createTable(ChunkTable.withText(collection, dimension()), ids.size());
            target = new EmbeddedCollection(table, settings);
            collections.put(collection, target);
        }
        target.add(ids, documents, embeddings, metadata);
    }

    @Override
    SimilarChunks query(String collection, float[] query, int k, JsonNode filter, Set<Include> include, boolean exact) {
        EmbeddedCollection target = collections.get(collection);
        return target == null ? null : target.query(query, k, filter, include, exact);
    }

    @Override
    int delete(String collection, List<String> ids) {
        EmbeddedCollection target = collections.get(collection);
        return target == null ? 0 : target.delete(ids);
    }

    @Override
    long count(String collection) {
        EmbeddedCollection target = collections.get(collection);
        return target == null ? 0 : target.count();
    }

    /** Heap bytes of a collection's graph, its norms and its live set (the vectors are the table's, off-heap). */
    public long graphBytes(String collection) {
        EmbeddedCollection target = collections.get(collection);
        return target == null ? 0 : target.index().graphBytes();
    }

    @Override
    void release() {
        collections.clear();
        if (ownsWorld) {
            world.close();
        }
    }

    @Override
    public String toString() {
        return "in a world of " + collections.size() + " collections";
    }
}
