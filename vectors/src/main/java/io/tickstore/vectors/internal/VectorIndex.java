package io.tickstore.vectors.internal;

import io.tickstore.columns.Table;
import io.tickstore.vectors.HnswSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
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
 * accepted row and is the reference for recall; it stops reading a row once the row is proven too far to enter the
 * answer ({@link AbandoningDot}), which changes its cost, never its answer.
 */
public final class VectorIndex {
    /** Fewer new rows than this are inserted by the calling thread alone; thread start-up would cost more. */
    static final int CONCURRENT_BUILD_ROWS = 10_000;
    /** Fewer rows than this are compared by the calling thread alone. */
    static final int PARALLEL_SCAN_ROWS = 16_384;
    /**
     * Threads an exact scan of many rows uses: system property {@value #SCAN_THREADS_PROP}, default 1. On the shared
     * two-core machine the benchmarks run on, two threads took twice as long as one (each half waits for a core busy
     * with other work, and the query waits for the later half); on an idle machine with memory bandwidth to spare, more
     * threads may pay.
     */
    public static final String SCAN_THREADS_PROP = "tickstore.vectors.scan.threads";
    private static final int SCAN_THREADS = Math.max(1, Integer.getInteger(SCAN_THREADS_PROP, 1));

    private final Table table;
    private final int column;
    private final int dimension;
    private final long rowBytes;
    private final HnswSettings settings;
    private final Scorers scorers = new Scorers();
    /** A growable graph, and the builder that inserts into it one node at a time. */
    private HnswGraphBuilder builder;
    private float[] inverseNorms = new float[16];
    /** Each row's tail shares for {@link AbandoningDot}, {@link AbandoningDot#CHECKPOINTS} a row. */
    private float[] tailShares = new float[16 * AbandoningDot.CHECKPOINTS];
    /**
     * A copy of each row's first {@link AbandoningDot#headLength} floats, one row after another: the exact scan reads
     * these 12 percent of the embeddings as one sequential stream and goes to the table only for the rest of a row it
     * has not given up on. Read from the table itself, a scan that gives up after an eighth of a row still pays for
     * the whole row, which the processor's prefetcher brings in anyway.
     */
    private final int headLength;
    private float[] heads;
    private FixedBitSet live = new FixedBitSet(16);
    private int liveCount;
    private int indexed;
    private long visitedTotal;
    private long searches;

    public VectorIndex(Table table, int column, HnswSettings settings) {
        this.table = table;
        this.column = column;
        this.dimension = table.arrayLength(column);
        this.rowBytes = table.rowBytes(column);
        this.settings = settings;
        this.headLength = AbandoningDot.headLength(dimension);
        this.heads = new float[16 * headLength];
        this.builder = growableBuilder();
    }

    private HnswGraphBuilder growableBuilder() {
        try {
            return HnswGraphBuilder.create(scorers, settings.maxConnections(), settings.beamWidth(), settings.seed());
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
        growTo(rows);
        long base = table.columnAddress(column);
        measureRows(base, indexed, rows);
        try {
            int workers = Runtime.getRuntime().availableProcessors();
            if (rows - indexed >= CONCURRENT_BUILD_ROWS && workers > 1) {
                addConcurrently(rows, workers);
            } else {
                for (int ordinal = indexed; ordinal < rows; ordinal++) {
                    builder.addGraphNode(ordinal);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (; indexed < rows; indexed++) {
            if (!deleted.test(indexed)) {
                live.set(indexed);
                liveCount++;
            }
        }
    }

    /**
     * Inserts many rows with one worker per core into the same graph (Lucene's concurrent merge builder, which locks
     * the neighbour lists it changes). That builder needs a graph sized up front, which cannot grow afterwards, so the
     * graph is copied into one of {@code rows} nodes, built, and copied back into a growable one (edges only: a few
     * milliseconds a hundred thousand rows, against seconds of building). The graph differs from run to run, as the
     * workers' order does; a graph built one row at a time depends on the seed alone.
     */
    private void addConcurrently(int rows, int workers) throws IOException {
        HnswGraphBuilder sizedBuilder = HnswGraphBuilder.create(scorers, settings.maxConnections(), settings.beamWidth(), settings.seed(), rows);
        OnHeapHnswGraph sized = sizedBuilder.getGraph();
        GraphCopy.copy(builder.getGraph(), indexed, sized);
        FixedBitSet done = new FixedBitSet(rows);
        if (indexed > 0) {
            done.set(0, indexed);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "hnsw-build");
            thread.setDaemon(true);
            return thread;
        });
        try {
            new HnswConcurrentMergeBuilder(new TaskExecutor(pool), workers, scorers, settings.maxConnections(), settings.beamWidth(),
                    sized, done).build(rows);
        } finally {
            pool.shutdown();
        }
        HnswGraphBuilder growable = growableBuilder();
        GraphCopy.copy(sized, rows, growable.getGraph());
        builder = growable;
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
     * them may be returned and {@code accepted} is how many it accepts.
     *
     * <p>A filtered search walks the graph until it has found {@code ef} accepted rows, so the fewer rows the filter
     * accepts, the more nodes it visits; comparing the accepted rows one by one, in order, costs about half a graph
     * visit each (sequential reads, no queue). So a filter accepting no more rows than an unfiltered search visits is
     * searched exactly, and a graph search that has visited half as many nodes as the filter accepts gives up for the
     * exact search, as Lucene's does: never much slower than exact, often much faster.
     */
    public Nearest.Hits search(float[] query, int k, Bits accept, int accepted) {
        Bits acceptOrds = accept == null ? live : accept;
        int candidates = accept == null ? liveCount : accepted;
        if (candidates == 0 || k == 0) {
            return new Nearest.Hits(new int[0], new float[0]);
        }
        float[] unit = Cosine.unit(query);
        int ef = Math.max(k, settings.efSearch());
        if (candidates <= ef || accept != null && candidates <= visitsWithoutFilter()) {
            return exactUnit(unit, k, acceptOrds);
        }
        KnnCollector collector = new TopKnnCollector(ef, accept == null ? Integer.MAX_VALUE : Math.max(ef, candidates / 2));
        try {
            HnswGraphSearcher.search(new QueryScorer(unit), collector, builder.getGraph(), acceptOrds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (collector.earlyTerminated()) {
            return exactUnit(unit, k, acceptOrds);
        }
        if (accept == null) {
            visitedTotal += collector.visitedCount();
            searches++;
        }
        ScoreDoc[] found = collector.topDocs().scoreDocs;
        Nearest nearest = new Nearest(k);
        long base = table.columnAddress(column);
        for (ScoreDoc doc : found) {
            nearest.offer(doc.doc, distance(unit, base, doc.doc));
        }
        return nearest.sorted();
    }

    /** Nodes an unfiltered search visits, on average so far; before the first, ef times the level-0 fan-out. */
    private long visitsWithoutFilter() {
        return searches == 0 ? (long) settings.efSearch() * 2 * settings.maxConnections() : visitedTotal / searches;
    }

    /** The k nearest accepted rows, every one compared: {@code accept} null means every live row. */
    public Nearest.Hits exact(float[] query, int k, Bits accept) {
        if (k == 0 || indexed == 0) {
            return new Nearest.Hits(new int[0], new float[0]);
        }
        return exactUnit(Cosine.unit(query), k, accept == null ? live : accept);
    }

    /**
     * Compares the query with every accepted row; a large table may be split in ranges over {@value #SCAN_THREADS_PROP}
     * threads, each kept by its own {@link Nearest}, merged at the end.
     */
    private Nearest.Hits exactUnit(float[] unit, int k, Bits accept) {
        int rows = indexed;
        return exactUnit(unit, k, accept, rows < PARALLEL_SCAN_ROWS ? 1 : Math.min(SCAN_THREADS, rows / PARALLEL_SCAN_ROWS));
    }

    /**
     * The exact scan split in {@code parts} ranges, the first on the calling thread. Each range gives up on rows
     * against its own k nearest, which only ever excludes rows that are not among the k nearest of the whole table,
     * and ties are broken by row number, so the answer is the same, to the bit, for any number of parts.
     */
    Nearest.Hits exactUnit(float[] unit, int k, Bits accept, int parts) {
        int rows = indexed;
        if (parts <= 1) {
            Nearest nearest = new Nearest(k);
            scan(unit, accept, 0, rows, nearest);
            return nearest.sorted();
        }
        Nearest[] partial = new Nearest[parts];
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] others = new CompletableFuture[parts - 1];
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) rows * p / parts);
            int to = (int) ((long) rows * (p + 1) / parts);
            Nearest nearest = partial[p] = new Nearest(k);
            if (p > 0) {
                others[p - 1] = CompletableFuture.runAsync(() -> scan(unit, accept, from, to, nearest), ForkJoinPool.commonPool());
            } else {
                scan(unit, accept, from, to, nearest);
            }
        }
        CompletableFuture.allOf(others).join();
        Nearest merged = new Nearest(k);
        for (Nearest nearest : partial) {
            Nearest.Hits hits = nearest.sorted();
            for (int i = 0; i < hits.size(); i++) {
                merged.offer(hits.ordinals()[i], hits.distances()[i]);
            }
        }
        return merged.sorted();
    }

    /**
     * Compares the accepted rows of {@code [from, to)} with the query, in order. A row's {@link AbandoningDot} stops
     * reading it once its cosine is proven too small to enter {@code nearest} (its distance is then +Infinity, never
     * admitted); any row it reads to the end gets {@link #distance}'s value to the bit.
     */
    private void scan(float[] unit, Bits accept, int from, int to, Nearest nearest) {
        long base = table.columnAddress(column);
        float[] norms = inverseNorms;
        float[] shares = tailShares;
        float[] rowHeads = heads;
        AbandoningDot dot = new AbandoningDot(unit);
        float slack = AbandoningDot.slack(dimension);
        for (int ordinal = from; ordinal < to; ordinal++) {
            if (accept.get(ordinal)) {
                // the cosine a row needs to be nearer than the farthest kept, less the slack; -Infinity until k are kept
                float floor = 1 - nearest.entryDistance() - slack;
                float distance = 1 - dot.dot(rowHeads, ordinal * headLength, base + ordinal * rowBytes, norms[ordinal], shares,
                        ordinal * AbandoningDot.CHECKPOINTS, floor) * norms[ordinal];
                if (nearest.admits(distance)) {
                    nearest.offer(ordinal, distance);
                }
            }
        }
    }

    private float distance(float[] unit, long base, int ordinal) {
        return 1 - Cosine.dot(unit, base + ordinal * rowBytes, dimension) * inverseNorms[ordinal];
    }

    /** Writes the graph to {@code file} ({@link GraphFile}) with the checksum of the rows it indexes. */
    public void write(java.nio.file.Path file) throws IOException {
        OnHeapHnswGraph graph = builder.getGraph();
        GraphFile.write(file, new GraphFile.Header(dimension, settings.maxConnections(), settings.beamWidth(), settings.seed(), indexed,
                graph.numLevels(), graph.entryNode(), vectorsCrc(indexed)), graph);
    }

    /**
     * Takes up the graph in {@code file} for the table's rows instead of building it, when the file is sound and
     * describes exactly these rows: the same dimension and graph settings, as many nodes as the table has rows, and
     * the same CRC32C of their embeddings. Returns null when it did, or why not (then nothing changed, and the caller
     * builds the graph). Only an index that holds no row yet can load.
     */
    public String load(java.nio.file.Path file, java.util.function.IntPredicate deleted) throws IOException {
        if (indexed != 0) {
            throw new IllegalStateException("a graph is loaded into an empty index only");
        }
        GraphFile.Contents contents;
        try {
            contents = GraphFile.read(file);
        } catch (GraphFile.BadGraphFile e) {
            return e.getMessage();
        }
        GraphFile.Header header = contents.header();
        long rows = table.rowCount();
        if (header.dimension() != dimension || header.maxConnections() != settings.maxConnections() || header.beamWidth() != settings.beamWidth()) {
            return file + " is a graph of dimension " + header.dimension() + " built with m " + header.maxConnections() + ", beam width "
                    + header.beamWidth() + "; this index has dimension " + dimension + ", m " + settings.maxConnections() + ", beam width "
                    + settings.beamWidth();
        }
        if (header.nodes() != rows) {
            return file + " indexes " + header.nodes() + " rows; table '" + table.name() + "' has " + rows;
        }
        int crc = vectorsCrc(header.nodes());
        if (crc != header.vectorsCrc()) {
            return file + " indexes other embeddings than table '" + table.name() + "' holds (CRC32C " + Integer.toHexString(header.vectorsCrc())
                    + ", table " + Integer.toHexString(crc) + ")";
        }
        HnswGraphBuilder loaded = growableBuilder();
        GraphFile.fill(contents, loaded.getGraph());
        builder = loaded;
        int nodes = header.nodes();
        growTo(nodes);
        long base = table.columnAddress(column);
        measureRows(base, 0, nodes);
        for (; indexed < nodes; indexed++) {
            if (!deleted.test(indexed)) {
                live.set(indexed);
                liveCount++;
            }
        }
        return null;
    }

    /** The CRC32C of the first {@code rows} rows of the embedding column, as stored (little-endian f32). */
    private int vectorsCrc(int rows) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        long bytes = rows * rowBytes;
        for (long at = 0; at < bytes; at += 1 << 30) {
            crc.update(table.columnView(column, at, (int) Math.min(1 << 30, bytes - at)));
        }
        return (int) crc.getValue();
    }

    /** Each row's inverse norm, and its tail shares for the exact scan. */
    private void measureRows(long base, int from, int to) {
        for (int ordinal = from; ordinal < to; ordinal++) {
            long row = base + ordinal * rowBytes;
            inverseNorms[ordinal] = (float) (1 / Cosine.norm(row, dimension));
            AbandoningDot.tailShares(row, dimension, tailShares, ordinal * AbandoningDot.CHECKPOINTS);
            for (int i = 0; i < headLength; i++) {
                heads[ordinal * headLength + i] = org.agrona.UnsafeApi.getFloat(row + ((long) i << 2));
            }
        }
    }

    private void growTo(int rows) {
        if (rows > inverseNorms.length) {
            inverseNorms = java.util.Arrays.copyOf(inverseNorms, Math.max(rows, inverseNorms.length * 2));
            tailShares = java.util.Arrays.copyOf(tailShares, inverseNorms.length * AbandoningDot.CHECKPOINTS);
            heads = java.util.Arrays.copyOf(heads, inverseNorms.length * headLength);
            live = FixedBitSet.ensureCapacity(live, inverseNorms.length);
        }
    }

    /** Bytes the index takes on the heap: graph, norms, tail shares, heads and live set (the vectors are the table's). */
    public long graphBytes() {
        return builder.getGraph().ramBytesUsed() + (long) inverseNorms.length * 4 + (long) tailShares.length * 4 + (long) heads.length * 4
                + live.ramBytesUsed();
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
                    return table.rowCount() > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) table.rowCount();
                }
            };
        }

        @Override
        public RandomVectorScorerSupplier copy() {
            return this;
        }
    }
}
