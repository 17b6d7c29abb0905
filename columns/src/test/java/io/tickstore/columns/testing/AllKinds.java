package io.tickstore.columns.testing;

import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.JsonText;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A schema with a column of every kind other than scalar (an array of every element type, multi-dimensional ones,
 * categorical columns of every code width, str, json, str[]) plus a scalar, and random values for it, as the tests
 * of every module write, store, log and read them. A value is a {@code long[]} of element bits for an array, a
 * {@link String} for categorical, str and json columns (json in canonical text), a {@code List<String>} for str[]
 * and a {@code Long} of bits for a scalar.
 */
public final class AllKinds {
    /** Strings that exercise UTF-8: empty, ASCII, two, three and four-byte characters, quotes, controls. */
    private static final String[] PIECES = {"", "a", "Zebra", "é", "中文", "😀", "\"q\"", "back\\slash", "tab\t", "line\nfeed",
            "\u0001", "12345", " ", "ü-ß", "🦊🦊"};

    private AllKinds() {
    }

    /** One scalar, an array of each element type, two multi-dimensional arrays, three categorical widths, str, json, str[]. */
    public static Schema schema(String name) {
        Schema.Builder b = Schema.builder(name, 1).column("n", ColumnType.U32);
        for (ColumnType type : ColumnType.values()) {
            b.array("a_" + type.typeName(), type, type.byteWidth() == 8 ? 3 : 2);
        }
        return b.column("tensor", ColumnLayout.array(ColumnType.F64, 4, 3))
                .column("cube", ColumnLayout.array(ColumnType.I16, 2, 2, 2), 1, "-3")
                .column("embedding", ColumnLayout.array(ColumnType.F32, 16), 1, "0.5")
                .categorical("terrain", ColumnType.U8)
                .column("county", ColumnLayout.categorical(ColumnType.U16), 1, "unknown")
                .categorical("big", ColumnType.U32)
                .string("note")
                .column("label", ColumnLayout.STRING, 1, "none")
                .json("attributes")
                .column("meta", ColumnLayout.JSON, 1, "{\"b\": 1, \"a\": [true, null]}")
                .stringList("org_ids")
                .column("tags", ColumnLayout.STRING_LIST, 1, "[\"x\", \"\"]")
                .build();
    }

    /** A random value for a column (see the class comment for the forms). */
    public static Object randomValue(SplittableRandom random, ColumnSpec spec) {
        switch (spec.kind()) {
            case SCALAR:
                return canonicalBits(spec.type(), random.nextLong());
            case ARRAY: {
                long[] bits = new long[spec.layout().elements()];
                for (int i = 0; i < bits.length; i++) {
                    bits[i] = canonicalBits(spec.type(), random.nextInt(4) == 0 ? specialBits(random, spec.type()) : random.nextLong());
                }
                return bits;
            }
            case CATEGORICAL:
                return random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)] : "cat-" + random.nextInt(spec.type() == ColumnType.U8 ? 40 : 400);
            case STRING:
                return randomString(random, 6);
            case JSON:
                return JsonText.canonical(randomJson(random, 0));
            default: {
                List<String> items = new ArrayList<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    items.add(randomString(random, 3));
                }
                return items;
            }
        }
    }

    /** A value's default for a column, in the value forms. */
    public static Object defaultValue(ColumnSpec spec) {
        switch (spec.kind()) {
            case SCALAR:
                return spec.defaultValue().bits();
            case ARRAY: {
                long[] bits = new long[spec.layout().elements()];
                Arrays.fill(bits, spec.defaultValue().bits());
                return bits;
            }
            case STRING_LIST:
                return JsonText.parseStringArray(spec.defaultText());
            default:
                return spec.defaultText();
        }
    }

    /** Writes a value through the table's typed API (arrays alternately element by element and whole). */
    @SuppressWarnings("unchecked")
    public static void write(Table table, int column, long slot, Object value, SplittableRandom random) {
        switch (table.columnKind(column)) {
            case SCALAR:
                table.setBits(column, slot, (Long) value);
                break;
            case ARRAY: {
                long[] bits = (long[]) value;
                if (random.nextBoolean()) {
                    for (int i = 0; i < bits.length; i++) {
                        table.setBits(column, slot, i, bits[i]);
                    }
                } else {
                    java.nio.ByteBuffer row = java.nio.ByteBuffer.allocate(table.valueLength(column, slot)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    int width = table.columnType(column).byteWidth();
                    for (long b : bits) {
                        for (int k = 0; k < width; k++) {
                            row.put((byte) (b >>> (8 * k)));
                        }
                    }
                    row.flip();
                    table.setValue(column, slot, random.nextBoolean() ? row : java.nio.ByteBuffer.allocateDirect(row.remaining()).put(row).flip());
                }
                break;
            }
            case STRING_LIST:
                table.setStrings(column, slot, (List<String>) value);
                break;
            default:
                table.setString(column, slot, (String) value);
                break;
        }
    }

    /** A row's value read through the table's typed API, in the value forms. */
    public static Object read(Table table, int column, long slot) {
        switch (table.columnKind(column)) {
            case SCALAR:
                return table.getBits(column, slot);
            case ARRAY: {
                long[] bits = new long[table.arrayLength(column)];
                for (int i = 0; i < bits.length; i++) {
                    bits[i] = table.getBits(column, slot, i);
                }
                return bits;
            }
            case STRING_LIST:
                return table.getStrings(column, slot);
            default:
                return table.getString(column, slot);
        }
    }

    /** Whether two values in the value forms are equal (arrays by their bits). */
    public static boolean same(Object a, Object b) {
        if (a instanceof long[] && b instanceof long[]) {
            return Arrays.equals((long[]) a, (long[]) b);
        }
        return a.equals(b);
    }

    /** A value as text, for messages. */
    public static String show(Object value) {
        return value instanceof long[] ? Arrays.toString((long[]) value) : String.valueOf(value);
    }

    static String randomString(SplittableRandom random, int pieces) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(pieces + 1);
        for (int i = 0; i < n; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    /** JSON in any spelling: spaces, keys out of order, exponents, escapes. */
    static String randomJson(SplittableRandom random, int depth) {
        int choice = random.nextInt(depth > 2 ? 5 : 8);
        switch (choice) {
            case 0: return "null";
            case 1: return random.nextBoolean() ? "true" : " false ";
            case 2: return Long.toString(random.nextLong(-1000, 1000));
            case 3: return random.nextBoolean() ? "1.50" : random.nextBoolean() ? "-2.5e3" : "1E-3";
            case 4: return "\"" + randomString(random, 3).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                    .replace("\t", "\\u0009").replace("\u0001", "\\u0001") + "\"";
            case 5: case 6: {
                StringBuilder b = new StringBuilder("{ ");
                int n = random.nextInt(4);
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String key = "k" + random.nextInt(20) + PIECES[random.nextInt(6)];
                    if (keys.contains(key)) {
                        continue;
                    }
                    keys.add(key);
                    b.append(keys.size() > 1 ? " , " : "").append('"').append(key).append("\" : ").append(randomJson(random, depth + 1));
                }
                return b.append(" }").toString();
            }
            default: {
                StringBuilder b = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? ", " : "").append(randomJson(random, depth + 1));
                }
                return b.append("]").toString();
            }
        }
    }

    /** NaNs with payloads, -0.0, infinities, extremes: what arrays must keep bit for bit. */
    public static long specialBits(SplittableRandom random, ColumnType type) {
        switch (type) {
            case F32: {
                int[] specials = {0x7fc00001, 0xffc12345, 0x80000000, 0x7f800000, 0xff800000, 0x00000001, 0x7f7fffff};
                return specials[random.nextInt(specials.length)] & 0xFFFF_FFFFL;
            }
            case F64: {
                long[] specials = {0x7ff8000000000001L, 0xfff0000000abcdefL, 0x8000000000000000L, 0x7ff0000000000000L, 1L};
                return specials[random.nextInt(specials.length)];
            }
            default:
                return random.nextBoolean() ? -1L : Long.MIN_VALUE;
        }
    }

    /** Reduces arbitrary bits to what a value of {@code type} stores and {@link Table#getBits} returns. */
    public static long canonicalBits(ColumnType type, long bits) {
        switch (type) {
            case I8: return (byte) bits;
            case U8: return bits & 0xFFL;
            case I16: return (short) bits;
            case U16: return bits & 0xFFFFL;
            case I32: return (int) bits;
            case U32: case F32: return bits & 0xFFFF_FFFFL;
            case BOOL: return bits & 1L;
            default: return bits;
        }
    }

    /** Whether a column holds text (categorical, str, json). */
    public static boolean isText(ColumnSpec spec) {
        return spec.kind() == ColumnKind.CATEGORICAL || spec.kind() == ColumnKind.STRING || spec.kind() == ColumnKind.JSON;
    }
}
