/**
 * Benchmarks of the hex journal on PostgreSQL at the reference design's scale (H3 resolution 6: 3,100 counties of
 * 71 hexes, 220,100 map hexes, 1.54 million substrate cells, 5,000 active hexes a tick), beside the peers a user would
 * otherwise pick: one tick's persist, the refresh's two phases, reconstruction of a past tick, the substrate load, and
 * (a command, {@link io.tickstore.jmh.geo.GeoStorage}) the storage of a 260-tick session.
 *
 * <p>The world is synthetic and made by the server ({@link io.tickstore.jmh.geo.SyntheticGeoWorld}): what is
 * measured is the journal's SQL and COPY, not a simulation, and a setup of seconds rather than minutes keeps runs
 * short on a small machine. Every benchmark works in a schema of its own, dropped when its trial ends.
 */
package io.tickstore.jmh.geo;
