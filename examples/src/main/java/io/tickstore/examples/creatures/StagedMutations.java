package io.tickstore.examples.creatures;

import java.util.Arrays;

/**
 * The changes the act pass decided on, held until the cleanup pass applies them: column writes (slot, column,
 * raw bits) in the order they were decided, deaths by slot in ascending order, and newborns' initial values.
 * Reused from tick to tick; its arrays only grow, so a steady-state tick allocates nothing.
 */
final class StagedMutations {
    private long[] writeSlots = new long[64];
    private int[] writeColumns = new int[64];
    private long[] writeBits = new long[64];
    private int writes;

    private long[] deathSlots = new long[16];
    private int deaths;

    /** One newborn's values: pos_x, pos_y, vel_x, vel_y, energy (f32) and the generation. */
    private float[] birthFloats = new float[5 * 16];
    private int[] birthGens = new int[16];
    private int births;

    void clear() {
        writes = 0;
        deaths = 0;
        births = 0;
    }

    void write(long slot, int column, long bits) {
        if (writes == writeSlots.length) {
            int grown = writes * 2;
            writeSlots = Arrays.copyOf(writeSlots, grown);
            writeColumns = Arrays.copyOf(writeColumns, grown);
            writeBits = Arrays.copyOf(writeBits, grown);
        }
        writeSlots[writes] = slot;
        writeColumns[writes] = column;
        writeBits[writes] = bits;
        writes++;
    }

    void writeFloat(long slot, int column, float value) {
        write(slot, column, Float.floatToRawIntBits(value) & 0xFFFF_FFFFL);
    }

    /** Deaths must be staged in ascending slot order (the act pass visits slots in order). */
    void death(long slot) {
        if (deaths == deathSlots.length) {
            deathSlots = Arrays.copyOf(deathSlots, deaths * 2);
        }
        deathSlots[deaths++] = slot;
    }

    void birth(float x, float y, float vx, float vy, float energy, int gen) {
        if (births == birthGens.length) {
            birthGens = Arrays.copyOf(birthGens, births * 2);
            birthFloats = Arrays.copyOf(birthFloats, births * 2 * 5);
        }
        int f = births * 5;
        birthFloats[f] = x;
        birthFloats[f + 1] = y;
        birthFloats[f + 2] = vx;
        birthFloats[f + 3] = vy;
        birthFloats[f + 4] = energy;
        birthGens[births++] = gen;
    }

    int writes() {
        return writes;
    }

    long writeSlot(int i) {
        return writeSlots[i];
    }

    int writeColumn(int i) {
        return writeColumns[i];
    }

    long writeBits(int i) {
        return writeBits[i];
    }

    int deaths() {
        return deaths;
    }

    long deathSlot(int i) {
        return deathSlots[i];
    }

    int births() {
        return births;
    }

    /** Value {@code field} (0 = pos_x … 4 = energy) of newborn {@code i}. */
    float birthFloat(int i, int field) {
        return birthFloats[i * 5 + field];
    }

    int birthGen(int i) {
        return birthGens[i];
    }
}
