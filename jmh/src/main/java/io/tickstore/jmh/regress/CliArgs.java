package io.tickstore.jmh.regress;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and positional arguments of the regression commands. */
final class CliArgs {
    private final String command;
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    CliArgs(String command, String[] args, String... flags) {
        this.command = command;
        Set<String> booleanFlags = Set.of(flags);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (booleanFlags.contains(arg)) {
                options.put(arg, "true");
            } else if (arg.startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new TickstoreException(Problem.INVALID_ARGUMENT, command + ": " + arg + " needs a value");
                }
                options.put(arg, args[++i]);
            } else {
                positional.add(arg);
            }
        }
    }

    String value(String name) {
        String v = options.get(name);
        if (v == null) {
            throw new TickstoreException(Problem.INVALID_ARGUMENT, command + ": " + name + " is required");
        }
        return v;
    }

    String optional(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    Path path(String name) {
        return Path.of(value(name));
    }

    Path optionalPath(String name) {
        String v = options.get(name);
        return v == null ? null : Path.of(v);
    }

    double number(String name, double otherwise) {
        String v = options.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new TickstoreException(Problem.INVALID_ARGUMENT, command + ": " + name + " " + v + " is not a number");
        }
    }

    List<String> positionalAtLeast(int count, String usage) {
        if (positional.size() < count) {
            throw new TickstoreException(Problem.INVALID_ARGUMENT, command + ": usage: " + usage);
        }
        return positional;
    }

    List<String> positional(int count, String usage) {
        if (positional.size() != count) {
            throw new TickstoreException(Problem.INVALID_ARGUMENT, command + ": usage: " + usage);
        }
        return positional;
    }
}
