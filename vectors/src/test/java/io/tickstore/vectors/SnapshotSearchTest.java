package io.tickstore.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Exact search over a snapshot's mapped embedding column answers as the store that wrote it. */
class SnapshotSearchTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    @Test
    void theMappedColumnGivesTheStoresExactAnswerDistancesIncluded() throws Exception {
        try (World world = new World(memory.root()); VectorStore store = VectorStores.embedded(world, 40)) {
            Chunks chunks = Chunks.clustered("c", 700, 40, 6, 50);
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            store.deleteChunks("docs", List.of("c1", "c2", "c3"));
            Path snapshot = SnapshotWriter.write(world, temp, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE)).dir();
            Random random = new Random(51);
            for (int q = 0; q < 10; q++) {
                float[] query = q < 3 ? chunks.embeddings.get(q + 1) : Chunks.randomVector(random, 40);
                SimilarChunks stored = store.queryExact("docs", query, 8, null, Include.usual());
                SimilarChunks mapped = SnapshotSearch.exact(snapshot, "docs", query, 8);
                assertEquals(stored.ids(), mapped.ids());
                assertEquals(stored.documents(), mapped.documents());
                assertEquals(stored.metadata(), mapped.metadata());
                assertArrayEquals(stored.distances(), mapped.distances());
            }
            TickstoreException e = assertThrows(TickstoreException.class, () -> SnapshotSearch.exact(snapshot, "docs", new float[3], 1));
            assertEquals("collection 'docs' in " + snapshot + ": the query embedding has dimension 3, expected 40", e.getMessage());
        }
    }
}
