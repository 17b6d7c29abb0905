package io.tickstore.backends.internal.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.DefaultValue;
import io.tickstore.columns.Schema;
import io.tickstore.columns.SchemaException;
import io.tickstore.columns.TickstoreException.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Schema} as the JSON text a session records, so hydrate rebuilds tables with exactly the schema they
 * were persisted with (defaults, {@code sinceVersion}, former names included).
 *
 * <pre>
 * {"name":"creatures","version":1,"columns":[
 *   {"name":"pos_x","type":"f32","sinceVersion":1,"default":"0.0","defaultBits":0,"formerNames":[]}, ...]}
 * </pre>
 *
 * {@code default} is the readable form; {@code defaultBits} is what is read back, because the text of a NaN does
 * not carry its payload.
 */
public final class SchemaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaJson() {
    }

    /**
     * The schema as compact JSON. Throws {@link Problem#INVALID_INPUT} for the one schema this form cannot carry
     * exactly: a renamed column whose default is a NaN with a payload.
     */
    public static String encode(Schema schema) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", schema.name());
        root.put("version", schema.version());
        ArrayNode columns = root.putArray("columns");
        for (ColumnSpec spec : schema.columns()) {
            ObjectNode c = columns.addObject();
            c.put("name", spec.name());
            c.put("type", spec.type().typeName());
            c.put("sinceVersion", spec.sinceVersion());
            c.put("default", spec.defaultValue().toString());
            c.put("defaultBits", spec.defaultValue().bits());
            ArrayNode former = c.putArray("formerNames");
            spec.formerNames().forEach(former::add);
        }
        String json = root.toString();
        if (!decode(json, "schema '" + schema.name() + "'").equals(schema)) {
            throw new PersistenceException(Problem.INVALID_INPUT, "schema '" + schema.name() + "' v" + schema.version()
                    + " cannot be recorded exactly (a renamed column with a NaN default keeps only the text of its default)");
        }
        return json;
    }

    /** Rebuilds a schema; throws {@link Problem#CORRUPT_JOURNAL} naming {@code where} when the text is not one. */
    public static Schema decode(String json, String where) {
        try {
            JsonNode root = MAPPER.readTree(json);
            Schema.Builder builder = Schema.builder(text(root, "name"), root.path("version").asInt(-1));
            for (JsonNode c : root.path("columns")) {
                String name = text(c, "name");
                String typeName = text(c, "type");
                int since = c.path("sinceVersion").asInt(-1);
                List<String> former = new ArrayList<>();
                c.path("formerNames").forEach(n -> former.add(n.asText()));
                ColumnType type = ColumnType.byName(typeName);
                if (type != null && former.isEmpty()) {
                    builder.column(name, type, since, DefaultValue.ofBits(type, c.path("defaultBits").asLong()));
                } else {
                    builder.column(name, typeName, since, text(c, "default"), former);
                }
            }
            return builder.build();
        } catch (JsonProcessingException | SchemaException e) {
            throw new PersistenceException(Problem.CORRUPT_JOURNAL, where + ": the recorded schema is unreadable: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
