package io.tickstore.columns.sim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * xoshiro256** (Blackman and Vigna): a small, fast generator whose whole state is 32 bytes, so a world can
 * save it and a resumed run draws exactly the numbers the uninterrupted run would have drawn.
 */
public final class SimRandom {
    public static final int STATE_BYTES = 32;

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** Seeds the state from one long through SplitMix64, as the generator's authors recommend. */
    public SimRandom(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
    }

    /** Restores a state saved by {@link #state()}. */
    public static SimRandom fromState(byte[] state) {
        if (state.length != STATE_BYTES) {
            throw new IllegalArgumentException("generator state is " + state.length + " bytes, expected " + STATE_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
        SimRandom r = new SimRandom(0);
        r.s0 = b.getLong();
        r.s1 = b.getLong();
        r.s2 = b.getLong();
        r.s3 = b.getLong();
        if ((r.s0 | r.s1 | r.s2 | r.s3) == 0) {
            throw new IllegalArgumentException("generator state is all zero, which xoshiro256** never reaches");
        }
        return r;
    }

    /** The 32 state bytes, little-endian s0..s3. */
    public byte[] state() {
        return ByteBuffer.allocate(STATE_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(s0).putLong(s1).putLong(s2).putLong(s3).array();
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 24 bits, exactly representable as a float. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, 1) with 53 bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Uniform in {@code [0, bound)}, by integer arithmetic only (the same on every JVM); the modulo bias is below
     * 2^-31 for any int bound.
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound " + bound + " is not positive");
        }
        return (int) ((nextLong() >>> 1) % bound);
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
