package io.tickstore.jmh.vectors;

import io.tickstore.vectors.HnswSettings;
import io.tickstore.vectors.VectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The figures of the vector search that are not latencies, printed: the corpus's build time (built now when the
 * directory given holds no corpus), recall@10 of the graph search against the exact search for 200 queries with and
 * without the 10 percent filter at several {@code ef_search}, and memory per chunk. {@link VectorSearchBenchmark}
 * measures the latencies; {@code jmh/vector-search.sh} runs both.
 *
 * <pre>
 * java … io.tickstore.jmh.vectors.VectorFigures jmh/target/vectors-corpus
 * </pre>
 */
public final class VectorFigures {
    static final int[] EF_SEARCH = {40, 64, 100, 200};

    private VectorFigures() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "jmh/target/vectors-corpus");
        try (BufferAllocator allocator = new RootAllocator()) {
            if (VectorCorpus.exists(dir)) {
                System.out.print(Files.readString(dir.resolve("build.txt")).replace("build:", "build (when the corpus was made):"));
            } else {
                System.out.println(VectorCorpus.build(dir, allocator));
            }
            float[][] queries = new SyntheticChunks(VectorCorpus.DIMENSION, VectorCorpus.SEED).queries(200);
            for (int ef : EF_SEARCH) {
                try (VectorCorpus.Opened corpus = VectorCorpus.open(dir, allocator, HnswSettings.defaults().withEfSearch(ef))) {
                    if (ef == EF_SEARCH[0]) {
                        System.out.println("graph " + corpus.store().graphOrigin(VectorCorpus.COLLECTION) + "; memory a chunk: "
                                + String.format("%.0f bytes off-heap (the table: embedding %d, id, document, metadata, flag), %.0f bytes on the heap (graph, norms, the exact search's heads copy)",
                                (double) allocator.getAllocatedMemory() / VectorCorpus.CHUNKS, VectorCorpus.DIMENSION * 4,
                                (double) corpus.store().graphBytes(VectorCorpus.COLLECTION) / VectorCorpus.CHUNKS));
                    }
                    System.out.printf("ef_search %3d: recall@10 %.4f without filter, %.4f with the 10%% filter%n", ef,
                            recall(corpus.store(), queries, null), recall(corpus.store(), queries, VectorCorpus.TENTH));
                }
            }
        }
    }

    static double recall(VectorStore store, float[][] queries, String where) {
        int found = 0;
        for (float[] q : queries) {
            Set<String> truth = new HashSet<>(store.queryExact(VectorCorpus.COLLECTION, q, 10, where, Set.of()).ids());
            List<String> ids = store.querySimilar(VectorCorpus.COLLECTION, q, 10, where, Set.of()).ids();
            for (String id : ids) {
                found += truth.contains(id) ? 1 : 0;
            }
        }
        return found / (10.0 * queries.length);
    }
}
