package io.tickstore.snapshot.eventlog;

import java.io.IOException;

/** Receives records from a query, one at a time, through a cursor that is valid only during the call. */
@FunctionalInterface
public interface EventHandler {
    void onEvent(EventCursor event) throws IOException;
}
