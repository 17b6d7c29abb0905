package io.tickstore.backends.postgres.copy;

import java.sql.SQLException;

/**
 * Where a {@link BinaryCopyReader} gets its bytes: {@code CopyOut::readFromCopy} in production, which returns one
 * array per CopyData message (the reader does not rely on messages lining up with rows).
 */
@FunctionalInterface
public interface CopySource {
    /** The next bytes of the stream, or null at its end. The reader owns the array it is given. */
    byte[] next() throws SQLException;
}
