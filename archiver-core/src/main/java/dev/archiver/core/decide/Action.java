package dev.archiver.core.decide;

/** What a decision says to do with an object. */
public enum Action {
    /** Leave the object in its current class. */
    KEEP,
    /** Move the object to the decision's target class. */
    MOVE
}
