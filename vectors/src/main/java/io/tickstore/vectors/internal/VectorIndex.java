package io.tickstore.vectors.internal;

import io.tickstore.columns.Table;
import io.tickstore.vectors.HnswSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Nearest-neighbour search over the {@code f32[d]} column of a table whose rows are only ever appended: row i is
 * graph node i. Lucene builds and searches the HNSW graph; the vectors stay in the table's off-heap column and are
 * scored where they lie ({@link Cosine}), with each row's inverse norm kept here so a score is one dot product.
 *
 * <p>A deleted row stays a node of the graph, because other nodes reach their neighbours through it, but is never
 * accepted as a result: {@link #delete} takes effect on the next search. {@link #exact} compares the query with every
 * accepted row and is the reference for recall.
 */
public final class VectorIndex {
    private final Table table;
    private final int column;
    private final int dimension;
    private final long rowBytes;
    private final HnswSettings settings;
    private final HnswGraphBuilder builder;
    private float[] inverseNorms = new float[16];
    private FixedBitSet live = new FixedBitSet(16);
    private int liveCount;
    private int indexed;

    public VectorIndex(Table table, int column, HnswSettings settings) {
        this.table = table;
        this.column = column;
        this.dimension = table.arrayLength(column);
        this.rowBytes = table.rowBytes(column);
        this.settings = settings;
        try {
            this.builder = HnswGraphBuilder.create(new Scorers(), settings.maxConnections(), settings.beamWidth(), settings.seed());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows in the graph, deleted ones included. */
    public int indexed() {
        return indexed;
    }

    /** Rows in the graph that are not deleted. */
    public int liveCount() {
        return liveCount;
    }

    public boolean isLive(int ordinal) {
        return ordinal < indexed && live.get(ordinal);
    }

    /** The rows a search may return: live ones. Valid until the next add or delete; not to be changed. */
    public FixedBitSet live() {
        return live;
    }

    /**
     * Adds the table's rows from {@link #indexed()} up to {@code rows} to the graph; a row {@code deleted} says is
     * added as a node but not as a result, as a loaded table's deleted rows are. Every row's norm is checked by the
     * caller before it is written.
     */
    public void addRows(int rows, java.util.function.IntPredicate deleted) {
        if (rows > inverseNorms.length) {
            inverseNorms = java.util.Arrays.copyOf(inverseNorms, Math.max(rows, inverseNorms.length * 2));
            live = FixedBitSet.ensureCapacity(live, inverseNorms.length);
        }
        long base = table.columnAddress(column);
        for (int ordinal = indexed; ordinal < rows; ordinal++) {
            inverseNorms[ordinal] = (float) (1 / Cosine.norm(base + ordinal * rowBytes, dimension));
        }
        try {
            while (indexed < rows) {
                int ordinal = indexed;
                builder.addGraphNode(ordinal);
                indexed++;
                if (!deleted.test(ordinal)) {
                    live.set(ordinal);
                    liveCount++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops returning the row; returns whether it was live. */
    public boolean delete(int ordinal) {
        if (!isLive(ordinal)) {
            return false;
        }
        live.clear(ordinal);
        liveCount--;
        return true;
    }

    /**
     * The k nearest rows among {@code accept} (null: every live row), by {@link #exact} or by {@link #search}.
     */
    public Nearest.Hits find(float[] query, int k, FixedBitSet accept, boolean exact) {
        if (exact) {
            return exact(query, k, accept);
        }
        return search(query, k, accept, accept == null ? liveCount : accept.cardinality());
    }

    /**
     * The k nearest accepted rows, approximately. {@code accept} null means every live row; otherwise it says which of
     * them may be returned and {@code accepted} is how many it accepts. Few accepted rows are searched exactly, as
     * Lucene does: the graph would visit more nodes than there are rows to compare.
     */
    public Nearest.Hits search(float[] query, int k, Bits accept, int accepted) {
        Bits acceptOrds = accept == null ? live : accept;
        int candidates = accept == null ? liveCount : accepted;
        if (candidates == 0 || k == 0) {
            return new Nearest.Hits(new int[0], new float[0]);
        }
        float[] unit = Cosine.unit(query);
        int ef = Math.max(k, settings.efSearch());
        if (candidates <= ef) {
            return exactUnit(unit, k, acceptOrds);
        }
        KnnCollector collector = new TopKnnCollector(ef, accept == null ? Integer.MAX_VALUE : candidates);
        OnHeapHnswGraph graph = builder.getGraph();
        try {
            HnswGraphSearcher.search(new QueryScorer(unit), collector, graph, acceptOrds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (collector.earlyTerminated()) {
            // the filter is so selective that walking the graph costs more than comparing every accepted row
            return exactUnit(unit, k, acceptOrds);
        }
        ScoreDoc[] found = collector.topDocs().scoreDocs;
        Nearest nearest = new Nearest(k);
        long base = table.columnAddress(column);
        for (ScoreDoc doc : found) {
            nearest.offer(doc.doc, distance(unit, base, doc.doc));
        }
        return nearest.sorted();
    }

    /** The k nearest accepted rows, every one compared: {@code accept} null means every live row. */
    public Nearest.Hits exact(float[] query, int k, Bits accept) {
        if (k == 0 || indexed == 0) {
            return new Nearest.Hits(new int[0], new float[0]);
        }
        return exactUnit(Cosine.unit(query), k, accept == null ? live : accept);
    }

    private Nearest.Hits exactUnit(float[] unit, int k, Bits accept) {
        Nearest nearest = new Nearest(k);
        long base = table.columnAddress(column);
        float[] norms = inverseNorms;
        for (int ordinal = 0; ordinal < indexed; ordinal++) {
            if (accept.get(ordinal)) {
                float distance = 1 - Cosine.dot(unit, base + ordinal * rowBytes, dimension) * norms[ordinal];
                if (nearest.admits(distance)) {
                    nearest.offer(ordinal, distance);
                }
            }
        }
        return nearest.sorted();
    }

    private float distance(float[] unit, long base, int ordinal) {
        return 1 - Cosine.dot(unit, base + ordinal * rowBytes, dimension) * inverseNorms[ordinal];
    }

    /** Bytes the graph takes on the heap (the vectors are the table's). */
    public long graphBytes() {
        return builder.getGraph().ramBytesUsed() + (long) inverseNorms.length * 4 + live.ramBytesUsed();
    }

    /** Scores a query, given as a unit vector, against rows. */
    private final class QueryScorer implements RandomVectorScorer {
        private final float[] unit;
        private final long base = table.columnAddress(column);

        QueryScorer(float[] unit) {
            this.unit = unit;
        }

        @Override
        public float score(int node) {
            return Cosine.similarity(Cosine.dot(unit, base + node * rowBytes, dimension) * inverseNorms[node]);
        }

        @Override
        public int maxOrd() {
            return indexed;
        }
    }

    /** Scores rows against a row, as the graph builder asks; stateless, so a copy is itself. */
    private final class Scorers implements RandomVectorScorerSupplier {
        @Override
        public RandomVectorScorer scorer(int ordinal) {
            long base = table.columnAddress(column);
            long row = base + ordinal * rowBytes;
            float inverse = inverseNorms[ordinal];
            return new RandomVectorScorer() {
                @Override
                public float score(int node) {
                    return Cosine.similarity(Cosine.dot(row, base + node * rowBytes, dimension) * inverse * inverseNorms[node]);
                }

                @Override
                public int maxOrd() {
                    return Math.max(indexed + 1, ordinal + 1);
                }
            };
        }

        @Override
        public RandomVectorScorerSupplier copy() {
            return this;
        }
    }
}
