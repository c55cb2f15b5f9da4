package dev.archiver.core.cost;

/** The retrieval option of a RestoreObject request for GLACIER or DEEP_ARCHIVE. */
public enum RestoreTier {
    EXPEDITED, STANDARD, BULK
}
