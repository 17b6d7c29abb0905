package io.tickstore.backends.internal.journal;

import java.net.UnknownHostException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Why a database call failed, on one line: the exception's message followed by those of its causes that add
 * something. The useful part is often underneath: a pool says "Connection is not available, request timed out" and
 * only its cause says "Connection to 127.0.0.1:1 refused"; the driver says "The connection attempt failed" and only
 * its cause names the host that does not resolve.
 */
public final class FailureText {
    private static final int MAX_CAUSES = 6;

    private FailureText() {
    }

    public static String of(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.size() < MAX_CAUSES && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            String part = describe(t);
            if (text.indexOf(part) >= 0) {
                continue; // a wrapper repeating its cause's message, or a cause repeating its wrapper's
            }
            if (text.length() > 0) {
                trimFinalPeriod(text);
                text.append(": ");
            }
            text.append(part);
        }
        return text.toString();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        // a server error's further lines ("  Detail: Key (id)=(7) already exists.") stay, on the same line
        message = message.strip().replaceAll("\\s*\\R\\s*", "; ");
        // its message is the bare host name
        return t instanceof UnknownHostException ? "unknown host " + message : message;
    }

    private static void trimFinalPeriod(StringBuilder text) {
        if (text.length() > 0 && text.charAt(text.length() - 1) == '.') {
            text.setLength(text.length() - 1);
        }
    }
}
