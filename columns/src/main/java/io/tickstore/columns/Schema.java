package io.tickstore.columns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape of a {@link Table}: a name, an integer version and an ordered list of columns.
 *
 * <p>A schema only ever grows forward: version {@code n} may add columns (with {@code sinceVersion = n}),
 * rename them (declaring the {@linkplain ColumnSpec#formerNames() former name}), widen their type, or drop
 * them. Snapshots record the schema they were written with, and a loader turns any older version into this
 * one; see {@code io.tickstore.snapshot.migrate}.
 *
 * <p>Schemas are immutable and built through {@link #builder(String, int)}, which checks everything at once
 * and reports every problem in one {@link SchemaException}.
 */
public final class Schema {
    /** Table and column names: a letter, then letters, digits or underscores, at most 63 characters. */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

    private final String name;
    private final int version;
    private final List<ColumnSpec> columns;
    private final Map<String, Integer> indexByName;

    private Schema(String name, int version, List<ColumnSpec> columns) {
        this.name = name;
        this.version = version;
        this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i).name(), i);
        }
        this.indexByName = index;
    }

    public static Builder builder(String name, int version) {
        return new Builder(name, version);
    }

    /** The table name this schema describes. */
    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    public int columnCount() {
        return columns.size();
    }

    public ColumnSpec column(int index) {
        return columns.get(index);
    }

    /** The position of a column, or -1 when the schema has no column of that name. */
    public int indexOf(String columnName) {
        Integer index = indexByName.get(columnName);
        return index == null ? -1 : index;
    }

    /** The column of that name; throws naming the schema and its columns when there is none. */
    public ColumnSpec column(String columnName) {
        int index = indexOf(columnName);
        if (index < 0) {
            throw new IllegalArgumentException("schema '" + name + "' v" + version + " has no column '" + columnName
                    + "' (columns: " + String.join(", ", columnNames()) + ")" + io.tickstore.columns.internal.DidYouMean.suffix(columnName,
                    columnNames()));
        }
        return columns.get(index);
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (ColumnSpec column : columns) {
            names.add(column.name());
        }
        return names;
    }

    /**
     * Bytes one row takes across all columns in their fixed buffers: every scalar, array and categorical code, and
     * the {@value ColumnLayout#VALUE_REF_BYTES}-byte reference of each variable-length value (whose bytes come on top).
     */
    public int rowWidth() {
        int width = 0;
        for (ColumnSpec column : columns) {
            width += column.layout().fixedRowBytes();
        }
        return width;
    }

    /** Whether every column is a scalar, as in every schema before the other kinds existed. */
    public boolean isScalarOnly() {
        for (ColumnSpec column : columns) {
            if (!column.layout().isScalar()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Schema)) {
            return false;
        }
        Schema other = (Schema) o;
        return version == other.version && name.equals(other.name) && columns.equals(other.columns);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + version) * 31 + columns.hashCode();
    }

    @Override
    public String toString() {
        return name + " v" + version + " " + columns;
    }

    /** Collects columns and checks the whole schema in {@link #build()}. */
    public static final class Builder {
        private final String name;
        private final int version;
        private final List<PendingColumn> pending = new ArrayList<>();

        private Builder(String name, int version) {
            this.name = name;
            this.version = version;
        }

        /** A column present since version 1 with an all-zero default. */
        public Builder column(String columnName, ColumnType type) {
            return column(columnName, type, 1);
        }

        /** A column of any layout, present since version 1, with its kind's default (zero, "", {@code null}, []). */
        public Builder column(String columnName, ColumnLayout layout) {
            return column(columnName, layout, 1);
        }

        /** A column of any layout with its kind's default. */
        public Builder column(String columnName, ColumnLayout layout, int sinceVersion) {
            return column(columnName, layout, sinceVersion, null);
        }

        /**
         * A column of any layout with a default in text form: a number (or NaN, Infinity, true, false) for every
         * element of a scalar or array column, the string of a categorical or {@code str} column, JSON for a
         * {@code json} column, a JSON array of strings for a {@code str[]} column; null for the kind's default.
         */
        public Builder column(String columnName, ColumnLayout layout, int sinceVersion, String defaultText) {
            pending.add(new PendingColumn(columnName, layout == null ? null : layout.toString(), sinceVersion, defaultText, List.of(), null));
            return this;
        }

        /**
         * A scalar or array column whose default (of every element) is given as bits, which carry any value exactly, as a
         * schema's JSON form holds it when the text is not enough.
         */
        public Builder column(String columnName, ColumnLayout layout, int sinceVersion, DefaultValue defaultValue, List<String> formerNames) {
            pending.add(new PendingColumn(columnName, layout.toString(), sinceVersion, null,
                    formerNames == null ? List.of() : formerNames, defaultValue));
            return this;
        }

        /** An array column of {@code shape} (row-major) since version 1, every element 0 by default: {@code f32[768]}, {@code f64[4,3]}. */
        public Builder array(String columnName, ColumnType element, int... shape) {
            return column(columnName, ColumnLayout.array(element, shape));
        }

        /** A categorical string column with {@code u16} codes (65,536 distinct strings) since version 1, default "". */
        public Builder categorical(String columnName) {
            return categorical(columnName, ColumnType.U16);
        }

        /** A categorical string column with codes of {@code codeType} ({@code u8}: 256 strings, {@code u16}, {@code u32}). */
        public Builder categorical(String columnName, ColumnType codeType) {
            return column(columnName, ColumnLayout.categorical(codeType));
        }

        /** A {@code str} column (UTF-8 text of any length) since version 1, default "". */
        public Builder string(String columnName) {
            return column(columnName, ColumnLayout.STRING);
        }

        /** A {@code json} column (canonical JSON text, {@link JsonText}) since version 1, default {@code null}. */
        public Builder json(String columnName) {
            return column(columnName, ColumnLayout.JSON);
        }

        /** A {@code str[]} column (a list of strings) since version 1, default []. */
        public Builder stringList(String columnName) {
            return column(columnName, ColumnLayout.STRING_LIST);
        }

        public Builder column(String columnName, ColumnType type, int sinceVersion) {
            pending.add(new PendingColumn(columnName, type == null ? null : type.typeName(), sinceVersion, null, List.of(), null));
            return this;
        }

        /**
         * The general form, with the type and default as text (as a manifest or a configuration file holds
         * them) so that unknown types and unparsable defaults are reported with every other problem. The type is a
         * {@link ColumnLayout} text ({@code f32}, {@code f32[768]}, {@code cat<u16>}, {@code str}, {@code json},
         * {@code str[]}); the default as {@link #column(String, ColumnLayout, int, String)} takes it.
         *
         * @param defaultText null for the all-zero default
         * @param formerNames names this column had in older versions, most recent first
         */
        public Builder column(String columnName, String typeName, int sinceVersion, String defaultText, List<String> formerNames) {
            pending.add(new PendingColumn(columnName, typeName, sinceVersion, defaultText, formerNames == null ? List.of() : formerNames, null));
            return this;
        }

        /** A column with a non-zero default. */
        public Builder column(String columnName, ColumnType type, int sinceVersion, DefaultValue defaultValue) {
            return column(columnName, type, sinceVersion, defaultValue, List.of());
        }

        /**
         * The general form with the default as bits, which carry any value exactly (the text form of a NaN does not
         * carry its payload), as a schema's JSON form holds it when the text is not enough.
         *
         * @param formerNames names this column had in older versions, most recent first
         */
        public Builder column(String columnName, ColumnType type, int sinceVersion, DefaultValue defaultValue,
                              List<String> formerNames) {
            pending.add(new PendingColumn(columnName, type.typeName(), sinceVersion, null,
                    formerNames == null ? List.of() : formerNames, defaultValue));
            return this;
        }

        /**
         * A column that older snapshots hold under one of {@code formerNames}; {@code sinceVersion} is still the
         * version in which the column first appeared, under whatever name.
         */
        public Builder renamedColumn(String columnName, ColumnType type, int sinceVersion, String... formerNames) {
            pending.add(new PendingColumn(columnName, type.typeName(), sinceVersion, null, List.of(formerNames), null));
            return this;
        }

        /** {@link #renamedColumn(String, ColumnType, int, String...)} for a column of any layout. */
        public Builder renamedColumn(String columnName, ColumnLayout layout, int sinceVersion, String... formerNames) {
            pending.add(new PendingColumn(columnName, layout.toString(), sinceVersion, null, List.of(formerNames), null));
            return this;
        }

        /** Checks every rule and returns the schema, or throws one exception listing every violation. */
        public Schema build() {
            List<String> errors = new ArrayList<>();
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                errors.add("table name '" + name + "' is not a valid identifier (" + IDENTIFIER.pattern() + ")");
            }
            if (version < 1) {
                errors.add("schema version " + version + " must be at least 1");
            }
            if (pending.isEmpty()) {
                errors.add("a schema needs at least one column");
            }
            Set<String> seen = new HashSet<>();
            Set<String> former = new LinkedHashSet<>(); // insertion order keeps the error list in column order
            List<ColumnSpec> built = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                PendingColumn c = pending.get(i);
                String where = "column " + i + " '" + c.name + "'";
                boolean ok = true;
                if (c.name == null || !IDENTIFIER.matcher(c.name).matches()) {
                    errors.add(where + ": name is not a valid identifier (" + IDENTIFIER.pattern() + ")");
                    ok = false;
                } else if (!seen.add(c.name)) {
                    errors.add(where + ": duplicate column name");
                    ok = false;
                }
                ColumnLayout layout = null;
                try {
                    layout = ColumnLayout.parse(c.typeName);
                } catch (IllegalArgumentException e) {
                    errors.add(where + ": " + e.getMessage());
                    ok = false;
                }
                ColumnType type = layout == null ? null : layout.type();
                if (c.sinceVersion < 1 || (version >= 1 && c.sinceVersion > version)) {
                    errors.add(where + ": sinceVersion " + c.sinceVersion + " is outside 1.." + version);
                    ok = false;
                }
                DefaultValue defaultValue = null;
                String defaultText = null;
                List<String> defaultItems = null;
                if (layout != null && (layout.kind() == ColumnKind.SCALAR || layout.kind() == ColumnKind.ARRAY)) {
                    if (c.defaultValue != null) {
                        if (c.defaultValue.type() == type) {
                            defaultValue = c.defaultValue;
                        } else {
                            errors.add(where + ": default " + c.defaultValue + " is a " + c.defaultValue.type() + " value, not " + type);
                            ok = false;
                        }
                    } else {
                        try {
                            defaultValue = c.defaultText == null ? DefaultValue.zero(type) : DefaultValue.parse(type, c.defaultText);
                        } catch (IllegalArgumentException e) {
                            errors.add(where + ": default " + e.getMessage());
                            ok = false;
                        }
                    }
                } else if (layout != null) {
                    defaultValue = DefaultValue.zero(type);
                    try {
                        if (c.defaultValue != null) {
                            throw new IllegalArgumentException("of a " + layout + " column is text, not " + c.defaultValue.type() + " bits");
                        }
                        switch (layout.kind()) {
                            case JSON:
                                defaultText = JsonText.canonical(c.defaultText == null ? "null" : c.defaultText);
                                break;
                            case STRING_LIST:
                                defaultItems = JsonText.parseStringArray(c.defaultText == null ? "[]" : c.defaultText);
                                defaultText = JsonText.stringArray(defaultItems);
                                break;
                            default:
                                defaultText = c.defaultText == null ? "" : c.defaultText;
                                io.tickstore.columns.internal.Utf8.checkText(defaultText, "the default");
                                break;
                        }
                    } catch (IllegalArgumentException e) {
                        errors.add(where + ": default " + e.getMessage());
                        ok = false;
                    }
                }
                for (String formerName : c.formerNames) {
                    if (formerName == null || !IDENTIFIER.matcher(formerName).matches()) {
                        errors.add(where + ": former name '" + formerName + "' is not a valid identifier");
                        ok = false;
                    } else if (formerName.equals(c.name)) {
                        errors.add(where + ": former name equals the current name");
                        ok = false;
                    } else if (!former.add(formerName)) {
                        errors.add(where + ": former name '" + formerName + "' is claimed by two columns");
                        ok = false;
                    }
                }
                if (ok) {
                    built.add(new ColumnSpec(c.name, layout, c.sinceVersion, defaultValue, defaultText, defaultItems, c.formerNames));
                }
            }
            for (String formerName : former) {
                if (seen.contains(formerName)) {
                    errors.add("former name '" + formerName + "' is also the name of a current column");
                }
            }
            if (!errors.isEmpty()) {
                throw new SchemaException("schema '" + name + "' v" + version, errors);
            }
            return new Schema(name, version, built);
        }

        private static final class PendingColumn {
            final String name;
            final String typeName;
            final int sinceVersion;
            final String defaultText;
            final List<String> formerNames;
            final DefaultValue defaultValue;

            PendingColumn(String name, String typeName, int sinceVersion, String defaultText, List<String> formerNames,
                          DefaultValue defaultValue) {
                this.name = name;
                this.typeName = typeName;
                this.sinceVersion = sinceVersion;
                this.defaultText = defaultText;
                this.formerNames = formerNames;
                this.defaultValue = defaultValue;
            }
        }
    }
}
