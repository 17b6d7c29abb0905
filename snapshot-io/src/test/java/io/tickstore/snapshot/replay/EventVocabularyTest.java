package io.tickstore.snapshot.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.columns.ColumnType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** An f32 survives the trip through a record's f64 value bit for bit, signalling NaNs included. */
class EventVocabularyTest {
    @Test
    void everyF32NanRoundTripsBitForBit() {
        for (int sign = 0; sign <= 1; sign++) {
            for (int payload = 1; payload <= 0x7F_FFFF; payload++) {
                int f = (sign << 31) | 0x7F80_0000 | payload;
                long value = EventVocabulary.encode(ColumnType.F32, f & 0xFFFF_FFFFL);
                assertEquals(true, Double.isNaN(Double.longBitsToDouble(value)), "an f32 NaN is an f64 NaN in the log");
                long back = EventVocabulary.decode(ColumnType.F32, value);
                if (back != (f & 0xFFFF_FFFFL)) {
                    assertEquals(Integer.toHexString(f), Long.toHexString(back));
                }
            }
        }
    }

    @Test
    void otherF32ValuesAreTheProcessorsWidening() {
        SplittableRandom random = new SplittableRandom(32);
        int[] specials = {0, 0x8000_0000, 0x7F80_0000, 0xFF80_0000, 1, 0x7F7F_FFFF, 0x3F80_0000};
        for (int i = 0; i < 1_000_000 + specials.length; i++) {
            int f = i < specials.length ? specials[i] : random.nextInt();
            if (Float.isNaN(Float.intBitsToFloat(f))) {
                continue;
            }
            long value = EventVocabulary.encode(ColumnType.F32, f & 0xFFFF_FFFFL);
            assertEquals(Double.doubleToRawLongBits(Float.intBitsToFloat(f)), value);
            assertEquals(f & 0xFFFF_FFFFL, EventVocabulary.decode(ColumnType.F32, value));
        }
    }

    /** A log written when NaNs were widened by the processor (quiet bit set) reads back as it always did. */
    @Test
    void aQuietNanAsTheProcessorWidenedItReadsAsBefore() {
        for (int f : new int[] {0x7FC0_0000, 0x7FC0_0001, 0xFFC1_2345, 0x7FFF_FFFF}) {
            long widened = Double.doubleToRawLongBits(Float.intBitsToFloat(f));
            assertEquals(f & 0xFFFF_FFFFL, EventVocabulary.decode(ColumnType.F32, widened));
            assertEquals(widened, EventVocabulary.encode(ColumnType.F32, f & 0xFFFF_FFFFL), "a quiet NaN widens as the processor widens it");
        }
        long f64Nan = 0x7FF8_0000_0000_0001L;
        assertEquals(Float.floatToRawIntBits((float) Double.longBitsToDouble(f64Nan)) & 0xFFFF_FFFFL,
                EventVocabulary.decode(ColumnType.F32, f64Nan), "an f64 NaN with low payload bits narrows as the processor narrows it");
    }
}
