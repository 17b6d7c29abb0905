package io.tickstore.columns;

import java.util.Arrays;

/**
 * What a column's rows hold, as one short text that schemas, manifests and journals record: the {@link ColumnKind},
 * the element type (for a categorical column, the type of its codes) and, for an array, its shape.
 *
 * <pre>
 *   f32                a scalar of any {@link ColumnType}: i8 u8 i16 u16 i32 u32 i64 u64 f32 f64 bool
 *   f32[768]           an array of that shape per row (row-major, the last dimension fastest): f64[3], f64[4,3]
 *   cat&lt;u16&gt;           a categorical string, stored as a u8, u16 or u32 code into the column's dictionary
 *   str                UTF-8 text of any length
 *   json               a JSON value in canonical text ({@link JsonText})
 *   str[]              a list of strings
 * </pre>
 *
 * Immutable; equal layouts have equal text.
 */
public final class ColumnLayout {
    /** Dimensions an array may have (numpy allows 64; a row of a table rarely needs more than a few). */
    public static final int MAX_DIMENSIONS = 8;
    /** Elements one row of an array column may hold: 2^24, so a row of f64 stays at 128 MiB. */
    public static final int MAX_ELEMENTS = 1 << 24;
    /** Bytes a variable-length column keeps per row in its fixed buffer: where the value starts and its length. */
    public static final int VALUE_REF_BYTES = 16;

    public static final ColumnLayout STRING = new ColumnLayout(ColumnKind.STRING, ColumnType.U8, new int[0]);
    public static final ColumnLayout JSON = new ColumnLayout(ColumnKind.JSON, ColumnType.U8, new int[0]);
    public static final ColumnLayout STRING_LIST = new ColumnLayout(ColumnKind.STRING_LIST, ColumnType.U8, new int[0]);

    private static final ColumnLayout[] SCALARS = new ColumnLayout[ColumnType.values().length];

    static {
        for (ColumnType type : ColumnType.values()) {
            SCALARS[type.ordinal()] = new ColumnLayout(ColumnKind.SCALAR, type, new int[0]);
        }
    }

    private final ColumnKind kind;
    private final ColumnType type;
    private final int[] shape;
    private final int elements;
    private final String text;

    private ColumnLayout(ColumnKind kind, ColumnType type, int[] shape) {
        this.kind = kind;
        this.type = type;
        this.shape = shape;
        int product = 1;
        for (int dim : shape) {
            product *= dim;
        }
        this.elements = product;
        this.text = format(kind, type, shape);
    }

    /** One value of {@code type} per row. */
    public static ColumnLayout scalar(ColumnType type) {
        return SCALARS[type.ordinal()];
    }

    /**
     * An array of {@code shape} (each dimension at least 1, at most {@value #MAX_DIMENSIONS} dimensions and
     * {@value #MAX_ELEMENTS} elements) of {@code element} values per row.
     */
    public static ColumnLayout array(ColumnType element, int... shape) {
        String problem = shapeProblem(shape);
        if (problem != null) {
            throw new IllegalArgumentException("array shape " + Arrays.toString(shape) + " " + problem);
        }
        return new ColumnLayout(ColumnKind.ARRAY, element, shape.clone());
    }

    /** A categorical string whose code is a {@code u8}, {@code u16} or {@code u32}. */
    public static ColumnLayout categorical(ColumnType codeType) {
        if (codeType != ColumnType.U8 && codeType != ColumnType.U16 && codeType != ColumnType.U32) {
            throw new IllegalArgumentException("a categorical code is u8, u16 or u32, not " + codeType);
        }
        return new ColumnLayout(ColumnKind.CATEGORICAL, codeType, new int[0]);
    }

    /**
     * Parses the text form (see the class comment).
     *
     * @throws IllegalArgumentException saying what is wrong and what the forms are
     */
    public static ColumnLayout parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no type");
        }
        switch (text) {
            case "str": return STRING;
            case "json": return JSON;
            case "str[]": return STRING_LIST;
            default: break;
        }
        if (text.startsWith("cat<") && text.endsWith(">")) {
            ColumnType code = exactType(text.substring(4, text.length() - 1));
            if (code == null) {
                throw unknown(text);
            }
            return categorical(code);
        }
        int open = text.indexOf('[');
        if (open < 0) {
            ColumnType type = ColumnType.byName(text);
            if (type == null) {
                throw unknown(text);
            }
            return scalar(type);
        }
        ColumnType element = exactType(text.substring(0, open));
        if (element == null || !text.endsWith("]")) {
            throw unknown(text);
        }
        String[] dims = text.substring(open + 1, text.length() - 1).split(",", -1);
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (!dims[i].matches("[1-9][0-9]{0,8}")) {
                throw new IllegalArgumentException("'" + text + "': array dimension '" + dims[i] + "' is not a positive integer");
            }
            shape[i] = Integer.parseInt(dims[i]);
        }
        return array(element, shape);
    }

    private static ColumnType exactType(String name) {
        ColumnType type = ColumnType.byName(name);
        return type != null && type.typeName().equals(name) ? type : null;
    }

    private static IllegalArgumentException unknown(String text) {
        return new IllegalArgumentException("unknown type '" + text + "' (known: i8 u8 i16 u16 i32 u32 i64 u64 f32 f64 bool,"
                + " an array of one such as f32[768] or f64[4,3], cat<u8> cat<u16> cat<u32>, str, json, str[])");
    }

    /** Null when the shape is usable, else what is wrong with it. */
    static String shapeProblem(int[] shape) {
        if (shape == null || shape.length == 0) {
            return "has no dimension";
        }
        if (shape.length > MAX_DIMENSIONS) {
            return "has more than " + MAX_DIMENSIONS + " dimensions";
        }
        long product = 1;
        for (int dim : shape) {
            if (dim < 1) {
                return "has a dimension below 1";
            }
            product *= dim;
            if (product > MAX_ELEMENTS) {
                return "holds more than " + MAX_ELEMENTS + " elements";
            }
        }
        return null;
    }

    private static String format(ColumnKind kind, ColumnType type, int[] shape) {
        switch (kind) {
            case SCALAR: return type.typeName();
            case CATEGORICAL: return "cat<" + type.typeName() + ">";
            case STRING: return "str";
            case JSON: return "json";
            case STRING_LIST: return "str[]";
            default: {
                StringBuilder b = new StringBuilder(type.typeName()).append('[');
                for (int i = 0; i < shape.length; i++) {
                    b.append(i == 0 ? "" : ",").append(shape[i]);
                }
                return b.append(']').toString();
            }
        }
    }

    public ColumnKind kind() {
        return kind;
    }

    /**
     * The type of the stored values: a scalar's or an array's element type, a categorical column's code type
     * ({@code u8}, {@code u16}, {@code u32}), and {@code u8} for a variable-length column (the bytes of its data file).
     */
    public ColumnType type() {
        return type;
    }

    /** An array's shape per row (a copy); empty for every other kind. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions of an array's row; 0 for every other kind. */
    public int dimensions() {
        return shape.length;
    }

    /** Dimension {@code i} of an array's row. */
    public int dimension(int i) {
        return shape[i];
    }

    /** Values per row: the product of an array's shape, 1 for scalars and categorical codes. */
    public int elements() {
        return elements;
    }

    /**
     * Bytes one row takes in the column's fixed buffer: its values ({@code elements() * width}), or for a
     * variable-length column the {@value #VALUE_REF_BYTES}-byte reference to its value.
     */
    public int fixedRowBytes() {
        return kind.isVariableLength() ? VALUE_REF_BYTES : elements * type.byteWidth();
    }

    public boolean isScalar() {
        return kind == ColumnKind.SCALAR;
    }

    public boolean isVariableLength() {
        return kind.isVariableLength();
    }

    /**
     * Whether a snapshot holding this layout may be loaded into a column of layout {@code target}: the same layout,
     * or a wider type of the same kind and shape ({@link ColumnType#widensTo}; a categorical code to a wider code).
     * A change of kind or shape never loads.
     */
    public boolean widensTo(ColumnLayout target) {
        if (equals(target)) {
            return true;
        }
        if (kind != target.kind || !Arrays.equals(shape, target.shape)) {
            return false;
        }
        switch (kind) {
            case SCALAR: case ARRAY: return type.widensTo(target.type);
            case CATEGORICAL: return target.type.byteWidth() > type.byteWidth();
            default: return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnLayout && ((ColumnLayout) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The text form: {@code f32}, {@code f32[768]}, {@code cat<u16>}, {@code str}, {@code json}, {@code str[]}. */
    @Override
    public String toString() {
        return text;
    }
}
