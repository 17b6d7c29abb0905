package io.tickstore.cli;

import io.tickstore.columns.TickstoreException;
import io.tickstore.snapshot.TickstoreFileException;
import io.tickstore.snapshot.internal.FileErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileSystemException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Every failure as the one line a user reads after {@code tickstore: }: the path at fault first, then what
 * happened in words ({@code /data/runs: permission denied}, {@code /dev/full: no space left on device}).
 *
 * <ul>
 *   <li>Wrappers ({@link UncheckedIOException}, {@link CompletionException}, {@link ExecutionException}, and any
 *       exception whose message is just its cause's) are looked through; a wrapper that adds words keeps them,
 *       after the cause: {@code FILE: no space left on device (a checkpoint of run R failed)}.</li>
 *   <li>A {@link FileSystemException}, whose message the JDK often leaves as the bare path, is its file and what
 *       happened in words ("permission denied", "is not a directory", ...: {@link FileErrors#describe}).</li>
 *   <li>Tickstore's own exceptions ({@link TickstoreException} and its subclasses), and other I/O and argument
 *       errors, already read as a sentence naming their file, run or backend first; they are shown as they are.</li>
 *   <li>Anything else is a bug, and keeps its class name, which is what a bug report needs.</li>
 * </ul>
 * Only the first line of a message is shown; {@code --verbose} adds the stack trace.
 */
final class ErrorMessages {
    private static final int MAX_DEPTH = 16;

    private ErrorMessages() {
    }

    static String oneLine(Throwable ex) {
        String message = render(ex, 0);
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).stripTrailing();
    }

    private static String render(Throwable ex, int depth) {
        Throwable cause = ex.getCause();
        String message = ex.getMessage();
        if (cause != null && cause != ex && depth < MAX_DEPTH) {
            if (isWrapper(ex) || message == null || message.isBlank() || message.equals(cause.toString())) {
                String inner = render(cause, depth + 1);
                String context = isWrapper(ex) && message != null && !message.equals(cause.toString()) ? message : null;
                return context == null || inner.contains(context) ? inner : inner + " (" + context + ")";
            }
            if (namesAFile(cause) && cause.getMessage() != null && message.endsWith(": " + cause.getMessage())) {
                // "a checkpoint of run R failed: FILE: no space left on device" puts the file first.
                String context = message.substring(0, message.length() - cause.getMessage().length() - 2);
                return render(cause, depth + 1) + " (" + context + ")";
            }
        }
        if (ex instanceof FileSystemException) {
            return FileErrors.describe((FileSystemException) ex);
        }
        if (message == null || message.isBlank()) {
            return withoutMessage(ex);
        }
        // these messages already start with what is at fault (a path, a run, a backend and session); a class name
        // in front would only hide it
        if (ex instanceof IOException || ex instanceof CliException || ex instanceof IllegalArgumentException
                || ex instanceof IllegalStateException || ex instanceof UnsupportedOperationException
                || ex instanceof TickstoreException) {
            return message;
        }
        return ex.getClass().getSimpleName() + ": " + message;
    }

    private static boolean isWrapper(Throwable ex) {
        return ex instanceof UncheckedIOException || ex instanceof CompletionException || ex instanceof ExecutionException
                || ex instanceof InvocationTargetException || ex instanceof UndeclaredThrowableException;
    }

    private static boolean namesAFile(Throwable ex) {
        return ex instanceof FileSystemException && ((FileSystemException) ex).getFile() != null
                || ex instanceof TickstoreFileException;
    }

    private static String withoutMessage(Throwable ex) {
        if (ex instanceof ClosedByInterruptException) {
            return "interrupted during input/output";
        }
        if (ex instanceof AsynchronousCloseException) {
            return "a file was closed while in use";
        }
        if (ex instanceof IOException) {
            return "input/output error";
        }
        return ex.getClass().getSimpleName();
    }
}
