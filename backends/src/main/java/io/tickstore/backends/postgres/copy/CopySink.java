package io.tickstore.backends.postgres.copy;

import java.sql.SQLException;

/** Where a {@link BinaryCopyWriter} hands its full chunks: {@code CopyIn::writeToCopy} in production, a byte array in tests. */
@FunctionalInterface
public interface CopySink {
    /** Consumes {@code length} bytes of {@code chunk} from {@code offset}; the writer reuses the array afterwards. */
    void write(byte[] chunk, int offset, int length) throws SQLException;
}
