package io.tickstore.columns;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One column of a {@link Schema}: its name, its {@link ColumnLayout} (kind, type, shape), the schema version that
 * introduced it, the value a row holds before anything is written to it, and the names it was known by in older
 * versions.
 *
 * <p>{@code sinceVersion} is what lets a reader tell "this value was zero" from "this column did not exist
 * yet": a snapshot written at schema version 2 holds no file for a column with {@code sinceVersion = 3},
 * and a reader fills that column with its default.
 *
 * <p>The default of a scalar column (and of every element of an array column) is kept as the raw bits of the stored
 * value ({@link #defaultValue()}): for integer types the value itself (two's complement, so a {@code u64} above
 * {@code Long.MAX_VALUE} is negative here), for {@code f32} the {@link Float#floatToRawIntBits float bits}, for
 * {@code f64} the {@link Double#doubleToRawLongBits double bits}, for {@code bool} 0 or 1. The default of a
 * categorical, {@code str}, {@code json} or {@code str[]} column is text ({@link #defaultText()}): the string, the
 * canonical JSON, or a JSON array of the strings. Instances are made and checked by {@link Schema.Builder}.
 */
public final class ColumnSpec {
    private final String name;
    private final ColumnLayout layout;
    private final int sinceVersion;
    private final DefaultValue defaultValue;
    private final String defaultText;
    private final List<String> defaultItems;
    private final List<String> formerNames;

    ColumnSpec(String name, ColumnLayout layout, int sinceVersion, DefaultValue defaultValue, String defaultText,
               List<String> defaultItems, List<String> formerNames) {
        this.name = name;
        this.layout = layout;
        this.sinceVersion = sinceVersion;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.defaultItems = defaultItems == null ? null : List.copyOf(defaultItems);
        this.formerNames = List.copyOf(formerNames);
    }

    public String name() {
        return name;
    }

    /** What the column's rows hold. */
    public ColumnLayout layout() {
        return layout;
    }

    public ColumnKind kind() {
        return layout.kind();
    }

    /** The type of the stored values: see {@link ColumnLayout#type()}. */
    public ColumnType type() {
        return layout.type();
    }

    /** The schema version in which this column first appeared (1 for the original columns). */
    public int sinceVersion() {
        return sinceVersion;
    }

    /**
     * What a new row, or a row loaded from a snapshot without this column, holds: for a scalar column its value, for
     * an array column every element's; for the other kinds the zero of {@link #type()} (their default is
     * {@link #defaultText()}).
     */
    public DefaultValue defaultValue() {
        return defaultValue;
    }

    /**
     * The default of a categorical, {@code str}, {@code json} or {@code str[]} column as text: the string, the
     * canonical JSON, a JSON array of the strings; null for scalar and array columns.
     */
    public String defaultText() {
        return defaultText;
    }

    /** The default as the text a manifest records: {@link #defaultText()}, else the text of {@link #defaultValue()}. */
    public String defaultAsText() {
        return defaultText != null ? defaultText : defaultValue.toString();
    }

    /** A {@code str[]} column's default list; null for other kinds. */
    List<String> defaultItems() {
        return defaultItems;
    }

    /**
     * The bytes a new row of a variable-length column holds, as the column stores them (UTF-8; canonical JSON; a
     * {@code str[]}'s strings each followed by a 0 byte): what a loader fills a column with that a snapshot lacks.
     */
    public byte[] defaultBytes() {
        switch (layout.kind()) {
            case STRING: case JSON: return defaultText.getBytes(StandardCharsets.UTF_8);
            case STRING_LIST: return StringLists.encode(defaultItems);
            default: throw new IllegalStateException(name + " is not variable-length");
        }
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
        return sinceVersion == other.sinceVersion && name.equals(other.name) && layout.equals(other.layout)
                && defaultValue.equals(other.defaultValue) && Objects.equals(defaultText, other.defaultText)
                && formerNames.equals(other.formerNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, layout, sinceVersion, defaultValue, defaultText, formerNames);
    }

    @Override
    public String toString() {
        String dflt = defaultText != null ? (defaultText.isEmpty() || defaultText.equals("null") || defaultText.equals("[]") ? "" : "=" + defaultText)
                : defaultValue.isZero() ? "" : "=" + defaultValue;
        return name + ":" + layout + "@v" + sinceVersion + dflt;
    }
}
