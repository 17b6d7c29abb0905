package io.tickstore.jmh.vectors;

import io.tickstore.columns.World;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.vectors.EmbeddedVectorStore;
import io.tickstore.vectors.HnswSettings;
import io.tickstore.vectors.VectorStores;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The benchmark corpus on disk: {@value #CHUNKS} synthetic chunks of {@value #DIMENSION} floats
 * ({@link SyntheticChunks}, seed {@value #SEED}) in a snapshot of a world, their graph beside it, and the time the
 * build took. Built once (minutes on two cores) by {@link VectorFigures}, then opened by every benchmark trial in about
 * a second: the snapshot is read and the graph file taken up after its checksum of the embeddings matched.
 */
final class VectorCorpus {
    static final int CHUNKS = 100_000;
    static final int DIMENSION = 768;
    static final long SEED = 42;
    static final String COLLECTION = "corpus";
    static final String TENTH = "{\"tenth\": true}";

    private VectorCorpus() {
    }

    static Path snapshot(Path dir) {
        return dir.resolve("snapshot");
    }

    static Path graphs(Path dir) {
        return dir.resolve("graphs");
    }

    static boolean exists(Path dir) {
        return Files.isDirectory(snapshot(dir)) && Files.isRegularFile(graphs(dir).resolve(COLLECTION + ".hnsw"))
                && Files.isRegularFile(dir.resolve("build.txt"));
    }

    /**
     * Builds the corpus into {@code dir} (which must not hold one) and records the build's wall and CPU seconds in
     * {@code build.txt}; returns that line.
     */
    static String build(Path dir, BufferAllocator allocator) throws IOException {
        SyntheticChunks corpus = new SyntheticChunks(DIMENSION, SEED);
        try (World world = new World(allocator); EmbeddedVectorStore store = VectorStores.embedded(world, DIMENSION)) {
            long cpu0 = processCpuNanos();
            long start = System.nanoTime();
            corpus.addTo(store, COLLECTION, CHUNKS, 20_000);
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            Files.createDirectories(dir);
            try (SnapshotWriter writer = new SnapshotWriter(WriteOptions.defaults().withDurability(Durability.PAGE_CACHE))) {
                writer.writeAs(world, snapshot(dir));
            }
            store.writeGraphs(graphs(dir));
            String line = String.format("build: %,d chunks of %d floats in %.1f s wall, %.1f s CPU on %d cores (%.0f us wall a chunk),"
                            + " m %d, beam width %d", CHUNKS, DIMENSION, wall, cpu, Runtime.getRuntime().availableProcessors(),
                    wall * 1e6 / CHUNKS, HnswSettings.defaults().maxConnections(), HnswSettings.defaults().beamWidth());
            Files.writeString(dir.resolve("build.txt"), line + "\n");
            return line;
        }
    }

    /** Opens the corpus: the world read from its snapshot, the graph taken up from its file. */
    static Opened open(Path dir, BufferAllocator allocator, HnswSettings settings) throws IOException {
        World world = SnapshotReader.read(snapshot(dir), allocator);
        try {
            EmbeddedVectorStore store = VectorStores.embedded(world, DIMENSION, settings, graphs(dir));
            return new Opened(world, store);
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
    }

    record Opened(World world, EmbeddedVectorStore store) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
            world.close();
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
