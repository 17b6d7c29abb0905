package io.tickstore.vectors;

/**
 * The shape of the HNSW graph both stores search: {@code maxConnections} neighbours a node keeps (Lucene's and
 * pgvector's {@code m}, 16), {@code beamWidth} candidates considered while inserting ({@code ef_construction}, 100),
 * {@code efSearch} candidates kept while searching (pgvector's {@code hnsw.ef_search}, at least k), and the seed of the
 * level draws, so one input builds one graph.
 */
public record HnswSettings(int maxConnections, int beamWidth, int efSearch, long seed) {
    public HnswSettings {
        if (maxConnections < 2 || maxConnections > 512) {
            throw new IllegalArgumentException("maxConnections " + maxConnections + " is outside [2, 512]");
        }
        if (beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("beamWidth " + beamWidth + " is outside [1, 3200]");
        }
        if (efSearch < 1) {
            throw new IllegalArgumentException("efSearch " + efSearch + " is below 1");
        }
    }

    /** m = 16, ef_construction = 100, ef_search = 100: the defaults of Lucene and of pgvector (whose ef_search is 40). */
    public static HnswSettings defaults() {
        return new HnswSettings(16, 100, 100, 42);
    }

    public HnswSettings withEfSearch(int ef) {
        return new HnswSettings(maxConnections, beamWidth, ef, seed);
    }
}
