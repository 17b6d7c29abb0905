package io.tickstore.jmh.vectors;

import io.tickstore.vectors.VectorStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, clustered corpus of chunks: {@code clusters} centres drawn from a normal distribution, each chunk a
 * centre plus noise, so that a chunk's true nearest neighbours are few and recall is a real test (uniform random
 * vectors in 768 dimensions are all nearly equidistant, and any answer is nearly right). One chunk in ten has
 * {@code "tenth": true} in its metadata: the 10 percent filter. Generation draws two normals per logarithm
 * (Box-Muller), about a second for 100,000 x 768.
 */
final class SyntheticChunks {
    static final int CLUSTERS = 100;
    static final float NOISE = 0.35f;

    private final int dimension;
    private final long seed;
    private final float[][] centres;

    SyntheticChunks(int dimension, long seed) {
        this.dimension = dimension;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        centres = new float[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            centres[c] = normals(random, dimension, 1f);
        }
    }

    /** Adds chunks {@code 0 .. count-1} to the collection in batches of {@code batch}. */
    void addTo(VectorStore store, String collection, int count, int batch) {
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (int start = 0; start < count; start += batch) {
            int n = Math.min(batch, count - start);
            List<String> ids = new ArrayList<>(n);
            List<String> documents = new ArrayList<>(n);
            List<float[]> embeddings = new ArrayList<>(n);
            List<String> metadata = new ArrayList<>(n);
            for (int i = start; i < start + n; i++) {
                int cluster = random.nextInt(CLUSTERS);
                ids.add("chunk-" + i);
                documents.add("chunk " + i + " of cluster " + cluster);
                embeddings.add(near(random, centres[cluster]));
                metadata.add("{\"cluster\":" + cluster + ",\"tenth\":" + (i % 10 == 0) + "}");
            }
            store.addChunks(collection, ids, documents, embeddings, metadata);
        }
    }

    /** Queries drawn like chunks (a centre plus noise), from their own seed. */
    float[][] queries(int count) {
        SplittableRandom random = new SplittableRandom(seed + 2);
        float[][] queries = new float[count][];
        for (int q = 0; q < count; q++) {
            queries[q] = near(random, centres[random.nextInt(CLUSTERS)]);
        }
        return queries;
    }

    private float[] near(SplittableRandom random, float[] centre) {
        float[] noise = normals(random, dimension, NOISE);
        for (int i = 0; i < dimension; i++) {
            noise[i] += centre[i];
        }
        return noise;
    }

    private static float[] normals(SplittableRandom random, int n, float sigma) {
        float[] out = new float[n];
        for (int i = 0; i < n; i += 2) {
            double u = 1 - random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u)) * sigma;
            double t = 2 * Math.PI * random.nextDouble();
            out[i] = (float) (r * Math.cos(t));
            if (i + 1 < n) {
                out[i + 1] = (float) (r * Math.sin(t));
            }
        }
        return out;
    }
}
