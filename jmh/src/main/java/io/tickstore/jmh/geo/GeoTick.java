package io.tickstore.jmh.geo;

import java.util.Random;

/**
 * One tick of the synthetic world as a simulation holds it before journaling: a territory row for every county and
 * an activity row for {@value SyntheticGeoWorld#ACTIVE} distinct random hexes.
 */
final class GeoTick {
    static final String[] CLASSES = {"bourgeoisie", "petty_bourgeois", "proletariat", "lumpen"};
    static final String[] RESPONSES = {"none", "monitor", "contain", "suppress", "negotiate"};
    /** Per county: profit, exploitation, occ, imperial rent, wage, unemployment, 4 class shares, 12 value tensor cells. */
    static final int FLOATS = 22;
    static final int CLASS_AT = 6;

    final int tick;
    final long[] pop = new long[SyntheticGeoWorld.COUNTIES];
    final long[] mobilizable = new long[SyntheticGeoWorld.COUNTIES];
    final float[] floats = new float[SyntheticGeoWorld.COUNTIES * FLOATS];
    final String[] dominant = new String[SyntheticGeoWorld.COUNTIES];
    final int[] hexes = new int[SyntheticGeoWorld.ACTIVE];
    final float[] heat = new float[SyntheticGeoWorld.ACTIVE];
    final float[] heatDelta = new float[SyntheticGeoWorld.ACTIVE];
    final short[] orgCount = new short[SyntheticGeoWorld.ACTIVE];
    final String[][] orgIds = new String[SyntheticGeoWorld.ACTIVE][];
    final float[] presence = new float[SyntheticGeoWorld.ACTIVE];
    final short[] actions = new short[SyntheticGeoWorld.ACTIVE];
    final String[] response = new String[SyntheticGeoWorld.ACTIVE];

    GeoTick(int tick, Random random) {
        this.tick = tick;
        for (int c = 0; c < SyntheticGeoWorld.COUNTIES; c++) {
            pop[c] = 1_000 + random.nextInt(1_000_000);
            mobilizable[c] = pop[c] / 3;
            for (int f = 0; f < FLOATS; f++) {
                floats[c * FLOATS + f] = f >= CLASS_AT && f < CLASS_AT + 4 ? random.nextFloat() * 0.25f : random.nextFloat() * 100;
            }
            floats[c * FLOATS + 5] = random.nextFloat();
            dominant[c] = CLASSES[random.nextInt(CLASSES.length)];
        }
        // distinct hexes: a partial Fisher-Yates over an identity permutation drawn lazily
        java.util.HashSet<Integer> drawn = new java.util.HashSet<>();
        for (int i = 0; i < SyntheticGeoWorld.ACTIVE; i++) {
            int hex;
            do {
                hex = random.nextInt(SyntheticGeoWorld.HEXES);
            } while (!drawn.add(hex));
            hexes[i] = hex;
            boolean ended = random.nextInt(5) == 0;
            heat[i] = ended ? 0 : random.nextFloat() * 10;
            heatDelta[i] = random.nextFloat() * 2 - 1;
            orgCount[i] = (short) (ended ? 0 : random.nextInt(4));
            orgIds[i] = new String[orgCount[i]];
            for (int k = 0; k < orgCount[i]; k++) {
                orgIds[i][k] = "org-" + random.nextInt(60);
            }
            presence[i] = ended ? 0 : random.nextFloat();
            actions[i] = (short) random.nextInt(3);
            response[i] = RESPONSES[random.nextInt(RESPONSES.length)];
        }
    }

    float floatOf(int county, int f) {
        return floats[county * FLOATS + f];
    }
}
