package io.tickstore.columns;

import java.util.List;

/** A schema broke one or more rules; {@link #errors()} lists every one of them, not just the first. */
public final class SchemaException extends IllegalArgumentException {
    private final List<String> errors;

    public SchemaException(String subject, List<String> errors) {
        super(subject + " is invalid: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
