package io.tickstore.vectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.lucene.util.FixedBitSet;

/**
 * Which rows' metadata hold each path and value, so that a containment filter is answered by intersecting lists
 * instead of parsing every row (the idea of PostgreSQL's {@code jsonb_path_ops} GIN index).
 *
 * <p>A row's metadata is flattened into tokens: one per object and array it holds (its path and {@code {}} or
 * {@code []}) and one per scalar (its path and its value, numbers in one spelling so that {@code 1} and {@code 1.0}
 * meet). A path records each step as a key of an object or as "some element of an array". The rows holding every
 * token of a filter are the rows containing it, exactly, unless the filter has an object or an array inside an array:
 * then two tokens may come from two different elements, and each candidate is checked with
 * {@link JsonContainment} ({@link Filter#needsCheck()}).
 */
public final class MetadataPostings {
    private static final char STEP = '\u0001';
    private final Map<String, IntList> postings = new HashMap<>();

    /** Records row {@code ordinal}'s metadata; rows are added in increasing order. */
    public void add(int ordinal, JsonNode metadata) {
        List<String> tokens = new ArrayList<>();
        flatten(metadata, "", tokens);
        for (String token : tokens) {
            postings.computeIfAbsent(token, t -> new IntList()).addOnce(ordinal);
        }
    }

    /** The tokens of a filter and whether its candidates need a check. */
    public static Filter filter(JsonNode where) {
        List<String> tokens = new ArrayList<>();
        flatten(where, "", tokens);
        return new Filter(where, tokens, nestedInArray(where, false));
    }

    /**
     * The rows among {@code live} whose metadata contains the filter, as a new bit set of {@code rows} bits;
     * {@code metadataOf} parses a row's metadata when the filter needs a check.
     */
    public FixedBitSet matching(Filter filter, FixedBitSet live, int rows, IntFunction<JsonNode> metadataOf) {
        FixedBitSet result = new FixedBitSet(Math.max(rows, 1));
        IntList shortest = null;
        for (String token : filter.tokens) {
            IntList list = postings.get(token);
            if (list == null) {
                return result;
            }
            if (shortest == null || list.size < shortest.size) {
                shortest = list;
            }
        }
        if (shortest == null) {
            result.or(live);
            return result;
        }
        for (int i = 0; i < shortest.size; i++) {
            int row = shortest.values[i];
            if (row < rows && live.get(row)) {
                result.set(row);
            }
        }
        for (String token : filter.tokens) {
            IntList list = postings.get(token);
            if (list != shortest) {
                FixedBitSet other = new FixedBitSet(result.length());
                for (int i = 0; i < list.size; i++) {
                    if (list.values[i] < rows) {
                        other.set(list.values[i]);
                    }
                }
                result.and(other);
            }
        }
        if (filter.needsCheck) {
            for (int row = result.nextSetBit(0); row != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                 row = row + 1 < result.length() ? result.nextSetBit(row + 1) : org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
                if (!JsonContainment.contains(metadataOf.apply(row), filter.where)) {
                    result.clear(row);
                }
            }
        }
        return result;
    }

    private static void flatten(JsonNode node, String path, List<String> into) {
        if (node.isObject()) {
            into.add(path + "{}");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                flatten(member.getValue(), path + STEP + 'k' + member.getKey().replace("\\", "\\\\").replace("\u0001", "\\1") + STEP, into);
            }
        } else if (node.isArray()) {
            into.add(path + "[]");
            for (JsonNode element : node) {
                flatten(element, path + STEP + 'e', into);
            }
        } else {
            into.add(path + '=' + scalar(node));
        }
    }

    private static String scalar(JsonNode node) {
        if (node.isNumber()) {
            java.math.BigDecimal value = node.decimalValue();
            return "n" + (value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
        }
        if (node.isTextual()) {
            return "s" + node.textValue();
        }
        return node.isBoolean() ? (node.booleanValue() ? "t" : "f") : "z";
    }

    private static boolean nestedInArray(JsonNode node, boolean inArray) {
        if (node.isContainerNode() && inArray) {
            return true;
        }
        for (JsonNode child : node) {
            if (nestedInArray(child, node.isArray())) {
                return true;
            }
        }
        return false;
    }

    /** A parsed filter: the JSON, its tokens, and whether matching rows are checked one by one. */
    public static final class Filter {
        private final JsonNode where;
        private final List<String> tokens;
        private final boolean needsCheck;

        Filter(JsonNode where, List<String> tokens, boolean needsCheck) {
            this.where = where;
            this.tokens = tokens;
            this.needsCheck = needsCheck;
        }

        public boolean needsCheck() {
            return needsCheck;
        }
    }

    /** A growing list of ascending row numbers. */
    private static final class IntList {
        int[] values = new int[4];
        int size;

        void addOnce(int value) {
            if (size > 0 && values[size - 1] == value) {
                return;
            }
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }
}
