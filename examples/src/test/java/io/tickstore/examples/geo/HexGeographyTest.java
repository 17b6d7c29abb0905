package io.tickstore.examples.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The national map: sizes the design names, contiguous counties and states, codes as the census writes them. */
class HexGeographyTest {
    @Test
    void resolutionFiveIsAQuickMapWithContiguousCountiesAndStates() {
        HexGeography map = HexGeography.build(5, 7, 300, 20);
        assertTrue(map.hexes() > 30_000 && map.hexes() < 33_000, map.hexes() + " hexes");
        assertEquals(300, map.counties());
        for (int c = 0; c < map.counties(); c++) {
            assertTrue(map.countyFips(c).matches("\\d{5}"), map.countyFips(c));
            assertTrue(map.countyFips(c).startsWith(map.stateFips(map.stateOf(c))));
            assertTrue(map.countyName(c).endsWith(" County"));
        }
        // every county is one connected group of hexes: a walk from its seat reaches all of it
        int[] size = new int[map.counties()];
        for (int h = 0; h < map.hexes(); h++) {
            size[map.countyOf(h)]++;
        }
        for (int c = 0; c < map.counties(); c += 37) {
            Set<Integer> reached = new HashSet<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(map.seat(c));
            reached.add(map.seat(c));
            while (!queue.isEmpty()) {
                int h = queue.poll();
                for (long n : HexGeography.h3().gridDisk(map.cell(h), 1)) {
                    int j = map.indexOf(n);
                    if (j >= 0 && map.countyOf(j) == c && reached.add(j)) {
                        queue.add(j);
                    }
                }
            }
            assertTrue(reached.size() >= size[c] * 0.99, "county " + c + ": " + reached.size() + " of " + size[c] + " hexes connected");
        }
    }

    @Test
    void theSameSeedDrawsTheSameMap() {
        HexGeography a = HexGeography.build(4, 11, 60, 8);
        HexGeography b = HexGeography.build(4, 11, 60, 8);
        for (int h = 0; h < a.hexes(); h++) {
            assertEquals(a.countyOf(h), b.countyOf(h));
        }
        assertEquals(a.countyName(17), b.countyName(17));
        assertEquals(7, HexGeography.children(a.cell(0)).length);
    }
}
