/**
 * Benchmarks of the vector store: one k = 10 query against 100,000 chunks of 768 floats.
 *
 * <p><b>Purpose.</b> Put numbers on the targets of the vector search (recall@10 at least 0.95 against the exact
 * search, p50 under 2 ms, exact search under 50 ms) beside a peer measured in the same run: the exact scan done the
 * ordinary way, over heap arrays on one thread. {@code VectorFigures} prints what is not a latency (build time, recall
 * at several ef_search, memory a chunk); {@code jmh/vector-search.sh} runs both.
 *
 * <p><b>Hot paths.</b> Each {@code @Benchmark} method is one query through the public API, the next of 200 seeded
 * queries each call; the corpus (a snapshot and its graph file) is built once into {@code jmh/target/vectors-corpus}
 * and opened in each trial's setup.
 *
 * <p><b>Threads.</b> One benchmark thread; the exact search splits its scan over the cores, the peer does not.
 *
 * <p><b>Errors.</b> A corpus whose graph file does not match its snapshot fails the trial's setup rather than measure a
 * graph rebuilt there; every trial closes its allocator, which throws on a leak.
 */
package io.tickstore.jmh.vectors;
