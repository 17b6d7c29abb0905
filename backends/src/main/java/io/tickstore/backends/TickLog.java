package io.tickstore.backends;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstore.columns.TickstoreException.Problem;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The replay metadata of one tick, recorded by {@link RuntimePersistence#logTick}: the generator state the tick
 * started from, the mutations it made, the invariant checks it ran, how long it took and how long each system took.
 * Every field but the tick is optional (absent is stored as SQL {@code NULL}).
 *
 * <p>Mutations and invariant checks are JSON values kept in canonical form, so a log read back equals the log
 * written. Build one with {@link #builder(long)}.
 */
public final class TickLog {
    private final long tick;
    private final byte[] rngState;
    private final String mutationsJson;
    private final String invariantChecksJson;
    private final Double wallTimeMs;
    private final SortedMap<String, Double> systemTimingsMs;

    private TickLog(Builder b) {
        this.tick = b.tick;
        this.rngState = b.rngState == null ? null : b.rngState.clone();
        this.mutationsJson = b.mutationsJson;
        this.invariantChecksJson = b.invariantChecksJson;
        this.wallTimeMs = b.wallTimeMs;
        this.systemTimingsMs = Collections.unmodifiableSortedMap(new TreeMap<>(b.systemTimingsMs));
    }

    public static Builder builder(long tick) {
        return new Builder(tick);
    }

    public long tick() {
        return tick;
    }

    /** A copy of the generator state, or null when none was logged. */
    public byte[] rngState() {
        return rngState == null ? null : rngState.clone();
    }

    /** Canonical JSON, or null. */
    public String mutationsJson() {
        return mutationsJson;
    }

    /** Canonical JSON, or null. */
    public String invariantChecksJson() {
        return invariantChecksJson;
    }

    public OptionalDouble wallTimeMs() {
        return wallTimeMs == null ? OptionalDouble.empty() : OptionalDouble.of(wallTimeMs);
    }

    /** Milliseconds per system, by system name; empty when none were logged. */
    public SortedMap<String, Double> systemTimingsMs() {
        return systemTimingsMs;
    }

    /** The timings as a canonical JSON object, or null when there are none (how the backends store them). */
    public String systemTimingsJson() {
        return systemTimingsMs.isEmpty() ? null : JsonPayload.write(systemTimingsMs);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TickLog)) {
            return false;
        }
        TickLog other = (TickLog) o;
        return tick == other.tick && Arrays.equals(rngState, other.rngState) && Objects.equals(mutationsJson, other.mutationsJson)
                && Objects.equals(invariantChecksJson, other.invariantChecksJson) && Objects.equals(wallTimeMs, other.wallTimeMs)
                && systemTimingsMs.equals(other.systemTimingsMs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tick, Arrays.hashCode(rngState), mutationsJson, invariantChecksJson, wallTimeMs, systemTimingsMs);
    }

    @Override
    public String toString() {
        return "TickLog[tick " + tick + (rngState == null ? "" : ", rng " + rngState.length + " bytes")
                + (mutationsJson == null ? "" : ", mutations " + mutationsJson)
                + (invariantChecksJson == null ? "" : ", invariant checks " + invariantChecksJson)
                + (wallTimeMs == null ? "" : ", " + wallTimeMs + " ms") + (systemTimingsMs.isEmpty() ? "" : ", systems " + systemTimingsMs) + "]";
    }

    /** Collects a log's fields; {@link #build()} checks nothing further, every setter checks its own argument. */
    public static final class Builder {
        private final long tick;
        private byte[] rngState;
        private String mutationsJson;
        private String invariantChecksJson;
        private Double wallTimeMs;
        private final SortedMap<String, Double> systemTimingsMs = new TreeMap<>();

        private Builder(long tick) {
            if (tick < 0) {
                throw new PersistenceException(Problem.INVALID_INPUT, "tick " + tick + " is negative; ticks count from 0");
            }
            this.tick = tick;
        }

        public Builder rngState(byte[] state) {
            this.rngState = state == null ? null : state.clone();
            return this;
        }

        /** Any JSON value describing the tick's mutations; null for none. */
        public Builder mutations(String json) {
            this.mutationsJson = json == null ? null : JsonPayload.canonical(json, "mutations of tick " + tick);
            return this;
        }

        /** Any JSON value describing the invariant checks the tick ran; null for none. */
        public Builder invariantChecks(String json) {
            this.invariantChecksJson = json == null ? null : JsonPayload.canonical(json, "invariant checks of tick " + tick);
            return this;
        }

        public Builder wallTimeMs(double ms) {
            this.wallTimeMs = checkDuration(ms, "wall time");
            return this;
        }

        public Builder systemTiming(String system, double ms) {
            if (system == null || system.isEmpty()) {
                throw new PersistenceException(Problem.INVALID_INPUT, "tick " + tick + ": a system timing needs a non-empty system name");
            }
            systemTimingsMs.put(system, checkDuration(ms, "time of system '" + system + "'"));
            return this;
        }

        /** Restores timings stored by {@link TickLog#systemTimingsJson()}; null for none. */
        public Builder systemTimingsJson(String json) {
            if (json == null) {
                return this;
            }
            JsonNode tree = JsonPayload.parse(json, "system timings of tick " + tick);
            if (!tree.isObject()) {
                throw new PersistenceException(Problem.INVALID_INPUT, "system timings of tick " + tick + " must be a JSON object, not " + json);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNumber()) {
                    throw new PersistenceException(Problem.INVALID_INPUT, "system timing '" + e.getKey() + "' of tick " + tick + " is not a number");
                }
                systemTiming(e.getKey(), e.getValue().doubleValue());
            }
            return this;
        }

        private Double checkDuration(double ms, String what) {
            if (!(ms >= 0) || Double.isInfinite(ms)) {
                throw new PersistenceException(Problem.INVALID_INPUT, "tick " + tick + ": " + what + " " + ms + " ms is not a finite non-negative number");
            }
            return ms;
        }

        public TickLog build() {
            return new TickLog(this);
        }
    }
}
