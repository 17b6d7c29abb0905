package io.tickstore.backends.postgres.copy;

/**
 * The binary form of a one-dimensional array (array_send / array_recv). Every integer is big-endian int32.
 *
 * <pre>
 *   0          4           8             12         16            20
 *   +----------+-----------+-------------+----------+-------------+--------------------------------+
 *   | ndim = 1 | has nulls | element oid | length n | lower bound | n elements: int32 length       |
 *   |          | (0 or 1)  |             |          | (1)         | (-1 = NULL) then its bytes     |
 *   +----------+-----------+-------------+----------+-------------+--------------------------------+
 *   an empty array is the first 12 bytes with ndim = 0 and nothing after them
 * </pre>
 */
public final class PgArrayLayout {
    /** ndim, has-nulls flag, element oid. */
    public static final int HEADER_LENGTH = 12;
    /** Length and lower bound of one dimension. */
    public static final int DIMENSION_LENGTH = 8;
    /** PostgreSQL's default first index, which every array Tickstore writes uses. */
    public static final int LOWER_BOUND = 1;

    private PgArrayLayout() {
    }

    /** Bytes of the array field around its elements: 12 for an empty array, 20 otherwise. */
    public static int overhead(int elements) {
        return elements == 0 ? HEADER_LENGTH : HEADER_LENGTH + DIMENSION_LENGTH;
    }

    /** Throws unless the header describes an array of at most one dimension of {@code expectedOid} elements. */
    public static void checkHeader(int ndim, int hasNulls, int elementOid, int expectedOid) {
        if (ndim < 0 || ndim > 1) {
            throw new CopyFormatException("array has " + ndim + " dimensions; only one-dimensional arrays are supported");
        }
        if (hasNulls != 0 && hasNulls != 1) {
            throw new CopyFormatException("array has-nulls flag is " + hasNulls + ", not 0 or 1");
        }
        if (elementOid != expectedOid) {
            throw new CopyFormatException("array elements have type oid " + elementOid + ", expected " + expectedOid);
        }
    }

    /** Throws when a dimension's length is negative. */
    public static void checkDimension(int length) {
        if (length < 0) {
            throw new CopyFormatException("array dimension length " + length + " is negative");
        }
    }
}
