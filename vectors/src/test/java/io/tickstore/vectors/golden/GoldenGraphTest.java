package io.tickstore.vectors.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.golden.RepoRoot;
import io.tickstore.vectors.EmbeddedVectorStore;
import io.tickstore.vectors.HnswSettings;
import io.tickstore.vectors.Include;
import io.tickstore.vectors.SimilarChunks;
import io.tickstore.vectors.VectorStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The graph file of format version 1 and the collection table it indexes, as an earlier version wrote them: read forever. */
class GoldenGraphTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    private static Path golden() {
        return RepoRoot.locate().resolve(GoldenGraphGenerator.GOLDEN_DIR);
    }

    @Test
    void theGoldenGraphLoadsAndFindsWhatItFoundWhenWritten() throws IOException {
        try (World world = SnapshotReader.read(golden().resolve("snapshot"), memory.root());
             EmbeddedVectorStore store = VectorStores.embedded(world, GoldenGraphGenerator.DIMENSION, HnswSettings.defaults(),
                     golden().resolve("graphs"))) {
            assertEquals("loaded", store.graphOrigin("docs"));
            assertEquals(37, store.collectionCount("docs"));
            assertEquals(41, world.table("chunks_docs").rowCount(), "deleted and replaced rows stay, flagged");
            SimilarChunks near12 = store.querySimilar("docs", GoldenGraphGenerator.embedding(12), 4, null, Include.all());
            assertEquals(List.of("chunk-12", "chunk-11", "chunk-13", "chunk-14"), near12.ids());
            assertEquals("{\"even\":true,\"i\":12}", near12.metadata().get(0));
            assertArrayEquals(GoldenGraphGenerator.embedding(12), near12.embeddings().get(0));
            SimilarChunks near30 = store.querySimilar("docs", GoldenGraphGenerator.embedding(30), 2, "{\"i\": 5}", Include.usual());
            assertEquals(List.of("chunk-5"), near30.ids());
            assertEquals(List.of("document 5, rewritten"), near30.documents());
            assertEquals(0, near30.distance(0), 1e-6);
            assertEquals(near12.ids(), store.queryExact("docs", GoldenGraphGenerator.embedding(12), 4, null, Set.of()).ids());
        }
    }

    @Test
    void theGeneratorStillWritesExactlyTheGoldenBytes() throws IOException {
        GoldenGraphGenerator.write(temp.resolve("out"), memory.root());
        List<Path> expected = files(golden());
        assertEquals(expected, files(temp.resolve("out")));
        for (Path file : expected) {
            assertArrayEquals(Files.readAllBytes(golden().resolve(file)), Files.readAllBytes(temp.resolve("out").resolve(file)), file.toString());
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
