package io.tickstore.jmh.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class IterationStatsTest {
    private static JsonNode json(String text) throws Exception {
        return RunResults.json().readTree(text);
    }

    @Test
    void oneSlowIterationMovesNeitherTheMedianNorMuchItsNotch() throws Exception {
        IterationStats stats = IterationStats.of(json("{\"rawData\": [[15.0, 16.0, 15.5, 40.0, 15.2]]}"));
        assertEquals(15.5, stats.median(), 1e-12);
        assertEquals(1.57 * (16.0 - 15.2) / Math.sqrt(5), stats.error(), 1e-12);
        assertEquals(5, stats.count());
    }

    @Test
    void sampleTimeIterationsCountByTheMedianOfTheirHistogram() throws Exception {
        IterationStats stats = IterationStats.of(json("{\"rawDataHistogram\": [[[[10.0, 5], [11.0, 1], [900.0, 1]],"
                + " [[12.0, 4], [13.0, 3]], [[11.0, 3], [14.0, 3]]]]}"));
        assertEquals(11.0, stats.median(), 1e-12);
        assertEquals(3, stats.count());
    }

    @Test
    void aSingleIterationHasNoStatistics() throws Exception {
        assertNull(IterationStats.of(json("{\"rawData\": [[15.0]]}")));
    }
}
