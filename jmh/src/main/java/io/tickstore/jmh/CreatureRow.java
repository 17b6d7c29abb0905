package io.tickstore.jmh;

import java.io.Serializable;

/**
 * One creature as an object: the array-of-structs form a user would reach for first, and what the Java
 * serialization and Jackson peers write and read (the JVM analog of pickling a list of dataclasses).
 *
 * <p>Public mutable fields and a no-argument constructor are what both Java serialization and Jackson handle
 * without configuration, so each peer is measured as a user would set it up.
 */
public final class CreatureRow implements Serializable {
    private static final long serialVersionUID = 1L;

    public long entityId;
    public float posX;
    public float posY;
    public float velX;
    public float velY;
    public float energy;
    public double birthT;
    /** The u32 {@code id} column, held widened so no value turns negative. */
    public long id;
    /** The u32 {@code gen} column, held widened so no value turns negative. */
    public long gen;

    public CreatureRow() {
    }

    CreatureRow(long entityId, float posX, float posY, float velX, float velY, float energy, double birthT, long id, long gen) {
        this.entityId = entityId;
        this.posX = posX;
        this.posY = posY;
        this.velX = velX;
        this.velY = velY;
        this.energy = energy;
        this.birthT = birthT;
        this.id = id;
        this.gen = gen;
    }
}
