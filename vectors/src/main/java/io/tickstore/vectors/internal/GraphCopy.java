package io.tickstore.vectors.internal;

import java.io.IOException;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * Copies the first nodes of one Lucene graph into another, edges and their scores, so a graph can move between
 * Lucene's two kinds: growable (one builder thread, any number of later inserts) and sized up front (what its
 * concurrent builder needs, and which cannot take a node beyond its size).
 */
final class GraphCopy {
    private GraphCopy() {
    }

    /** The level each of the first {@code nodes} nodes reaches (0 for most). */
    static int[] topLevels(OnHeapHnswGraph graph, int nodes) throws IOException {
        int[] top = new int[nodes];
        for (int level = 1; level < graph.numLevels(); level++) {
            HnswGraph.NodesIterator it = graph.getNodesOnLevel(level);
            while (it.hasNext()) {
                int node = it.nextInt();
                if (node < nodes) {
                    top[node] = level;
                }
            }
        }
        return top;
    }

    /** Copies nodes {@code 0 .. nodes-1} of {@code from} into the empty graph {@code to}. */
    static void copy(OnHeapHnswGraph from, int nodes, OnHeapHnswGraph to) throws IOException {
        if (nodes == 0) {
            return;
        }
        int[] top = topLevels(from, nodes);
        for (int node = 0; node < nodes; node++) {
            for (int level = top[node]; level >= 0; level--) {
                to.addNode(level, node);
            }
        }
        for (int node = 0; node < nodes; node++) {
            for (int level = top[node]; level >= 0; level--) {
                NeighborArray source = from.getNeighbors(level, node);
                NeighborArray target = to.getNeighbors(level, node);
                int[] neighbours = source.nodes();
                for (int i = 0; i < source.size(); i++) {
                    target.addOutOfOrder(neighbours[i], source.getScores(i));
                }
            }
        }
        to.trySetNewEntryNode(from.entryNode(), from.numLevels() - 1);
    }
}
