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
 */
public final class NpyHeader {
    public static final int ALIGNMENT = 64;
    public static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Bytes to read to be sure the whole header of any file Tickstore writes is in hand. */
    public static final int MAX_HEADER_BYTES = 4096;
    private static final int PREAMBLE_V1 = 10;
    private static final int PREAMBLE_V2 = 12;


    private final ColumnType type;
    private final long length;
    private final int dataOffset;

    private NpyHeader(ColumnType type, long length, int dataOffset) {
        this.type = type;
        this.length = length;
        this.dataOffset = dataOffset;
    }

    /** The element type. */
    public ColumnType type() {
        return type;
    }

    /** The number of elements. */
    public long length() {
        return length;
    }

    /** Where the data starts in the file. */
    public int dataOffset() {
        return dataOffset;
    }

    /** Bytes of data after the header. */
    public long dataBytes() {
        return length << type.log2Width();
    }

    /** The exact size of a well-formed file with this header. */
    public long fileBytes() {
        return dataOffset + dataBytes();
    }

    /** Encodes a version 1.0 header for {@code length} values of {@code type}, padded to a multiple of 64 bytes. */
    public static byte[] encode(ColumnType type, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length " + length + " is negative");
        }
        String dict = "{'descr': '" + type.numpyDescr() + "', 'fortran_order': False, 'shape': (" + length + ",), }";
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
        int dict = ("{'descr': '" + type.numpyDescr() + "', 'fortran_order': False, 'shape': (" + length + ",), }").length();
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
        ColumnType type = ColumnType.byNumpyDescr(normalizeDescr(fields.descr));
        if (type == null) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "dtype '" + fields.descr
                    + "' is not one Tickstore reads (little-endian i1..i8, u1..u8, f4, f8 or b1)");
        }
        // For one dimension Fortran and C order are the same bytes, so 'fortran_order' may be either.
        if (fields.shape.size() != 1) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "shape " + fields.shapeText + " is not one-dimensional");
        }
        BigInteger count = fields.shape.get(0);
        if (count.bitLength() > 63 || count.longValueExact() > (Long.MAX_VALUE - dataOffset) >> type.log2Width()) {
            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "shape length " + count + " is out of range");
        }
        long length = count.longValueExact();
        NpyHeader header = new NpyHeader(type, length, (int) dataOffset);
        if (header.fileBytes() > fileSize) {
            throw new SnapshotFormatException(file, Problem.TRUNCATED, "header says " + length + " " + type + " values ("
                    + header.fileBytes() + " bytes with the header) but the file is " + fileSize + " bytes");
        }
        if (header.fileBytes() < fileSize) {
            throw new SnapshotFormatException(file, Problem.LENGTH_MISMATCH, "header says " + length + " " + type
                    + " values (" + header.fileBytes() + " bytes with the header) but the file is " + fileSize + " bytes");
        }
        return header;
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
        return "NpyHeader[" + type.numpyDescr() + ", length=" + length + ", dataOffset=" + dataOffset + "]";
    }
}
