package io.tickstore.jmh.vectors;

import io.tickstore.vectors.EmbeddedVectorStore;
import io.tickstore.vectors.HnswSettings;
import io.tickstore.vectors.Include;
import io.tickstore.vectors.VectorStore;
import io.tickstore.vectors.VectorStores;
import java.util.HashSet;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** Build time, recall@10 and memory per vector of the embedded store, printed; JMH measures the latencies. */
public final class VectorFigures {
    private VectorFigures() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dimension = args.length > 1 ? Integer.parseInt(args[1]) : 768;
        SyntheticChunks corpus = new SyntheticChunks(dimension, 42);
        try (BufferAllocator allocator = new RootAllocator();
             EmbeddedVectorStore store = VectorStores.embedded(allocator, dimension, HnswSettings.defaults())) {
            long start = System.nanoTime();
            corpus.addTo(store, "corpus", count, 10_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("build: %d chunks of %d floats in %.1f s (%.0f us a chunk)%n", count, dimension, seconds, seconds * 1e6 / count);
            float[][] queries = corpus.queries(200);
            for (String where : new String[] {null, "{\"tenth\": true}"}) {
                int hits = 0;
                long exactNanos = 0;
                long approximateNanos = 0;
                for (float[] q : queries) {
                    long t0 = System.nanoTime();
                    Set<String> truth = new HashSet<>(store.queryExact("corpus", q, 10, where, Set.of()).ids());
                    long t1 = System.nanoTime();
                    for (String id : store.querySimilar("corpus", q, 10, where, Set.of(Include.DISTANCES)).ids()) {
                        hits += truth.contains(id) ? 1 : 0;
                    }
                    approximateNanos += System.nanoTime() - t1;
                    exactNanos += t1 - t0;
                }
                System.out.printf("filter %s: recall@10 %.4f, mean exact %.2f ms, mean approximate %.3f ms%n", where,
                        hits / (10.0 * queries.length), exactNanos / 1e6 / queries.length, approximateNanos / 1e6 / queries.length);
            }
            System.out.printf("memory: off-heap %.0f bytes a chunk, graph %.0f bytes a chunk%n",
                    (double) allocator.getAllocatedMemory() / count,
                    (double) store.graphBytes("corpus") / count);
        }
    }
}
