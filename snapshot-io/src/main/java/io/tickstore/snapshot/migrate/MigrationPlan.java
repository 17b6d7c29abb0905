package io.tickstore.snapshot.migrate;

import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.Schema;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.manifest.Manifest;
import io.tickstore.snapshot.manifest.TableEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a table stored at one schema version becomes a table of a target schema version: one
 * {@link ColumnStep} per target column, the stored columns the target dropped, and every reason it cannot be
 * done. Computed from the two schemas alone, so it can be printed ({@code tickstore inspect}) without
 * reading any data.
 *
 * <h2>Rules</h2>
 * For each target column, with the stored schema at version {@code v}:
 * <ul>
 *   <li>{@code sinceVersion > v}: the column did not exist yet; {@link ColumnStep.Action#FILL} with its default
 *       (even if an unrelated column of the same name was stored: a column dropped and later re-added is a new
 *       column).</li>
 *   <li>otherwise it must be stored under its name or one of its former names (in that order):
 *       same layout → {@link ColumnStep.Action#COPY}; a layout that {@linkplain ColumnLayout#widensTo widens} to the
 *       target (a wider type of the same kind and shape: a scalar or an array's elements, a categorical code) →
 *       {@link ColumnStep.Action#WIDEN}; anything else (narrowing, a change of kind, an array whose shape changed) is an
 *       error; absent under every name is an error; a stored {@code sinceVersion} that differs is an error (the
 *       two schemas disagree about history).</li>
 * </ul>
 * A stored column no target column claims was dropped and is ignored. A stored version newer than the
 * target's, or a table name that differs, is an error. Errors are collected, never thrown one by one.
 *
 * <p>Immutable and thread-safe.
 */
public final class MigrationPlan {
    private final Schema stored;
    private final Schema target;
    private final List<ColumnStep> steps;
    private final List<ColumnSpec> dropped;
    private final List<String> errors;

    private MigrationPlan(Schema stored, Schema target, List<ColumnStep> steps, List<ColumnSpec> dropped, List<String> errors) {
        this.stored = stored;
        this.target = target;
        this.steps = List.copyOf(steps);
        this.dropped = List.copyOf(dropped);
        this.errors = List.copyOf(errors);
    }

    /** The plan that loads a table as stored: every column copied. */
    public static MigrationPlan identity(Schema stored) {
        return between(stored, stored);
    }

    /** Plans the load of a table stored as {@code stored} into {@code target}; never throws, see {@link #errors()}. */
    public static MigrationPlan between(Schema stored, Schema target) {
        List<String> errors = new ArrayList<>();
        List<ColumnStep> steps = new ArrayList<>();
        String table = "table '" + target.name() + "'";
        if (!stored.name().equals(target.name())) {
            errors.add("table name mismatch: the snapshot stores '" + stored.name() + "' but the target schema is for '"
                    + target.name() + "'");
        }
        int v = stored.version();
        if (v > target.version()) {
            errors.add(table + ": stored schema version " + v + " is newer than the target version " + target.version()
                    + " (a snapshot never loads into an older schema)");
        }
        Set<String> claimed = new HashSet<>();
        for (ColumnSpec column : target.columns()) {
            String where = table + " column '" + column.name() + "'";
            if (column.sinceVersion() > v) {
                steps.add(new ColumnStep(column, ColumnStep.Action.FILL, null, "fill with default " + defaultText(column)
                        + " (added in v" + column.sinceVersion() + ", stored schema is v" + v + ")"));
                continue;
            }
            ColumnSpec source = findSource(stored, column);
            if (source == null) {
                List<String> names = new ArrayList<>();
                names.add(column.name());
                names.addAll(column.formerNames());
                errors.add(where + " exists since v" + column.sinceVersion() + " so the v" + v
                        + " snapshot should hold it, but it is absent under every name (" + String.join(", ", names) + ")");
                continue;
            }
            claimed.add(source.name());
            String from = source.name().equals(column.name()) ? "" : " (stored as '" + source.name() + "')";
            if (source.sinceVersion() != column.sinceVersion()) {
                errors.add(where + from + ": the stored schema says it was added in v" + source.sinceVersion()
                        + " but the target says v" + column.sinceVersion() + "; the schema histories disagree");
            } else if (source.layout().equals(column.layout())) {
                steps.add(new ColumnStep(column, ColumnStep.Action.COPY, source, "copy" + from));
            } else if (source.layout().widensTo(column.layout())) {
                steps.add(new ColumnStep(column, ColumnStep.Action.WIDEN, source, "widen " + source.layout() + " to "
                        + column.layout() + from));
            } else {
                errors.add(where + from + ": stored type " + source.layout() + " cannot become " + column.layout()
                        + " (" + whyNot(source.layout(), column.layout()) + ")");
            }
        }
        List<ColumnSpec> dropped = new ArrayList<>();
        for (ColumnSpec column : stored.columns()) {
            if (!claimed.contains(column.name())) {
                dropped.add(column);
            }
        }
        return new MigrationPlan(stored, target, steps, dropped, errors);
    }

    /** Why one layout cannot load into another, in words. */
    private static String whyNot(ColumnLayout stored, ColumnLayout target) {
        if (stored.kind() != target.kind()) {
            return "a column's kind never changes: a " + kindName(stored) + " column stays one; add a new column instead";
        }
        if (stored.kind() == ColumnKind.ARRAY && !java.util.Arrays.equals(stored.shape(), target.shape())) {
            return "an array's shape never changes: its rows would be other values; add a new column instead";
        }
        return "only widening conversions are allowed: no narrowing, no change of kind";
    }

    private static String kindName(ColumnLayout layout) {
        switch (layout.kind()) {
            case SCALAR: return "scalar";
            case ARRAY: return "array";
            case CATEGORICAL: return "categorical";
            default: return layout.toString();
        }
    }

    private static ColumnSpec findSource(Schema stored, ColumnSpec column) {
        int index = stored.indexOf(column.name());
        if (index >= 0) {
            return stored.column(index);
        }
        for (String former : column.formerNames()) {
            index = stored.indexOf(former);
            if (index >= 0) {
                return stored.column(index);
            }
        }
        return null;
    }

    private static String defaultText(ColumnSpec column) {
        return column.defaultText() == null ? column.defaultValue().toString() : "\"" + column.defaultText() + "\"";
    }

    /**
     * Plans every table of a snapshot: tables with a target schema in {@code targets} (keyed by table name)
     * migrate to it, the others load as stored.
     *
     * @throws SnapshotFormatException {@link Problem#INCOMPATIBLE_SCHEMA} naming {@code manifestFile} and listing
     *         every problem of every table at once, including a target for a table the snapshot does not hold
     *         and a target filed under a name other than its own
     */
    public static List<MigrationPlan> forSnapshot(Manifest manifest, Map<String, Schema> targets, Path manifestFile)
            throws SnapshotFormatException {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Schema> target : targets.entrySet()) {
            if (!target.getKey().equals(target.getValue().name())) {
                errors.add("table name mismatch: the target schema given for table '" + target.getKey() + "' is for '"
                        + target.getValue().name() + "'");
            }
            if (manifest.table(target.getKey()) == null) {
                errors.add("a target schema is given for table '" + target.getKey() + "' but the snapshot holds no such table"
                        + " (tables: " + String.join(", ", manifest.tableNames()) + ")");
            }
        }
        List<MigrationPlan> plans = new ArrayList<>();
        for (TableEntry table : manifest.tables()) {
            Schema target = targets.get(table.name());
            MigrationPlan plan = target == null ? identity(table.schema()) : between(table.schema(), target);
            if (target == null || target.name().equals(table.name())) {
                errors.addAll(plan.errors());
            }
            plans.add(plan);
        }
        if (!errors.isEmpty()) {
            throw new SnapshotFormatException(manifestFile, Problem.INCOMPATIBLE_SCHEMA, "cannot load into the requested schema"
                    + (errors.size() == 1 ? "" : "s (" + errors.size() + " problems)") + ": " + String.join("; ", errors));
        }
        return plans;
    }

    public Schema stored() {
        return stored;
    }

    public Schema target() {
        return target;
    }

    /** One step per target column, in target schema order. Incomplete when the plan has errors. */
    public List<ColumnStep> steps() {
        return steps;
    }

    /** Stored columns the target does not have; their files are not read. */
    public List<ColumnSpec> dropped() {
        return dropped;
    }

    /** Every reason the plan cannot be carried out; empty when it can. */
    public List<String> errors() {
        return errors;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Whether loading is a plain copy of every stored column under its own name. */
    public boolean isIdentity() {
        if (!isValid() || !dropped.isEmpty() || steps.size() != stored.columnCount()) {
            return false;
        }
        for (ColumnStep step : steps) {
            if (step.action() != ColumnStep.Action.COPY || step.isRename()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A human-readable, multi-line description:
     * <pre>
     * herd v1 -> v4
     *   id      u32   copy
     *   label   u16   copy (stored as 'name_code')
     *   age     i64   widen i32 to i64
     *   alive   bool  fill with default true (added in v4, stored schema is v1)
     *   dropped: legacy i16
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(target.name()).append(" v").append(stored.version()).append(" -> v").append(target.version()).append('\n');
        int width = 0;
        for (ColumnSpec column : target.columns()) {
            width = Math.max(width, column.name().length());
        }
        for (ColumnStep step : steps) {
            out.append("  ").append(pad(step.target().name(), width)).append("  ").append(pad(step.target().layout().toString(), 4))
                    .append("  ").append(step.reason()).append('\n');
        }
        for (ColumnSpec column : dropped) {
            out.append("  dropped: ").append(column.name()).append(' ').append(column.layout()).append('\n');
        }
        for (String error : errors) {
            out.append("  error: ").append(error).append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }
}
