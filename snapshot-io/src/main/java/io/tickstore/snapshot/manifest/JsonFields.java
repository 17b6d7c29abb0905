package io.tickstore.snapshot.manifest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed access to the fields of a JSON tree for the codecs of this package: every refusal names the field by its
 * path ({@code tables[0].columns[2].rows}) and says what is wrong in words, and the caller decides what exception
 * that is ({@link SchemaCodec.Invalid}): a manifest's is a {@code SnapshotFormatException}, a journal's a
 * {@code PersistenceException}.
 */
final class JsonFields {
    private final SchemaCodec.Invalid invalid;

    JsonFields(SchemaCodec.Invalid invalid) {
        this.invalid = invalid;
    }

    /** The refusal of {@code field}, saying {@code what} is wrong with it. */
    RuntimeException bad(String field, String what) {
        return invalid.at(field, what, null);
    }

    JsonNode field(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw bad(join(where, name), "is missing");
        }
        return value;
    }

    JsonNode object(JsonNode node, String where) {
        if (!node.isObject()) {
            throw bad(where, "is not an object: " + abbreviate(node.toString()));
        }
        return node;
    }

    JsonNode array(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isArray()) {
            throw bad(join(where, name), "is not an array: " + abbreviate(value.toString()));
        }
        return value;
    }

    String text(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isTextual()) {
            throw bad(join(where, name), "is not a string: " + abbreviate(value.toString()));
        }
        return value.asText();
    }

    long nonNegativeLong(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw bad(join(where, name), "must be a non-negative integer, found " + abbreviate(value.toString()));
        }
        return value.longValue();
    }

    int intAtLeast(JsonNode node, String name, String where, int min) {
        JsonNode value = field(node, name, where);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min) {
            throw bad(join(where, name), "must be an integer of at least " + min + ", found " + abbreviate(value.toString()));
        }
        return value.intValue();
    }

    /** The path of field {@code name} of the node at {@code where} ({@code ""} for the root). */
    static String join(String where, String name) {
        return where.isEmpty() ? name : where + "." + name;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
