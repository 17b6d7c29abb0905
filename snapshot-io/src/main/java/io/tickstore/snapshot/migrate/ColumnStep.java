package io.tickstore.snapshot.migrate;

import io.tickstore.columns.ColumnSpec;
import java.util.Objects;

/**
 * How one column of the target schema gets its values when a snapshot is loaded.
 *
 * @param target the target column
 * @param action what happens
 * @param source the stored column the values come from (possibly under a former name); null for
 *               {@link Action#FILL}
 * @param reason why, in words, for {@code inspect} output and error messages
 */
public record ColumnStep(ColumnSpec target, Action action, ColumnSpec source, String reason) {
    /** What loading does for a target column. */
    public enum Action {
        /** The stored bytes are the target bytes: read straight into the table (same type; maybe renamed). */
        COPY,
        /** The stored type widens to the target type ({@code ColumnType.widensTo}): each value is converted. */
        WIDEN,
        /** The column did not exist at the stored schema version: every row gets the target's default. */
        FILL
    }

    public ColumnStep {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        if ((source == null) != (action == Action.FILL)) {
            throw new IllegalArgumentException(action + " of '" + target.name() + "' " + (source == null ? "needs" : "takes no") + " source");
        }
    }

    /** Whether the source column had another name. */
    public boolean isRename() {
        return source != null && !source.name().equals(target.name());
    }

    @Override
    public String toString() {
        return target.name() + " " + target.layout() + ": " + reason;
    }
}
