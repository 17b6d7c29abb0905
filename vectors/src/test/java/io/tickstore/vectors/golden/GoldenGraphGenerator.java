package io.tickstore.vectors.golden;

import io.tickstore.columns.World;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.golden.GoldenSnapshotGenerator;
import io.tickstore.snapshot.golden.RepoRoot;
import io.tickstore.vectors.EmbeddedVectorStore;
import io.tickstore.vectors.VectorStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Writes {@code data/golden/vectors-v1}: a snapshot of a world holding one collection, {@code docs}, in its table
 * {@code chunks_docs}, and beside it {@code graphs/docs.hnsw}, graph file format version 1 (vectors/FORMAT.md), kept so
 * every later reader is tested against them ({@code GoldenGraphTest}).
 *
 * <p>The collection, every value spelled out here: {@value #CHUNKS} chunks of {@value #DIMENSION} floats
 * ({@link #embedding}: chunk i points along a direction that turns with i, so neighbours are chunks of nearby i),
 * metadata {@code {"i": i, "even": i % 2 == 0}}; chunks 3, 10 and 17 deleted and chunk 5 added again with a new
 * document and the embedding of chunk 30 (its old row stays, deleted). Graph built with the default settings one chunk
 * at a time, so it depends on the seed alone; snapshot written with the golden snapshots' fixed clock at tick 1.
 *
 * <pre>
 * java … io.tickstore.vectors.golden.GoldenGraphGenerator [output directory, default data/golden/vectors-v1]
 * </pre>
 */
public final class GoldenGraphGenerator {
    public static final int CHUNKS = 40;
    public static final int DIMENSION = 8;
    public static final String GOLDEN_DIR = "data/golden/vectors-v1";

    private GoldenGraphGenerator() {
    }

    /** Chunk i's embedding: a slowly turning direction, never all zeros. */
    public static float[] embedding(int i) {
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) Math.cos(i * 0.15 + d * 0.9) + (d == 0 ? 1.5f : 0);
        }
        return v;
    }

    /** Writes the golden snapshot and graph into {@code dir} ({@code snapshot/}, {@code graphs/}). */
    public static void write(Path dir, BufferAllocator allocator) throws IOException {
        try (World world = new World(allocator); EmbeddedVectorStore store = VectorStores.embedded(world, DIMENSION)) {
            world.setTick(1);
            for (int i = 0; i < CHUNKS; i++) {
                store.addChunks("docs", List.of("chunk-" + i), List.of("document " + i), List.of(embedding(i)),
                        List.of("{\"i\": " + i + ", \"even\": " + (i % 2 == 0) + "}"));
            }
            store.deleteChunks("docs", List.of("chunk-3", "chunk-10", "chunk-17"));
            store.addChunks("docs", List.of("chunk-5"), List.of("document 5, rewritten"), List.of(embedding(30)),
                    List.of("{\"i\": 5, \"even\": false, \"rewritten\": true}"));
            Files.createDirectories(dir);
            new SnapshotWriter(GoldenSnapshotGenerator.options()).writeAs(world, dir.resolve("snapshot"));
            store.writeGraphs(dir.resolve("graphs"));
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : RepoRoot.locate().resolve(GOLDEN_DIR);
        List<String> written = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            write(dir, allocator);
        }
        try (var files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> written.add(dir.relativize(f).toString()));
        }
        System.out.println("wrote " + dir + ": " + String.join(", ", written));
    }
}
