package io.tickstore.jmh.vectors;

import io.tickstore.columns.Table;
import io.tickstore.vectors.HnswSettings;
import io.tickstore.vectors.Include;
import io.tickstore.vectors.SimilarChunks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.lucene.util.VectorUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One query of k = 10 against the 100,000 x 768 corpus ({@link VectorCorpus}, built by {@link VectorFigures}), sampled
 * so JMH reports p50 and p99: the graph search at two {@code ef_search} and the exact search, each without and with the
 * filter keeping one chunk in ten; and the peer of the exact search, the same scan done the ordinary way: one thread,
 * the embeddings in heap arrays, Lucene's own dot product. Each call takes the next of 200 queries. The first trial
 * builds the corpus when {@code corpus} holds none (minutes).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx4g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class VectorSearchBenchmark {
    private static final Set<Include> DISTANCES = EnumSet.of(Include.DISTANCES);

    /** The corpus opened with the default settings, and the queries. */
    @State(Scope.Benchmark)
    public static class Corpus {
        /** Where {@link VectorFigures} built the corpus. */
        @Param("jmh/target/vectors-corpus")
        public String corpus;

        BufferAllocator allocator;
        VectorCorpus.Opened opened;
        float[][] queries;
        int next;

        @Setup(Level.Trial)
        public void open() throws IOException {
            open(HnswSettings.defaults());
        }

        void open(HnswSettings settings) throws IOException {
            allocator = new RootAllocator();
            if (!VectorCorpus.exists(Path.of(corpus))) {
                // a run of every benchmark reaches here without vector-search.sh: the first trial builds the corpus once
                System.out.println(VectorCorpus.build(Path.of(corpus), allocator));
            }
            opened = VectorCorpus.open(Path.of(corpus), allocator, settings);
            if (!opened.store().graphOrigin(VectorCorpus.COLLECTION).equals("loaded")) {
                throw new IllegalStateException("the corpus's graph was not taken up: " + opened.store().graphOrigin(VectorCorpus.COLLECTION));
            }
            queries = new SyntheticChunks(VectorCorpus.DIMENSION, VectorCorpus.SEED).queries(200);
        }

        float[] nextQuery() {
            float[] q = queries[next];
            next = next + 1 == queries.length ? 0 : next + 1;
            return q;
        }

        @TearDown(Level.Trial)
        public void close() {
            opened.close();
            allocator.close();
        }
    }

    /** The corpus searched with {@code ef_search} candidates. */
    @State(Scope.Benchmark)
    public static class Graph extends Corpus {
        @Param({"64", "100"})
        public int efSearch;

        @Override
        @Setup(Level.Trial)
        public void open() throws IOException {
            open(HnswSettings.defaults().withEfSearch(efSearch));
        }
    }

    /** The corpus's embeddings also in heap arrays, with their inverse norms: the peer's data. */
    @State(Scope.Benchmark)
    public static class HeapRows extends Corpus {
        float[][] rows;
        float[] inverseNorms;

        @Override
        @Setup(Level.Trial)
        public void open() throws IOException {
            super.open();
            Table table = opened.world().table("chunks_" + VectorCorpus.COLLECTION);
            int embedding = table.columnIndex("embedding");
            rows = new float[(int) table.rowCount()][VectorCorpus.DIMENSION];
            inverseNorms = new float[rows.length];
            for (int row = 0; row < rows.length; row++) {
                table.getArray(embedding, row, rows[row]);
                inverseNorms[row] = (float) (1 / Math.sqrt(VectorUtil.dotProduct(rows[row], rows[row])));
            }
        }
    }

    @Benchmark
    public SimilarChunks graph(Graph corpus) {
        return corpus.opened.store().querySimilar(VectorCorpus.COLLECTION, corpus.nextQuery(), 10, null, DISTANCES);
    }

    @Benchmark
    public SimilarChunks graphTenthFilter(Graph corpus) {
        return corpus.opened.store().querySimilar(VectorCorpus.COLLECTION, corpus.nextQuery(), 10, VectorCorpus.TENTH, DISTANCES);
    }

    @Benchmark
    public SimilarChunks exact(Corpus corpus) {
        return corpus.opened.store().queryExact(VectorCorpus.COLLECTION, corpus.nextQuery(), 10, null, DISTANCES);
    }

    @Benchmark
    public SimilarChunks exactTenthFilter(Corpus corpus) {
        return corpus.opened.store().queryExact(VectorCorpus.COLLECTION, corpus.nextQuery(), 10, VectorCorpus.TENTH, DISTANCES);
    }

    /** The exact search's peer: the ten smallest cosine distances over heap arrays, one thread. */
    @Benchmark
    public int[] exactPeerHeapArrays(HeapRows corpus) {
        float[] q = corpus.nextQuery();
        float qInverse = (float) (1 / Math.sqrt(VectorUtil.dotProduct(q, q)));
        float[][] rows = corpus.rows;
        float[] inverseNorms = corpus.inverseNorms;
        int[] best = new int[10];
        float[] bestDistance = new float[10];
        java.util.Arrays.fill(bestDistance, Float.MAX_VALUE);
        for (int row = 0; row < rows.length; row++) {
            float distance = 1 - VectorUtil.dotProduct(q, rows[row]) * qInverse * inverseNorms[row];
            if (distance < bestDistance[9]) {
                int i = 9;
                while (i > 0 && bestDistance[i - 1] > distance) {
                    bestDistance[i] = bestDistance[i - 1];
                    best[i] = best[i - 1];
                    i--;
                }
                bestDistance[i] = distance;
                best[i] = row;
            }
        }
        return best;
    }
}
