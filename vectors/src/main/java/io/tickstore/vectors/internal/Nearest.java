package io.tickstore.vectors.internal;

/**
 * The k nearest rows seen so far: a max-heap on distance over two primitive arrays, so offering a row allocates
 * nothing. {@link #sorted} empties it into ordinals and distances, nearest first (ties by ordinal).
 */
final class Nearest {
    private final int[] ordinals;
    private final float[] distances;
    private int size;

    Nearest(int k) {
        ordinals = new int[k];
        distances = new float[k];
    }

    /** Whether a row at this distance would enter: cheaper to ask than to offer. */
    boolean admits(float distance) {
        return size < ordinals.length || distance < distances[0];
    }

    /** The distance a row must be nearer than to enter: the farthest kept, once k are; until then +Infinity. */
    float entryDistance() {
        return size == 0 || size < ordinals.length ? Float.POSITIVE_INFINITY : distances[0];
    }

    void offer(int ordinal, float distance) {
        if (size < ordinals.length) {
            int i = size++;
            ordinals[i] = ordinal;
            distances[i] = distance;
            siftUp(i);
        } else if (distance < distances[0]) {
            ordinals[0] = ordinal;
            distances[0] = distance;
            siftDown(0);
        }
    }

    int size() {
        return size;
    }

    Hits sorted() {
        // the heap's top is the farthest (ties: the highest ordinal), so taking tops fills the answer from its end
        int n = size;
        int[] o = new int[n];
        float[] d = new float[n];
        for (int i = n - 1; i >= 0; i--) {
            o[i] = ordinals[0];
            d[i] = distances[0];
            size--;
            if (size > 0) {
                ordinals[0] = ordinals[size];
                distances[0] = distances[size];
                siftDown(0);
            }
        }
        return new Hits(o, d);
    }

    private boolean above(int a, int b) {
        return distances[a] > distances[b] || distances[a] == distances[b] && ordinals[a] > ordinals[b];
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!above(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int largest = left + 1 < size && above(left + 1, left) ? left + 1 : left;
            if (!above(largest, i)) {
                return;
            }
            swap(i, largest);
            i = largest;
        }
    }

    private void swap(int a, int b) {
        int o = ordinals[a];
        ordinals[a] = ordinals[b];
        ordinals[b] = o;
        float d = distances[a];
        distances[a] = distances[b];
        distances[b] = d;
    }

    /** Rows found, nearest first: ordinals and their cosine distances. */
    record Hits(int[] ordinals, float[] distances) {
        int size() {
            return ordinals.length;
        }
    }
}
