package io.tickstore.backends.postgres.copy;

import io.tickstore.columns.TickstoreException;

/**
 * A PGCOPY stream is not what it must be: wrong signature, a field of the wrong length, a value outside its type,
 * a stream that ends mid-row ({@link Problem#BAD_COPY_STREAM}). The message names the row and field.
 */
public class CopyFormatException extends TickstoreException {
    private static final long serialVersionUID = 1L;

    public CopyFormatException(String message) {
        super(Problem.BAD_COPY_STREAM, message);
    }
}
