package io.tickstore.vectors.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.vectors.HnswSettings;
import java.util.Random;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exact scan gives up on rows that cannot enter the k nearest, yet answers as comparing every float of every
 * row would: the same rows and the same distances to the bit, for any number of threads, on clustered data (where
 * most rows are given up), on uniform data (where few are), with duplicates (ties) and with a filter.
 */
class ExactScanTest {
    private static final int DIMENSION = 96;

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @Test
    void clusteredRowsGiveTheAnswerOfTheFullComparisonOnAnyNumberOfThreads() {
        Random random = new Random(11);
        float[][] centres = new float[8][DIMENSION];
        for (float[] centre : centres) {
            fill(random, centre, 1);
        }
        float[][] rows = new float[3000][DIMENSION];
        for (int r = 0; r < rows.length; r++) {
            float[] centre = centres[random.nextInt(centres.length)];
            for (int i = 0; i < DIMENSION; i++) {
                rows[r][i] = centre[i] + 0.35f * (float) random.nextGaussian();
            }
        }
        // exact duplicates, far apart in the table: ties broken by row number
        rows[2900] = rows[17].clone();
        rows[1500] = rows[17].clone();
        float[][] queries = new float[12][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = q == 0 ? rows[17].clone() : rows[random.nextInt(rows.length)].clone();
            queries[q][q % DIMENSION] += 0.2f;
        }
        checkAgainstFullComparison(rows, queries);
    }

    @Test
    void uniformRowsGiveTheAnswerOfTheFullComparisonOnAnyNumberOfThreads() {
        Random random = new Random(12);
        float[][] rows = new float[2000][DIMENSION];
        for (float[] row : rows) {
            fill(random, row, 1);
        }
        float[][] queries = new float[8][DIMENSION];
        for (float[] q : queries) {
            fill(random, q, 1);
        }
        checkAgainstFullComparison(rows, queries);
    }

    @Test
    void aFarRowIsGivenUpAndANearOneComparedToTheEnd() {
        Random random = new Random(13);
        float[] query = new float[DIMENSION];
        fill(random, query, 1);
        float[] unit = Cosine.unit(query);
        float[] far = new float[DIMENSION];
        fill(random, far, 1);
        float[] near = query.clone();
        near[5] += 0.01f;
        try (World world = new World(memory.root())) {
            Table table = table(world, new float[][] {far, near});
            long base = table.columnAddress(table.columnIndex(ChunkTable.EMBEDDING));
            float[] shares = new float[2 * AbandoningDot.CHECKPOINTS];
            AbandoningDot.tailShares(base, DIMENSION, shares, 0);
            AbandoningDot.tailShares(base + DIMENSION * 4L, DIMENSION, shares, AbandoningDot.CHECKPOINTS);
            AbandoningDot dot = new AbandoningDot(unit);
            int head = AbandoningDot.headLength(DIMENSION);
            float[] heads = new float[2 * head];
            System.arraycopy(far, 0, heads, 0, head);
            System.arraycopy(near, 0, heads, head, head);
            float farInverse = (float) (1 / Cosine.norm(far));
            float nearInverse = (float) (1 / Cosine.norm(near));
            assertEquals(AbandoningDot.GIVEN_UP, dot.dot(heads, 0, base, farInverse, shares, 0, 0.9f), "a random row's cosine is near 0");
            float full = Cosine.dot(unit, base + DIMENSION * 4L, DIMENSION);
            assertEquals(Float.floatToIntBits(full), Float.floatToIntBits(dot.dot(heads, head, base + DIMENSION * 4L, nearInverse,
                    shares, AbandoningDot.CHECKPOINTS, 0.9f)));
            assertEquals(Float.floatToIntBits(Cosine.dot(unit, base, DIMENSION)), Float.floatToIntBits(dot.dot(heads, 0, base, farInverse, shares, 0,
                    Float.NEGATIVE_INFINITY)), "never given up without a floor");
        }
    }

    private void checkAgainstFullComparison(float[][] rows, float[][] queries) {
        try (World world = new World(memory.root())) {
            Table table = table(world, rows);
            int column = table.columnIndex(ChunkTable.EMBEDDING);
            VectorIndex index = new VectorIndex(table, column, new HnswSettings(8, 20, 20, 7));
            index.addRows(rows.length, row -> false);
            FixedBitSet third = new FixedBitSet(rows.length);
            for (int r = 0; r < rows.length; r += 3) {
                third.set(r);
            }
            long base = table.columnAddress(column);
            for (float[] query : queries) {
                float[] unit = Cosine.unit(query);
                for (int k : new int[] {1, 10, 57}) {
                    for (Bits accept : new Bits[] {index.live(), third}) {
                        Nearest expected = new Nearest(k);
                        for (int r = 0; r < rows.length; r++) {
                            if (accept.get(r)) {
                                expected.offer(r, 1 - Cosine.dot(unit, base + r * (long) DIMENSION * 4, DIMENSION) * (float) (1 / Cosine.norm(rows[r])));
                            }
                        }
                        Nearest.Hits want = expected.sorted();
                        for (int parts : new int[] {1, 2, 3}) {
                            Nearest.Hits got = index.exactUnit(unit, k, accept, parts);
                            assertArrayEquals(want.ordinals(), got.ordinals(), "rows, k " + k + ", " + parts + " parts");
                            assertArrayEquals(bits(want.distances()), bits(got.distances()), "distances to the bit, k " + k + ", " + parts + " parts");
                        }
                    }
                }
            }
        }
    }

    private static Table table(World world, float[][] rows) {
        Table table = world.createTable(ChunkTable.withText("scan", DIMENSION), rows.length);
        int embedding = table.columnIndex(ChunkTable.EMBEDDING);
        for (float[] row : rows) {
            long r = table.addRow();
            table.setArray(embedding, r, row);
        }
        return table;
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToIntBits(values[i]);
        }
        return bits;
    }

    private static void fill(Random random, float[] v, double sigma) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (sigma * random.nextGaussian());
        }
    }
}
