package io.tickstore.vectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic chunks for the tests: embeddings around a few cluster centres, so nearest neighbours mean something. */
final class Chunks {
    final List<String> ids = new ArrayList<>();
    final List<String> documents = new ArrayList<>();
    final List<float[]> embeddings = new ArrayList<>();
    final List<String> metadata = new ArrayList<>();

    static Chunks clustered(String prefix, int count, int dimension, int clusters, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[clusters][dimension];
        for (float[] centre : centres) {
            for (int i = 0; i < dimension; i++) {
                centre[i] = (float) random.nextGaussian();
            }
        }
        Chunks chunks = new Chunks();
        for (int n = 0; n < count; n++) {
            int cluster = random.nextInt(clusters);
            float[] v = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                v[i] = centres[cluster][i] + 0.6f * (float) random.nextGaussian();
            }
            chunks.ids.add(prefix + n);
            chunks.documents.add("document " + n + " of cluster " + cluster);
            chunks.embeddings.add(v);
            chunks.metadata.add("{\"cluster\": " + cluster + ", \"tenth\": " + (n % 10 == 0) + ", \"n\": " + n + "}");
        }
        return chunks;
    }

    static float[] randomVector(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** The cosine distance the contract promises, computed in double. */
    static double cosineDistance(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return 1 - dot / Math.sqrt(na * nb);
    }
}
