package io.tickstore.jmh.regress;

/**
 * A Tickstore benchmark's time divided by its peer's (or floor's) time, both from the same run: below 1 Tickstore
 * is faster, 1.2 means it takes 1.2 times the peer's time. Ratios, not scores, are what runs are compared on: a host
 * that is faster or slower today moves both sides.
 *
 * @param name  {@code ours ÷ peer}, stable from run to run
 * @param ours  the Tickstore measurement's name
 * @param peer  the peer's name ({@code numpy:...} for the numpy peer)
 * @param ratio ours' nanoseconds ÷ the peer's
 * @param error the ratio's error half-width: both sides' relative errors added in quadrature, times the ratio
 */
public record Ratio(String name, String ours, String peer, double ratio, double error) {

    static Ratio of(Measurement ours, Measurement peer) {
        double ratio = ours.nanos() / peer.nanos();
        double relative = Math.hypot(ours.relativeError(), peer.relativeError());
        return new Ratio(ours.name() + " ÷ " + peer.name(), ours.name(), peer.name(), ratio, ratio * relative);
    }

    double low() {
        return ratio - error;
    }

    double high() {
        return ratio + error;
    }
}
