package io.tickstore.backends.hex;

/**
 * One map hex at one tick, as hex_latest holds it and as {@link HexCache#reconstruct} rebuilds it: the county's
 * economics broadcast to the hex, the hex's activity, its substrate rolled up, and the factions derived from the
 * county's classes.
 */
public record HexState(String h3Index, String countyFips, String stateFips, int tick, Economy economy,
        Activity activity, Terrain terrain, Factions factions) {

    /** The county's economics, identical in every hex of the county (pop_total is the county's, not the hex's). */
    public record Economy(long popTotal, long mobilizablePop, float profitRate, float exploitationRate, float occ,
            float imperialRent, float wageRate, String dominantClass, float classB, float classPb, float classP,
            float classL, ValueTensor valueTensor) {
    }

    /**
     * The county's ValueTensor4x3: classes b (bourgeoisie), pb (petty bourgeoisie), p (proletariat), l (lumpen) by
     * c (constant capital), v (variable capital), s (surplus value).
     */
    public record ValueTensor(float bC, float bV, float bS, float pbC, float pbV, float pbS, float pC, float pV,
            float pS, float lC, float lV, float lS) {
    }

    /**
     * The hex's activity: its latest activity row, which holds until the hex is touched again. {@code activityTick}
     * is that row's tick (null: the hex was never touched, every field its default).
     */
    public record Activity(Integer activityTick, float heat, float heatDelta, short orgCount, float orgPresence,
            short actionsTaken, String responseMode) {
    }

    /** The hex's substrate, rolled up from its children: the most frequent terrain, means and any-of flags. */
    public record Terrain(String terrainType, float waterCoverage, float internetAccess, boolean broadband,
            float surveillance, boolean urban) {
    }

    /** Derived from the county's classes: left = p + l, center = pb, right = b. */
    public record Factions(float left, float center, float right) {
    }
}
