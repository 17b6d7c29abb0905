package io.tickstore.jmh.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairedRatiosTest {
    @Test
    void eachOddIterationIsTheFloorOfTheEvenOneBeforeIt() throws Exception {
        // The host gets twice as slow halfway: both sides of each pair move together, the ratio does not.
        List<Ratio> ratios = PairedRatios.from(RunResults.json().readTree("[{\"benchmark\": "
                + "\"io.tickstore.jmh.PairedFloorBenchmark.operation\", \"params\": {\"op\": \"write\"}, \"primaryMetric\": "
                + "{\"rawData\": [[15.0, 10.0, 15.0, 10.0, 30.0, 20.0, 30.0, 20.0, 16.5, 11.0]]}}]"));
        assertEquals(1, ratios.size());
        Ratio write = ratios.get(0);
        assertEquals("PairedFloorBenchmark.operation[op=write] ÷ FileChannel floor, alternate iterations", write.name());
        assertEquals(1.5, write.ratio(), 1e-12);
        assertEquals(0.0, write.error(), 1e-12);
    }
}
