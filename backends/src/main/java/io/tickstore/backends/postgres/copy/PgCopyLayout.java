package io.tickstore.backends.postgres.copy;

import java.nio.charset.StandardCharsets;

/**
 * The PGCOPY binary stream that {@code COPY ... (FORMAT binary)} reads and writes. Every integer is big-endian.
 *
 * <pre>
 *   0                                      11          15          19
 *   +--------------------------------------+-----------+-----------+---------------------+
 *   | signature  "PGCOPY\n\377\r\n\0"       | flags     | ext len N | extension (N bytes) |
 *   +--------------------------------------+-----------+-----------+---------------------+
 *   tuple, repeated:
 *   +-------------+------------------------------------------------------+
 *   | fields int16| per field: length int32 (-1 = NULL), then that many  |
 *   |             | bytes of the type's binary send/recv representation  |
 *   +-------------+------------------------------------------------------+
 *   trailer:
 *   +-------------+
 *   | -1 int16    |
 *   +-------------+
 * </pre>
 *
 * Flag bit 16 means every tuple carries an OID field first; nothing Tickstore reads or writes has one, so a stream
 * with it is refused. Bits 0-15 are critical flags that no version defines yet: any set bit is refused too.
 */
public final class PgCopyLayout {
    /** The 11 signature bytes. */
    public static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    public static final int SIGNATURE_LENGTH = 11;
    public static final int FLAGS_OFFSET = 11;
    public static final int EXTENSION_LENGTH_OFFSET = 15;
    /** Signature, flags and extension length: the header without an extension. */
    public static final int HEADER_LENGTH = 19;
    /** Bit 16 of the flags: tuples carry OIDs. */
    public static final int FLAG_HAS_OIDS = 1 << 16;
    /** Bits 0-15 of the flags: an unknown one set means the stream cannot be read. */
    public static final int CRITICAL_FLAGS = 0xFFFF;
    public static final int FIELD_COUNT_LENGTH = 2;
    public static final int FIELD_LENGTH_LENGTH = 4;
    /** The field length that means NULL. */
    public static final int NULL_LENGTH = -1;
    /** The field count that ends the stream. */
    public static final short TRAILER = -1;

    private PgCopyLayout() {
    }

    /** Throws unless {@code bytes[offset ..]} starts with the signature. */
    public static void checkSignature(byte[] bytes, int offset) {
        for (int i = 0; i < SIGNATURE_LENGTH; i++) {
            if (bytes[offset + i] != SIGNATURE[i]) {
                throw new CopyFormatException("not a PGCOPY binary stream: byte " + i + " of the signature is 0x"
                        + Integer.toHexString(bytes[offset + i] & 0xFF) + ", expected 0x" + Integer.toHexString(SIGNATURE[i] & 0xFF));
            }
        }
    }

    /** Throws when the flags ask for OIDs or set a critical bit. */
    public static void checkFlags(int flags) {
        if ((flags & FLAG_HAS_OIDS) != 0) {
            throw new CopyFormatException("the PGCOPY stream carries OIDs (flags 0x" + Integer.toHexString(flags) + "), which no Tickstore table has");
        }
        if ((flags & CRITICAL_FLAGS) != 0) {
            throw new CopyFormatException("the PGCOPY stream sets unknown critical flags 0x" + Integer.toHexString(flags & CRITICAL_FLAGS));
        }
    }

    /** Throws when a header extension length is negative. */
    public static void checkExtensionLength(int length) {
        if (length < 0) {
            throw new CopyFormatException("the PGCOPY header extension length " + length + " is negative");
        }
    }
}
