package io.tickstore.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.World;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract for the store in a world's tables, where reopening writes a snapshot of the world and the graphs beside
 * it and reads both back; and what only this store does: graphs loaded when they match, rebuilt when not.
 */
class EmbeddedVectorStoreTest extends VectorStoreContract {
    @TempDir
    Path temp;

    @Override
    VectorStore open(int dimension) {
        return VectorStores.embedded(memory.root(), dimension);
    }

    @Override
    VectorStore reopen(VectorStore store) {
        try {
            Path snapshot = save((EmbeddedVectorStore) store);
            int dimension = store.dimension();
            store.close();
            EmbeddedVectorStore reopened = load(snapshot, dimension);
            for (String collection : reopened.collections()) {
                assertEquals("loaded", reopened.graphOrigin(collection), collection);
            }
            return reopened;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a snapshot of the store's world and its graphs in {@code <snapshot>.graphs}; returns the snapshot. */
    private Path save(EmbeddedVectorStore store) throws IOException {
        Path snapshot = SnapshotWriter.write(store.world(), temp, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE)).dir();
        store.writeGraphs(graphs(snapshot));
        return snapshot;
    }

    private EmbeddedVectorStore load(Path snapshot, int dimension) throws IOException {
        World loaded = SnapshotReader.read(snapshot, memory.root());
        try {
            return new io.tickstore.vectors.internal.WorldVectorStore(loaded, true, dimension, HnswSettings.defaults(), graphs(snapshot));
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    private static Path graphs(Path snapshot) {
        return snapshot.resolveSibling(snapshot.getFileName() + ".graphs");
    }

    @Test
    void aGraphThatDoesNotMatchItsTableIsRebuiltSayingWhy() throws IOException {
        Chunks chunks = Chunks.clustered("c", 300, DIMENSION, 4, 30);
        Path snapshot;
        try (EmbeddedVectorStore store = VectorStores.embedded(memory.root(), DIMENSION)) {
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            store.addChunks("more", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            snapshot = save(store);
            store.addChunks("docs", List.of("late"), List.of("added after the graphs were written"), List.of(chunks.embeddings.get(0)), null);
            store.writeGraphs(temp.resolve("later"));
        }
        Files.copy(temp.resolve("later").resolve("docs.hnsw"), graphs(snapshot).resolve("docs.hnsw"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] bytes = Files.readAllBytes(graphs(snapshot).resolve("more.hnsw"));
        bytes[100] ^= 1;
        Files.write(graphs(snapshot).resolve("more.hnsw"), bytes);
        try (EmbeddedVectorStore store = load(snapshot, DIMENSION)) {
            assertEquals("rebuilt: " + graphs(snapshot).resolve("docs.hnsw") + " indexes 301 rows; table 'chunks_docs' has 300",
                    store.graphOrigin("docs"));
            assertEquals("rebuilt: " + graphs(snapshot).resolve("more.hnsw") + " fails its CRC32C: damaged or cut short", store.graphOrigin("more"));
            assertEquals(300, store.collectionCount("docs"));
            assertEquals("c7", store.querySimilar("docs", chunks.embeddings.get(7), 1, null, Set.of()).ids().get(0));
        }
        try (World loaded = SnapshotReader.read(snapshot, memory.root());
             EmbeddedVectorStore store = VectorStores.embedded(loaded, DIMENSION, new HnswSettings(8, 50, 40, 1), graphs(snapshot))) {
            assertEquals("rebuilt: " + graphs(snapshot).resolve("docs.hnsw") + " is a graph of dimension 16 built with m 16, beam width 100;"
                    + " this index has dimension 16, m 8, beam width 50", store.graphOrigin("docs"));
        }
    }

    @Test
    void theWorldKeepsItsTablesWhenTheStoreCloses() {
        try (World world = new World(memory.root())) {
            Chunks chunks = Chunks.clustered("c", 10, DIMENSION, 2, 31);
            try (VectorStore store = VectorStores.embedded(world, DIMENSION)) {
                store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            }
            assertEquals(10, world.table("chunks_docs").rowCount());
            float[] row = new float[DIMENSION];
            world.table("chunks_docs").getArray(world.table("chunks_docs").columnIndex("embedding"), 3, row);
            assertArrayEquals(chunks.embeddings.get(3), row);
        }
    }
}
