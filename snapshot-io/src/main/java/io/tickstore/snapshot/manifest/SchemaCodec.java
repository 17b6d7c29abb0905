package io.tickstore.snapshot.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.DefaultValue;
import io.tickstore.columns.Schema;
import io.tickstore.columns.SchemaException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Schema} as JSON, in the one form Tickstore writes it: the {@code schema} object of every table of a
 * manifest (FORMAT.md, "The manifest") and the schema a database journal records for each table of a session.
 *
 * <pre>
 * {"name": "creatures", "version": 1, "columns": [
 *   {"name": "pos_x", "type": "f32", "sinceVersion": 1, "default": "0.0", "formerNames": []}, ...]}
 * </pre>
 *
 * <p>{@code type} is the column's {@link ColumnLayout} text ({@code f32}, {@code f32[768]}, {@code cat<u16>}, {@code str},
 * {@code json}, {@code str[]}). {@code default} is the text {@link DefaultValue} prints and parses (of every element, for
 * an array), or for the other kinds the default string, canonical JSON, or JSON array of strings. The one default that text cannot carry
 * exactly, a NaN with another payload than the one {@code "NaN"} parses to, is written with its stored bits as well,
 * {@code "defaultBits"} (a signed 64-bit integer) after {@code "default"}; every other column is written without them,
 * so a manifest of any other schema is what it always was. Reading takes {@code defaultBits} when they are there and
 * are the default the text spells, or a NaN where the text says NaN (journals written before this codec recorded them
 * for every column), and refuses them otherwise. A schema reads back {@code equals} to the one written, every default
 * bit for bit.
 *
 * <p>Stateless and thread-safe.
 */
public final class SchemaCodec {
    /** The field that carries a default's bits where its text does not. */
    public static final String DEFAULT_BITS = "defaultBits";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How a caller refuses a schema tree: a manifest with a {@code SnapshotFormatException}, a journal otherwise. */
    @FunctionalInterface
    public interface Invalid {
        /**
         * The exception for {@code field}, a path such as {@code tables[0].schema.columns[2].default} (the schema's
         * own path for a schema that breaks the rules as a whole), of which {@code what} says what is wrong.
         *
         * @param cause what found it, or null
         */
        RuntimeException at(String field, String what, Throwable cause);
    }

    private SchemaCodec() {
    }

    /** The schema as a tree, fields in the order above. */
    public static ObjectNode toTree(Schema schema) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("name", schema.name());
        root.put("version", schema.version());
        ArrayNode columns = root.putArray("columns");
        for (ColumnSpec spec : schema.columns()) {
            ObjectNode c = columns.addObject();
            c.put("name", spec.name());
            c.put("type", spec.layout().toString());
            c.put("sinceVersion", spec.sinceVersion());
            c.put("default", spec.defaultAsText());
            if (spec.defaultText() == null && !textCarries(spec.defaultValue())) {
                c.put(DEFAULT_BITS, spec.defaultValue().bits());
            }
            ArrayNode former = c.putArray("formerNames");
            spec.formerNames().forEach(former::add);
        }
        return root;
    }

    /** The schema as compact JSON text. */
    public static String toJson(Schema schema) {
        return toTree(schema).toString();
    }

    /**
     * Rebuilds a schema from JSON text.
     *
     * @param where the path of the schema, prefixed to every field named in a refusal ({@code ""} for none)
     */
    public static Schema fromJson(String json, String where, Invalid invalid) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid.at(where, "is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw invalid.at(where, "is empty", null);
        }
        return fromTree(new JsonFields(invalid).object(root, where), where, invalid);
    }

    /**
     * Rebuilds a schema from its tree, checking every field: presence, JSON type and range, then the schema's own
     * rules ({@link Schema.Builder#build()}: every violation in one refusal of {@code where}).
     *
     * @param where the path of the schema, prefixed to every field named in a refusal ({@code ""} for none)
     */
    public static Schema fromTree(JsonNode node, String where, Invalid invalid) {
        JsonFields fields = new JsonFields(invalid);
        String name = fields.text(node, "name", where);
        int version = fields.intAtLeast(node, "version", where, 1);
        JsonNode columnsNode = fields.array(node, "columns", where);
        Schema.Builder builder = Schema.builder(name, version);
        for (int c = 0; c < columnsNode.size(); c++) {
            String at = JsonFields.join(where, "columns[" + c + "]");
            JsonNode column = fields.object(columnsNode.get(c), at);
            JsonNode formerNode = fields.array(column, "formerNames", at);
            List<String> former = new ArrayList<>();
            for (int f = 0; f < formerNode.size(); f++) {
                JsonNode formerName = formerNode.get(f);
                if (!formerName.isTextual()) {
                    throw fields.bad(at + ".formerNames[" + f + "]", "is not a string: " + formerName);
                }
                former.add(formerName.asText());
            }
            String columnName = fields.text(column, "name", at);
            String typeName = fields.text(column, "type", at);
            int since = fields.intAtLeast(column, "sinceVersion", at, 1);
            String defaultText = fields.text(column, "default", at);
            ColumnLayout layout = numericLayout(typeName);
            DefaultValue exact = exactDefault(column.get(DEFAULT_BITS), layout == null ? null : layout.type(), defaultText,
                    JsonFields.join(at, DEFAULT_BITS), fields);
            if (exact != null) {
                builder.column(columnName, layout, since, exact, former);
            } else {
                builder.column(columnName, typeName, since, defaultText, former);
            }
        }
        try {
            return builder.build();
        } catch (SchemaException e) {
            throw invalid.at(where, "is not a valid schema: " + String.join("; ", e.errors()), e);
        }
    }

    /**
     * The default {@code bits} give, when there are bits and both they and the text are usable; null leaves the
     * default to the text (where the builder reports an unknown type or an unparsable default with every other
     * problem of the schema).
     */
    private static DefaultValue exactDefault(JsonNode bits, ColumnType type, String text, String field, JsonFields fields) {
        if (bits == null || bits.isNull()) {
            return null;
        }
        if (!bits.isIntegralNumber() || !bits.canConvertToLong()) {
            throw fields.bad(field, "must be a 64-bit integer, found " + JsonFields.abbreviate(bits.toString()));
        }
        if (type == null) {
            return null;
        }
        DefaultValue spelled;
        try {
            spelled = DefaultValue.parse(type, text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        DefaultValue exact = DefaultValue.ofBits(type, bits.longValue());
        if (exact.equals(spelled) || (isNaN(exact) && isNaN(spelled))) {
            return exact;
        }
        throw fields.bad(field, "is " + bits.longValue() + ", which is not the " + type + " default \"" + text + "\"");
    }

    /** The layout of a scalar or array type text, or null (another kind, or text the builder will report). */
    private static ColumnLayout numericLayout(String typeName) {
        try {
            ColumnLayout layout = ColumnLayout.parse(typeName);
            return layout.kind() == ColumnKind.SCALAR || layout.kind() == ColumnKind.ARRAY ? layout : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the text form reads back as exactly this default (all but NaNs with another payload than "NaN"'s). */
    private static boolean textCarries(DefaultValue value) {
        try {
            return DefaultValue.parse(value.type(), value.toString()).equals(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isNaN(DefaultValue value) {
        switch (value.type()) {
            case F32: return (value.bits() >>> 32) == 0 && Float.isNaN(Float.intBitsToFloat((int) value.bits()));
            case F64: return Double.isNaN(Double.longBitsToDouble(value.bits()));
            default: return false;
        }
    }
}
