package io.tickstore.snapshot.verify;

/** The verdict on one file of a snapshot. */
public enum CheckStatus {
    /** Present, well-formed, the size and checksum the manifest records. */
    OK,
    /** Its bytes (or its size) differ from what the manifest records. */
    MISMATCH,
    /** Not there. */
    MISSING,
    /** Shorter than the manifest or its own header says. */
    TRUNCATED,
    /** Its header (or, for the manifest, its content) is malformed, of another format or another version. */
    BAD_HEADER,
    /**
     * There, but it could not be read: permission denied, or an input/output error. Nothing is known about its
     * content, which may well be intact.
     */
    UNREADABLE
}
