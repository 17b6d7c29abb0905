package io.tickstore.snapshot.format;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The header of a one-dimensional .npy file, as numpy's format module writes it.
 *
 * <pre>
 *  offset 0        6     7     8          10                               dataOffset (multiple of 64)
 *         +--------+-----+-----+----------+--------------------------------+--------------------------+
 *         | \x93NUMPY | major | minor | headerLen | {'descr': '&lt;f4', 'fortran_order': | values, little-endian,   |
 *         | (magic) | (1)   | (0)   | u16 LE    |  False, 'shape': (N,), }  ...\n | N * width bytes          |
 *         +--------+-----+-----+----------+--------------------------------+--------------------------+
 *                                   version 2.0 and 3.0 widen headerLen to u32 LE (offset 8..12)
 * </pre>
 *
 * The dictionary is padded with spaces and ends in a newline so that the data starts at a multiple of
 * {@value #ALIGNMENT} bytes: numpy's own choice, which lets {@code numpy.load(path, mmap_mode='r')} hand out an
 * aligned array and lets Tickstore map the data without copying. Tickstore writes version 1.0; it reads
 * 1.0, 2.0 and 3.0 (the header dictionary is ASCII in all that we accept). A header numpy would refuse (another
 * key, a missing key, a shape that is not a tuple of integers, ...) is refused too; {@link HeaderFields} lists
 * the rules, which come from numpy's loader and which Tickstore adds.
 *
 * <p>Beyond one-dimensional arrays of a {@link ColumnType}, a header may describe an array of more dimensions (an
 * array column: shape {@code (rows, 768)} or {@code (rows, 4, 3)}, in C order) and an array of fixed-width unicode
 * strings ({@code '<U12'}: a categorical column's dictionary, UTF-32 code points, each string padded with zeros).
 * {@link #length()} is always the first dimension and {@link #valuesPerRow()} the product of the others.
 */
public final class NpyHeader {
    public static final int ALIGNMENT = 64;
    public static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Bytes to read to be sure the whole header of any file Tickstore writes is in hand. */
    public static final int MAX_HEADER_BYTES = 4096;
    private static final int PREAMBLE_V1 = 10;
    private static final int PREAMBLE_V2 = 12;


    private final ColumnType type;
    private final int unicodeChars;
    private final long length;
    private final int[] rowShape;
    private final long valuesPerRow;
    private final int dataOffset;

    private NpyHeader(ColumnType type, int unicodeChars, long length, int[] rowShape, int dataOffset) {
        this.type = type;
        this.unicodeChars = unicodeChars;
        this.length = length;
        this.rowShape = rowShape;
        long product = 1;
        for (int dim : rowShape) {
            product *= dim;
        }
        this.valuesPerRow = product;
        this.dataOffset = dataOffset;
    }

    /** The element type; null for an array of unicode strings ({@link #unicodeChars()}). */
    public ColumnType type() {
        return type;
    }

    /** Characters per string of a {@code '<Un'} array; 0 for an array of a {@link ColumnType}. */
    public int unicodeChars() {
        return unicodeChars;
    }

    /** The numpy descr of the values: {@code <f4}, {@code <U12}. */
    public String descr() {
        return type != null ? type.numpyDescr() : "<U" + unicodeChars;
    }

    /** Bytes one value takes: the type's width, or 4 per character of a unicode string. */
    public int itemBytes() {
        return type != null ? type.byteWidth() : 4 * unicodeChars;
    }

    /** The first dimension: the number of rows (of a one-dimensional array, of values). */
    public long length() {
        return length;
    }

    /** The dimensions after the first (empty for a one-dimensional array): an array column's shape per row. */
    public int[] rowShape() {
        return rowShape.clone();
    }

    /** Values per row: the product of {@link #rowShape()}, 1 for a one-dimensional array. */
    public long valuesPerRow() {
        return valuesPerRow;
    }

    /** Where the data starts in the file. */
    public int dataOffset() {
        return dataOffset;
    }

    /** Bytes of data after the header. */
    public long dataBytes() {
        return length * valuesPerRow * itemBytes();
    }

    /** The exact size of a well-formed file with this header. */
    public long fileBytes() {
        return dataOffset + dataBytes();
    }

    /** Encodes a version 1.0 header for {@code length} values of {@code type}, padded to a multiple of 64 bytes. */
    public static byte[] encode(ColumnType type, long length) {
        return encode(type.numpyDescr(), length, new int[0]);
    }

    /**
     * Encodes a version 1.0 header for an array of shape {@code (length, rowShape...)} of {@code type} in C order (an
     * array column), padded to a multiple of 64 bytes.
     */
    public static byte[] encode(ColumnType type, long length, int[] rowShape) {
        return encode(type.numpyDescr(), length, rowShape);
    }

    /** Encodes a version 1.0 header for {@code length} unicode strings of {@code chars} characters ({@code '<Un'}). */
    public static byte[] encodeUnicode(int chars, long length) {
        if (chars < 1) {
            throw new IllegalArgumentException("a unicode array needs at least 1 character per string, not " + chars);
        }
        return encode("<U" + chars, length, new int[0]);
    }

    private static String shapeText(long length, int[] rowShape) {
        StringBuilder shape = new StringBuilder("(").append(length).append(',');
        for (int i = 0; i < rowShape.length; i++) {
            shape.append(i == 0 ? " " : ", ").append(rowShape[i]);
        }
        return shape.append(')').toString();
    }

    private static byte[] encode(String descr, long length, int[] rowShape) {
        if (length < 0) {
            throw new IllegalArgumentException("length " + length + " is negative");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText(length, rowShape) + ", }";
        int unpadded = PREAMBLE_V1 + dict.length() + 1;
        int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        byte[] out = new byte[total];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        int headerLen = total - PREAMBLE_V1;
        out[8] = (byte) headerLen;
        out[9] = (byte) (headerLen >>> 8);
        byte[] dictBytes = dict.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(dictBytes, 0, out, PREAMBLE_V1, dictBytes.length);
        for (int i = PREAMBLE_V1 + dictBytes.length; i < total - 1; i++) {
            out[i] = ' ';
        }
        out[total - 1] = '\n';
        return out;
    }

    /** The header size {@link #encode} produces, without building it. */
    public static int encodedSize(ColumnType type, long length) {
        int dict = ("{'descr': '" + type.numpyDescr() + "', 'fortran_order': False, 'shape': " + shapeText(length, new int[0]) + ", }").length();
        return (PREAMBLE_V1 + dict + 1 + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /**
     * Parses and validates a header against the real size of its file.
     *
     * @param start    the file's first bytes (at least the whole header, or the whole file if smaller);
     *                 read from its position, which is left unchanged
     * @param fileSize the file's size on disk, to check the header before anything is mapped
     * @param file     named in every error
     * @throws SnapshotFormatException with {@link Problem#BAD_MAGIC}, {@link Problem#UNSUPPORTED_VERSION},
     *         {@link Problem#BAD_HEADER}, {@link Problem#TRUNCATED} or {@link Problem#LENGTH_MISMATCH}
     */
    public static NpyHeader parse(ByteBuffer start, long fileSize, Path file) throws SnapshotFormatException {
        ByteBuffer b = start.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < PREAMBLE_V1 || fileSize < PREAMBLE_V1) {
            throw new SnapshotFormatException(file, Problem.TRUNCATED,
                    "file is " + fileSize + " bytes, too short for a .npy header (at least " + PREAMBLE_V1 + ")");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                throw new SnapshotFormatException(file, Problem.BAD_MAGIC, "not a .npy file: the first 6 bytes are not \\x93NUMPY");
            }
        }
        int major = b.get(6) & 0xFF;
        int minor = b.get(7) & 0xFF;
        long headerLen;
        int preamble;
        if (major == 1 && minor == 0) {
            headerLen = b.getShort(8) & 0xFFFF;
            preamble = PREAMBLE_V1;
        } else if ((major == 2 || major == 3) && minor == 0) {
            if (b.remaining() < PREAMBLE_V2 || fileSize < PREAMBLE_V2) {
                throw new SnapshotFormatException(file, Problem.TRUNCATED, "file is " + fileSize + " bytes, too short for a .npy "
                        + major + ".0 header");
            }
            headerLen = b.getInt(8) & 0xFFFF_FFFFL;
            preamble = PREAMBLE_V2;
        } else {
            throw new SnapshotFormatException(file, Problem.UNSUPPORTED_VERSION,
                    ".npy format version " + major + "." + minor + " is not supported (1.0, 2.0 and 3.0 are)");
        }
        long dataOffset = preamble + headerLen;
        if (dataOffset > fileSize) {
            throw new SnapshotFormatException(file, Problem.TRUNCATED, "header claims " + headerLen
                    + " bytes but the file is only " + fileSize + " bytes");
        }
        if (dataOffset > MAX_HEADER_BYTES || dataOffset > b.remaining()) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "header length " + headerLen
                    + " exceeds the " + Math.min(MAX_HEADER_BYTES, b.remaining()) + " bytes a header may take");
        }
        byte[] dictBytes = new byte[(int) headerLen];
        b.get(preamble, dictBytes);
        for (byte c : dictBytes) {
            if (c < 0) {
                throw new SnapshotFormatException(file, Problem.BAD_HEADER, "header dictionary is not ASCII");
            }
        }
        HeaderFields fields = HeaderFields.parse(new String(dictBytes, StandardCharsets.US_ASCII), major, dataOffset, file);
        String descr = normalizeDescr(fields.descr);
        ColumnType type = ColumnType.byNumpyDescr(descr);
        int unicodeChars = 0;
        if (type == null) {
            unicodeChars = unicodeChars(descr);
            if (unicodeChars <= 0) {
                throw new SnapshotFormatException(file, Problem.BAD_HEADER, "dtype '" + fields.descr
                        + "' is not one Tickstore reads (little-endian i1..i8, u1..u8, f4, f8, b1, or U strings)");
            }
        }
        if (fields.shape.isEmpty() || fields.shape.size() > 1 + MAX_ROW_DIMENSIONS) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "shape " + fields.shapeText + " has "
                    + fields.shape.size() + " dimensions; Tickstore reads 1 to " + (1 + MAX_ROW_DIMENSIONS));
        }
        // For one dimension Fortran and C order are the same bytes, so 'fortran_order' may be either; for more, the
        // rows of an array column are in C order (the last dimension fastest).
        if (fields.shape.size() > 1 && fields.fortranOrder) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "shape " + fields.shapeText
                    + " is in Fortran order; Tickstore reads arrays of more than one dimension in C order only");
        }
        if (unicodeChars > 0 && fields.shape.size() != 1) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "an array of strings of shape " + fields.shapeText
                    + " is not one-dimensional");
        }
        int itemBytes = type != null ? type.byteWidth() : 4 * unicodeChars;
        int[] rowShape = new int[fields.shape.size() - 1];
        long perRow = 1;
        for (int i = 1; i < fields.shape.size(); i++) {
            BigInteger dim = fields.shape.get(i);
            if (dim.signum() == 0 || dim.bitLength() > 31 || perRow * dim.longValue() > MAX_VALUES_PER_ROW) {
                throw new SnapshotFormatException(file, Problem.BAD_HEADER, "shape " + fields.shapeText
                        + " has a row of " + dim + " in dimension " + i + "; rows hold 1 to " + MAX_VALUES_PER_ROW + " values");
            }
            rowShape[i - 1] = dim.intValue();
            perRow *= dim.longValue();
        }
        BigInteger count = fields.shape.get(0);
        if (count.bitLength() > 63 || count.longValueExact() > (Long.MAX_VALUE - dataOffset) / (perRow * itemBytes)) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "shape length " + count + " is out of range");
        }
        long length = count.longValueExact();
        NpyHeader header = new NpyHeader(type, unicodeChars, length, rowShape, (int) dataOffset);
        if (header.fileBytes() > fileSize) {
            throw new SnapshotFormatException(file, Problem.TRUNCATED, "header says " + length + " " + header.describeValues() + " ("
                    + header.fileBytes() + " bytes with the header) but the file is " + fileSize + " bytes");
        }
        if (header.fileBytes() < fileSize) {
            throw new SnapshotFormatException(file, Problem.LENGTH_MISMATCH, "header says " + length + " " + header.describeValues()
                    + " (" + header.fileBytes() + " bytes with the header) but the file is " + fileSize + " bytes");
        }
        return header;
    }

    /** Dimensions a row may have after the first: an array column's (ColumnLayout's limit). */
    public static final int MAX_ROW_DIMENSIONS = 8;
    /** Values a row may hold (ColumnLayout's limit). */
    public static final long MAX_VALUES_PER_ROW = 1 << 24;

    /** What one row holds, for messages: "f32 values", "rows of 4x3 f64", "U12 strings". */
    String describeValues() {
        String what = type != null ? type.typeName() : "U" + unicodeChars;
        if (rowShape.length == 0) {
            return what + (type != null ? " values" : " strings");
        }
        StringBuilder b = new StringBuilder("rows of ");
        for (int i = 0; i < rowShape.length; i++) {
            b.append(i == 0 ? "" : "x").append(rowShape[i]);
        }
        return b.append(' ').append(what).toString();
    }

    /** The characters of a little-endian {@code '<Un'} descr, or 0 when it is not one. */
    private static int unicodeChars(String descr) {
        if (descr.length() < 3 || (descr.charAt(0) != '<' && descr.charAt(0) != '=') || descr.charAt(1) != 'U'
                || !descr.substring(2).matches("[1-9][0-9]{0,6}")) {
            return 0;
        }
        return Integer.parseInt(descr.substring(2));
    }

    /** numpy writes '<' or '|' for single bytes and '=' on little-endian hosts; Tickstore names each type one way. */
    private static String normalizeDescr(String descr) {
        if (descr.length() == 3 && (descr.charAt(0) == '<' || descr.charAt(0) == '|' || descr.charAt(0) == '=')) {
            char kind = descr.charAt(1);
            char width = descr.charAt(2);
            char order = width == '1' ? '|' : '<';
            return "" + order + kind + width;
        }
        return descr;
    }

    @Override
    public String toString() {
        return "NpyHeader[" + descr() + ", length=" + length + (rowShape.length == 0 ? "" : ", rowShape=" + java.util.Arrays.toString(rowShape))
                + ", dataOffset=" + dataOffset + "]";
    }
}
