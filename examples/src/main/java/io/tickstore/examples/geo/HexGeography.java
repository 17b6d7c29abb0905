package io.tickstore.examples.geo;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.tickstore.columns.sim.SimRandom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

/**
 * The map a geographic world lives on: the H3 cells covering the contiguous United States at one resolution, grouped
 * into contiguous counties, grouped into contiguous states, with FIPS-style codes and names; all a function of the
 * resolution, the seed and the number of counties.
 *
 * <h2>Resolution, honestly</h2>
 * By H3's average cell areas the contiguous United States is about 1.5 million cells at resolution 7 and about 220,000
 * at resolution 6 (measured: 1,539,077 and 219,863 cells for this outline). The reference design speaks of "R7, about
 * 243,000 hexes" and "R8 substrate, about 1.7 million cells": its cardinalities are resolution 6 and 7. So the map is
 * resolution 6 by default (about 220,000 hexes, their resolution-7 children the substrate, about 1.5 million), which
 * keeps the design's sizes; resolution 7 (1.5 million hexes, 10.8 million substrate cells) is the true scale, for
 * stress runs.
 *
 * <h2>Counties and states</h2>
 * County seats are cells drawn from the seed; every cell joins the county whose seat reaches it first in a
 * breadth-first growth over H3 neighbours (so counties are contiguous and of similar size). States grow the same way
 * over the graph of adjacent counties from drawn seat counties. A state's FIPS code is two digits in the order of its
 * seat's longitude (west to east); a county's is its state's followed by three digits, odd numbers counting up, as the
 * census numbers them. Names are pronounceable strings made from the seed.
 */
public final class HexGeography {
    /** A coarse outline of the contiguous United States (latitude, longitude), clockwise from the north-west. */
    static final double[][] CONUS = {
        {48.99, -124.7}, {49.0, -95.15}, {49.38, -94.8}, {48.0, -89.5}, {46.5, -84.5}, {45.0, -82.5}, {43.0, -82.4},
        {42.0, -83.1}, {41.7, -82.7}, {43.6, -79.0}, {45.0, -74.7}, {45.0, -71.5}, {47.4, -69.2}, {47.3, -67.8},
        {44.8, -66.9}, {41.3, -70.0}, {40.5, -74.0}, {35.2, -75.5}, {31.0, -81.4}, {25.2, -80.4}, {25.0, -81.2},
        {27.8, -82.8}, {30.0, -84.0}, {30.3, -88.0}, {29.0, -89.4}, {29.7, -93.9}, {25.9, -97.2}, {29.8, -101.4},
        {28.9, -103.3}, {31.8, -106.5}, {31.33, -108.2}, {31.33, -111.0}, {32.5, -114.8}, {32.7, -117.1},
        {34.5, -120.6}, {40.4, -124.4}, {46.2, -124.0}};

    private static final String[] SYLLABLES = {"ab", "al", "an", "ar", "ber", "bro", "ca", "chi", "co", "dal", "den", "do",
        "el", "fair", "field", "ford", "gar", "glen", "ham", "har", "hill", "kan", "ken", "la", "lake", "lin", "ma", "mar",
        "mer", "mon", "na", "new", "oak", "or", "pa", "pine", "ran", "ri", "ro", "sa", "son", "ston", "ta", "ton", "val",
        "ver", "wa", "wes", "win", "york"};

    private final int resolution;
    private final long[] cells;
    private final LongIntHashMap indexOfCell;
    private final int[] countyOfCell;
    private final double[] lat;
    private final double[] lng;
    private final int[] stateOfCounty;
    private final String[] countyFips;
    private final String[] countyNames;
    private final String[] stateFips;
    private final String[] stateNames;
    private final int[] seatOfCounty;

    private HexGeography(int resolution, long[] cells, LongIntHashMap indexOfCell, int[] countyOfCell, double[] lat, double[] lng,
                         int[] stateOfCounty, String[] countyFips, String[] countyNames, String[] stateFips, String[] stateNames,
                         int[] seatOfCounty) {
        this.resolution = resolution;
        this.cells = cells;
        this.indexOfCell = indexOfCell;
        this.countyOfCell = countyOfCell;
        this.lat = lat;
        this.lng = lng;
        this.stateOfCounty = stateOfCounty;
        this.countyFips = countyFips;
        this.countyNames = countyNames;
        this.stateFips = stateFips;
        this.stateNames = stateNames;
        this.seatOfCounty = seatOfCounty;
    }

    /** The H3 library, loaded once (its native part comes from inside its jar). */
    static H3Core h3() {
        return H3Holder.H3;
    }

    private static final class H3Holder {
        static final H3Core H3;

        static {
            try {
                H3 = H3Core.newInstance();
            } catch (IOException e) {
                throw new UncheckedIOException("the H3 library's native part could not be loaded", e);
            }
        }
    }

    /** Builds the map: cells at {@code resolution}, {@code counties} counties in {@code states} states, from {@code seed}. */
    public static HexGeography build(int resolution, long seed, int counties, int states) {
        if (resolution < 3 || resolution > 8) {
            throw new IllegalArgumentException("H3 resolution " + resolution + " is outside 3..8 for a national map");
        }
        H3Core h3 = h3();
        List<LatLng> outline = new ArrayList<>();
        for (double[] p : CONUS) {
            outline.add(new LatLng(p[0], p[1]));
        }
        long[] cells = h3.polygonToCells(outline, List.of(), resolution).stream().mapToLong(Long::longValue).sorted().toArray();
        if (counties < 1 || counties > cells.length || states < 1 || states > counties) {
            throw new IllegalArgumentException(counties + " counties in " + states + " states do not fit " + cells.length + " cells");
        }
        LongIntHashMap index = new LongIntHashMap(cells.length);
        double[] lat = new double[cells.length];
        double[] lng = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            index.put(cells[i], i);
            LatLng center = h3.cellToLatLng(cells[i]);
            lat[i] = center.lat;
            lng[i] = center.lng;
        }
        SimRandom random = new SimRandom(seed);
        int[] seats = distinctDraws(random, cells.length, counties);
        int[] countyOfCell = grow(h3, cells, index, seats);
        int[][] adjacency = countyAdjacency(h3, cells, index, countyOfCell, counties);
        int[] stateSeats = distinctDraws(random, counties, states);
        int[] stateOfCounty = growOverGraph(adjacency, stateSeats, counties);
        // states are numbered west to east by their seat county's seat longitude
        Integer[] order = new Integer[states];
        for (int s = 0; s < states; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> Double.compare(lng[seats[stateSeats[a]]], lng[seats[stateSeats[b]]]));
        int[] rank = new int[states];
        for (int r = 0; r < states; r++) {
            rank[order[r]] = r;
        }
        String[] stateFips = new String[states];
        String[] stateNames = new String[states];
        for (int s = 0; s < states; s++) {
            stateFips[s] = String.format("%02d", rank[s] + 1);
            stateNames[s] = name(random) + (random.nextFloat() < 0.3f ? " " + name(random) : "");
        }
        int[] nextInState = new int[states];
        String[] countyFips = new String[counties];
        String[] countyNames = new String[counties];
        for (int c = 0; c < counties; c++) {
            int s = stateOfCounty[c];
            countyFips[c] = stateFips[s] + String.format("%03d", 2 * nextInState[s]++ + 1);
            countyNames[c] = name(random) + " County";
        }
        return new HexGeography(resolution, cells, index, countyOfCell, lat, lng, stateOfCounty, countyFips, countyNames, stateFips,
                stateNames, seats);
    }

    private static int[] distinctDraws(SimRandom random, int bound, int count) {
        boolean[] taken = new boolean[bound];
        int[] draws = new int[count];
        for (int i = 0; i < count; i++) {
            int d;
            do {
                d = random.nextInt(bound);
            } while (taken[d]);
            taken[d] = true;
            draws[i] = d;
        }
        return draws;
    }

    /** Multi-source breadth-first growth over H3 neighbours from the seats; cells it cannot reach join the nearest seat. */
    private static int[] grow(H3Core h3, long[] cells, LongIntHashMap index, int[] seats) {
        int[] owner = new int[cells.length];
        Arrays.fill(owner, -1);
        int[] queue = new int[cells.length];
        int head = 0;
        int tail = 0;
        for (int c = 0; c < seats.length; c++) {
            owner[seats[c]] = c;
            queue[tail++] = seats[c];
        }
        while (head < tail) {
            int i = queue[head++];
            for (long neighbour : h3.gridDisk(cells[i], 1)) {
                int j = index.getIfAbsent(neighbour, -1);
                if (j >= 0 && owner[j] < 0) {
                    owner[j] = owner[i];
                    queue[tail++] = j;
                }
            }
        }
        for (int i = 0; i < cells.length; i++) {
            if (owner[i] < 0) {
                // an island of the outline the growth could not reach: the nearest seat by grid distance takes it
                long best = Long.MAX_VALUE;
                for (int c = 0; c < seats.length; c++) {
                    long d = gridDistanceOrFar(h3, cells[i], cells[seats[c]]);
                    if (d < best) {
                        best = d;
                        owner[i] = c;
                    }
                }
            }
        }
        return owner;
    }

    private static long gridDistanceOrFar(H3Core h3, long a, long b) {
        try {
            return h3.gridDistance(a, b);
        } catch (RuntimeException e) {
            return Long.MAX_VALUE - 1;
        }
    }

    private static int[][] countyAdjacency(H3Core h3, long[] cells, LongIntHashMap index, int[] countyOfCell, int counties) {
        List<java.util.TreeSet<Integer>> sets = new ArrayList<>(counties);
        for (int c = 0; c < counties; c++) {
            sets.add(new java.util.TreeSet<>());
        }
        for (int i = 0; i < cells.length; i++) {
            for (long neighbour : h3.gridDisk(cells[i], 1)) {
                int j = index.getIfAbsent(neighbour, -1);
                if (j >= 0 && countyOfCell[j] != countyOfCell[i]) {
                    sets.get(countyOfCell[i]).add(countyOfCell[j]);
                }
            }
        }
        int[][] adjacency = new int[counties][];
        for (int c = 0; c < counties; c++) {
            adjacency[c] = sets.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
        return adjacency;
    }

    private static int[] growOverGraph(int[][] adjacency, int[] seats, int nodes) {
        int[] owner = new int[nodes];
        Arrays.fill(owner, -1);
        int[] queue = new int[nodes];
        int head = 0;
        int tail = 0;
        for (int s = 0; s < seats.length; s++) {
            owner[seats[s]] = s;
            queue[tail++] = seats[s];
        }
        while (head < tail) {
            int n = queue[head++];
            for (int m : adjacency[n]) {
                if (owner[m] < 0) {
                    owner[m] = owner[n];
                    queue[tail++] = m;
                }
            }
        }
        for (int n = 0; n < nodes; n++) {
            if (owner[n] < 0) {
                owner[n] = 0; // an isolated county (an island): the first state takes it
            }
        }
        return owner;
    }

    private static String name(SimRandom random) {
        int parts = 2 + random.nextInt(2);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            s.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        s.setCharAt(0, Character.toUpperCase(s.charAt(0)));
        return s.toString();
    }

    // ------------------------------------------------------------------ what the map holds

    public int resolution() {
        return resolution;
    }

    /** Hexes on the map. */
    public int hexes() {
        return cells.length;
    }

    /** The H3 index of hex {@code i} (hexes are in ascending index order). */
    public long cell(int i) {
        return cells[i];
    }

    /** The hex of an H3 index, or -1 when it is not on the map. */
    public int indexOf(long cell) {
        return indexOfCell.getIfAbsent(cell, -1);
    }

    public int countyOf(int hex) {
        return countyOfCell[hex];
    }

    public double latitude(int hex) {
        return lat[hex];
    }

    public double longitude(int hex) {
        return lng[hex];
    }

    public int counties() {
        return countyFips.length;
    }

    public int states() {
        return stateFips.length;
    }

    public int stateOf(int county) {
        return stateOfCounty[county];
    }

    public String countyFips(int county) {
        return countyFips[county];
    }

    public String countyName(int county) {
        return countyNames[county];
    }

    public String stateFips(int state) {
        return stateFips[state];
    }

    public String stateName(int state) {
        return stateNames[state];
    }

    /** The hex that is the county's seat. */
    public int seat(int county) {
        return seatOfCounty[county];
    }

    /** The H3 string form of a cell, as the reference design stores it (varchar(16)). */
    public static String cellText(long cell) {
        return Long.toHexString(cell);
    }

    /** The cell's children one resolution finer: the substrate under a map hex. */
    public static long[] children(long cell) {
        H3Core h3 = h3();
        return h3.cellToChildren(cell, h3.getResolution(cell) + 1).stream().mapToLong(Long::longValue).toArray();
    }

    /** The cell's boundary as (latitude, longitude) vertices, for a polygon. */
    public static List<LatLng> boundary(long cell) {
        return h3().cellToBoundary(cell);
    }
}
