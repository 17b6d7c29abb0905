package io.tickstore.columns;

import java.util.List;
import java.util.Objects;

/**
 * One column of a {@link Schema}: its name, type, the schema version that introduced it, the value a row
 * holds before anything is written to it, and the names it was known by in older versions.
 *
 * <p>{@code sinceVersion} is what lets a reader tell "this value was zero" from "this column did not exist
 * yet": a snapshot written at schema version 2 holds no file for a column with {@code sinceVersion = 3},
 * and a reader fills that column with {@link #defaultValue()}.
 *
 * <p>The default is kept as the raw bits of the stored value: for integer types the value itself (two's
 * complement, so a {@code u64} above {@code Long.MAX_VALUE} is negative here), for {@code f32} the
 * {@link Float#floatToRawIntBits float bits}, for {@code f64} the {@link Double#doubleToRawLongBits double
 * bits}, for {@code bool} 0 or 1. Instances are made and checked by {@link Schema.Builder}.
 */
public final class ColumnSpec {
    private final String name;
    private final ColumnType type;
    private final int sinceVersion;
    private final DefaultValue defaultValue;
    private final List<String> formerNames;

    ColumnSpec(String name, ColumnType type, int sinceVersion, DefaultValue defaultValue, List<String> formerNames) {
        this.name = name;
        this.type = type;
        this.sinceVersion = sinceVersion;
        this.defaultValue = defaultValue;
        this.formerNames = List.copyOf(formerNames);
    }

    public String name() {
        return name;
    }

    public ColumnType type() {
        return type;
    }

    /** The schema version in which this column first appeared (1 for the original columns). */
    public int sinceVersion() {
        return sinceVersion;
    }

    /** What a new row, or a row loaded from a snapshot without this column, holds. */
    public DefaultValue defaultValue() {
        return defaultValue;
    }

    /** Names this column had in older schema versions, most recent first; a loader looks for them in order. */
    public List<String> formerNames() {
        return formerNames;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ColumnSpec)) {
            return false;
        }
        ColumnSpec other = (ColumnSpec) o;
        return sinceVersion == other.sinceVersion && name.equals(other.name) && type == other.type
                && defaultValue.equals(other.defaultValue) && formerNames.equals(other.formerNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, sinceVersion, defaultValue, formerNames);
    }

    @Override
    public String toString() {
        return name + ":" + type + "@v" + sinceVersion + (defaultValue.isZero() ? "" : "=" + defaultValue);
    }
}
