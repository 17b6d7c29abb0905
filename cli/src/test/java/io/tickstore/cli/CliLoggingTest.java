package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** What a library's warning looks like on the command's stderr: one line in the command's voice. */
class CliLoggingTest {
    private final CliLogging.OneLine format = new CliLogging.OneLine();

    @Test
    void aWarningIsOneLinePrefixedLikeEveryOtherMessageOfTheCommand() {
        LogRecord record = new LogRecord(Level.WARNING, "event log /r/events: 1024 records lost since the last complete chunk");
        assertEquals("tickstore: warning: event log /r/events: 1024 records lost since the last complete chunk" + System.lineSeparator(),
                format.format(record));
    }

    @Test
    void anErrorNamesItsCauseOnTheSameLine() {
        LogRecord record = new LogRecord(Level.SEVERE, "closing a segment failed");
        record.setThrown(new java.io.IOException("No space left on device"));
        assertEquals("tickstore: error: closing a segment failed (No space left on device)" + System.lineSeparator(),
                format.format(record));
    }
}
