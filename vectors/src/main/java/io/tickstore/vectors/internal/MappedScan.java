package io.tickstore.vectors.internal;

import io.tickstore.mmap.MappedColumn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.agrona.BufferUtil;

/**
 * The exact scan over a mapped {@code f32[d]} column: blocks of rows are copied from the mapping into one direct
 * buffer (a mapping may be split in chunks that a row can straddle), and compared there with {@link Cosine}; nothing
 * is allocated per row.
 */
public final class MappedScan {
    private static final int BLOCK_BYTES = 1 << 20;

    private MappedScan() {
    }

    /** Rows found, nearest first, and their cosine distances. */
    public record Found(long[] rows, float[] distances) {
    }

    public static Found nearest(MappedColumn embeddings, MappedColumn deleted, float[] query, int k) {
        int dimension = (int) embeddings.rowLength();
        long rowBytes = (long) dimension * 4;
        int blockRows = (int) Math.max(1, BLOCK_BYTES / rowBytes);
        ByteBuffer block = ByteBuffer.allocateDirect((int) (blockRows * rowBytes)).order(ByteOrder.LITTLE_ENDIAN);
        long address = BufferUtil.address(block);
        float[] unit = Cosine.unit(query);
        Nearest nearest = new Nearest(k);
        long rows = embeddings.rows();
        for (long first = 0; first < rows; first += blockRows) {
            int n = (int) Math.min(blockRows, rows - first);
            block.clear();
            embeddings.copyTo(first * dimension, (long) n * dimension, block);
            for (int i = 0; i < n; i++) {
                if (deleted.getBoolean(first + i)) {
                    continue;
                }
                long row = address + i * rowBytes;
                // the store's own arithmetic, so a snapshot's distances are the store's to the last bit
                float inverseNorm = (float) (1 / Cosine.norm(row, dimension));
                float distance = 1 - Cosine.dot(unit, row, dimension) * inverseNorm;
                if (nearest.admits(distance)) {
                    nearest.offer(Math.toIntExact(first + i), distance);
                }
            }
        }
        Nearest.Hits hits = nearest.sorted();
        long[] found = new long[hits.size()];
        for (int i = 0; i < found.length; i++) {
            found[i] = hits.ordinals()[i];
        }
        return new Found(found, hits.distances());
    }
}
