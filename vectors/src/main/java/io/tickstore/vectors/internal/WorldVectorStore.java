package io.tickstore.vectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.vectors.HnswSettings;
import io.tickstore.vectors.Include;
import io.tickstore.vectors.EmbeddedVectorStore;
import io.tickstore.vectors.SimilarChunks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
public final class WorldVectorStore extends CheckedVectorStore implements EmbeddedVectorStore {
    private final World world;
    private final boolean ownsWorld;
    private final HnswSettings settings;
    private final Map<String, EmbeddedCollection> collections = new TreeMap<>();

    /**
     * A store on the world's collection tables; their graphs come from {@code graphs/<collection>.hnsw} where such a
     * file matches the table ({@code graphs} may be null), else are built.
     */
    public WorldVectorStore(World world, boolean ownsWorld, int dimension, HnswSettings settings, Path graphs) {
        super(dimension);
        this.world = world;
        this.ownsWorld = ownsWorld;
        this.settings = settings;
        for (Table table : world.tables()) {
            if (ChunkTable.isCollectionTable(table.name())) {
                ChunkTable.requireCollectionTable(table, dimension);
                collections.put(table.name().substring(ChunkTable.PREFIX.length()), new EmbeddedCollection(table, settings,
                        graphs == null ? null : graphs.resolve(table.name().substring(ChunkTable.PREFIX.length()) + GraphFile.SUFFIX)));
            }
        }
    }

    @Override
    public World world() {
        ensureOpen();
        return world;
    }

    @Override
    public List<String> collections() {
        return new ArrayList<>(collections.keySet());
    }

    @Override
    void add(String collection, List<String> ids, List<String> documents, List<float[]> embeddings, List<String> metadata) {
        EmbeddedCollection target = collections.get(collection);
        if (target == null) {
            Table table = world.createTable(ChunkTable.withText(collection, dimension()), ids.size());
            target = new EmbeddedCollection(table, settings, null);
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

    @Override
    public void writeGraphs(Path dir) throws IOException {
        ensureOpen();
        Files.createDirectories(dir);
        for (Map.Entry<String, EmbeddedCollection> c : collections.entrySet()) {
            c.getValue().index().write(dir.resolve(c.getKey() + GraphFile.SUFFIX));
        }
    }

    @Override
    public String graphOrigin(String collection) {
        ensureOpen();
        EmbeddedCollection target = collections.get(collection);
        if (target == null) {
            throw new IllegalArgumentException("no collection '" + collection + "' (collections: " + collections.keySet() + ")");
        }
        return target.graphOrigin();
    }

    @Override
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
