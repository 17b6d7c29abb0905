package io.tickstore.backends.postgres.copy;

/**
 * A PGCOPY stream is not what it must be: wrong signature, a field of the wrong length, a value outside its type,
 * a stream that ends mid-row. The message names the row and field.
 */
public class CopyFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CopyFormatException(String message) {
        super(message);
    }
}
