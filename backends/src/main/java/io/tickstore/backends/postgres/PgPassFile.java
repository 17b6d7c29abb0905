package io.tickstore.backends.postgres;

import java.util.List;
import java.util.Optional;

/**
 * The format of PostgreSQL's password file ({@code ~/.pgpass}), read the way libpq reads it so that a file psql uses
 * works here unchanged: one {@code hostname:port:database:username:password} entry per line; the first line whose
 * four fields match wins; a field of exactly {@code *} matches anything; a backslash makes the next character
 * literal ({@code \:} and {@code \\}), in the password too, which ends at the next unescaped colon; lines starting
 * with {@code #} and empty lines are skipped.
 */
final class PgPassFile {
    private PgPassFile() {
    }

    /** The password of the first entry matching the four values, or empty (also when that password is empty). */
    static Optional<String> lookup(List<String> lines, String host, String port, String database, String user) {
        String[] wanted = {host, port, database, user};
        for (String raw : lines) {
            String line = stripLineEnd(raw);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int at = 0;
            for (String value : wanted) {
                at = matchField(line, at, value);
                if (at < 0) {
                    break;
                }
            }
            if (at >= 0) {
                String password = unescapeUpToColon(line, at);
                return password.isEmpty() ? Optional.empty() : Optional.of(password);
            }
        }
        return Optional.empty();
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    /**
     * Matches the field starting at {@code from} against {@code value}; returns where the next field starts, or -1.
     * As libpq: {@code *:} matches anything, otherwise the unescaped field must equal the value exactly.
     */
    private static int matchField(String line, int from, String value) {
        if (line.startsWith("*:", from)) {
            return from + 2;
        }
        int v = 0;
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            boolean escaped = false;
            if (c == '\\' && i + 1 < line.length()) {
                c = line.charAt(++i);
                escaped = true;
            }
            if (c == ':' && !escaped) {
                return v == value.length() ? i + 1 : -1;
            }
            if (v >= value.length() || value.charAt(v) != c) {
                return -1;
            }
            v++;
            i++;
        }
        return -1; // a line with fewer than five fields matches nothing
    }

    private static String unescapeUpToColon(String line, int from) {
        StringBuilder password = new StringBuilder();
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                c = line.charAt(++i);
            } else if (c == ':') {
                break;
            }
            password.append(c);
        }
        return password.toString();
    }
}
