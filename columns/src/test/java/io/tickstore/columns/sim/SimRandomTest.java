package io.tickstore.columns.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * SimRandom against the published reference algorithms, written out again here: SplitMix64 (Steele, Lea and
 * Flood; Vigna's splitmix64.c) fills the four state words and xoshiro256** (Blackman and Vigna,
 * xoshiro256starstar.c) draws from them.
 */
class SimRandomTest {
    private static final long SEED_OF_CHOICE = 0x5EED_CAFE_F00DL;

    /** splitmix64.c: {@code z = (x += 0x9e3779b97f4a7c15); z = (z ^ (z >> 30)) * ...; return z ^ (z >> 31);} */
    private static final class ReferenceSplitMix64 {
        private long x;

        ReferenceSplitMix64(long seed) {
            x = seed;
        }

        long next() {
            x += 0x9e3779b97f4a7c15L;
            long z = x;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }

    /** xoshiro256starstar.c, with the state seeded by four SplitMix64 outputs. */
    private static final class ReferenceXoshiro256StarStar {
        private final long[] s = new long[4];

        ReferenceXoshiro256StarStar(long seed) {
            ReferenceSplitMix64 seeder = new ReferenceSplitMix64(seed);
            for (int i = 0; i < 4; i++) {
                s[i] = seeder.next();
            }
        }

        private static long rotl(long x, int k) {
            return (x << k) | (x >>> (64 - k));
        }

        long next() {
            long result = rotl(s[1] * 5, 7) * 9;
            long t = s[1] << 17;
            s[2] ^= s[0];
            s[3] ^= s[1];
            s[1] ^= s[2];
            s[0] ^= s[3];
            s[2] ^= t;
            s[3] = rotl(s[3], 45);
            return result;
        }
    }

    @Test
    void theReferenceSplitMix64GivesItsPublishedFirstOutputsForSeedZero() {
        ReferenceSplitMix64 splitMix = new ReferenceSplitMix64(0);
        assertEquals(0xe220a8397b1dcdafL, splitMix.next());
        assertEquals(0x6e789e6aa1b965f4L, splitMix.next());
        assertEquals(0x06c45d188009454fL, splitMix.next());
        assertEquals(0xf88bb8a8724c81ecL, splitMix.next());
    }

    @Test
    void seedZeroGivesTheKnownFirstOutputs() {
        SimRandom random = new SimRandom(0);
        assertEquals(0x99ec5f36cb75f2b4L, random.nextLong());
        assertEquals(0xbf6e1f784956452aL, random.nextLong());
        assertEquals(0x1a5f849d4933e6e0L, random.nextLong());
        assertEquals(0x6aa594f1262d2d2cL, random.nextLong());
        assertEquals(0xbba5ad4a1f842e59L, random.nextLong());
    }

    @Test
    void aSeedOfChoiceGivesTheKnownFirstOutputs() {
        SimRandom random = new SimRandom(SEED_OF_CHOICE);
        assertEquals(0x6acdd810ed3ef98eL, random.nextLong());
        assertEquals(0x4084c25837e7e14dL, random.nextLong());
        assertEquals(0xf204aed9127dd23fL, random.nextLong());
        assertEquals(0xf3cd183017e98517L, random.nextLong());
        assertEquals(0x17ec91d083772997L, random.nextLong());
    }

    @Test
    void aThousandOutputsMatchTheReferenceForSeveralSeeds() {
        for (long seed : new long[] {0, 1, -1, SEED_OF_CHOICE, Long.MIN_VALUE}) {
            SimRandom random = new SimRandom(seed);
            ReferenceXoshiro256StarStar reference = new ReferenceXoshiro256StarStar(seed);
            for (int i = 0; i < 1000; i++) {
                assertEquals(reference.next(), random.nextLong(), "seed " + seed + " output " + i);
            }
        }
    }

    @Test
    void theStateIsTheFourSplitMixWordsLittleEndian() {
        ByteBuffer state = ByteBuffer.wrap(new SimRandom(0).state()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(SimRandom.STATE_BYTES, state.capacity());
        assertEquals(0xe220a8397b1dcdafL, state.getLong());
        assertEquals(0x6e789e6aa1b965f4L, state.getLong());
        assertEquals(0x06c45d188009454fL, state.getLong());
        assertEquals(0xf88bb8a8724c81ecL, state.getLong());
    }

    @Test
    void floatsAndDoublesAreTheTopBitsOfTheNextLong() {
        SimRandom random = new SimRandom(SEED_OF_CHOICE);
        ReferenceXoshiro256StarStar reference = new ReferenceXoshiro256StarStar(SEED_OF_CHOICE);
        for (int i = 0; i < 1000; i++) {
            float f = random.nextFloat();
            assertEquals((reference.next() >>> 40) / (float) (1 << 24), f);
            assertTrue(f >= 0f && f < 1f);
            double d = random.nextDouble();
            assertEquals((reference.next() >>> 11) / (double) (1L << 53), d);
            assertTrue(d >= 0.0 && d < 1.0);
        }
    }

    @Test
    void aRestoredStateContinuesTheSameSequence() {
        SimRandom original = new SimRandom(42);
        for (int i = 0; i < 17; i++) {
            original.nextLong();
        }
        SimRandom restored = SimRandom.fromState(original.state());
        assertArrayEquals(original.state(), restored.state());
        for (int i = 0; i < 100; i++) {
            assertEquals(original.nextLong(), restored.nextLong());
        }
    }

    @Test
    void anAllZeroStateIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimRandom.fromState(new byte[32]));
        assertTrue(e.getMessage().contains("all zero"), e.getMessage());
    }

    @Test
    void aStateOfTheWrongLengthIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimRandom.fromState(new byte[31]));
        assertEquals("generator state is 31 bytes, expected 32", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimRandom.fromState(new byte[0]));
    }
}
