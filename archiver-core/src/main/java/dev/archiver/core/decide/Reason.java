package dev.archiver.core.decide;

/** Why a decision came out as it did; {@link Decision#detail()} adds the numbers. */
public enum Reason {
    /** Another class is cheaper by more than the hysteresis margin. */
    CHEAPER(Action.MOVE),
    /** The current class is the cheapest candidate. */
    ALREADY_CHEAPEST(Action.KEEP),
    /** A cheaper class exists, but the saving does not beat the margin. */
    BELOW_MARGIN(Action.KEEP),
    /** Smaller than the configured minimum size. */
    TOO_SMALL(Action.KEEP),
    /** Younger than the configured minimum age. */
    TOO_YOUNG(Action.KEEP),
    /** Under an excluded prefix. */
    EXCLUDED_PREFIX(Action.KEEP),
    /** Carries an excluded tag. */
    EXCLUDED_TAG(Action.KEEP),
    /** Archived (GLACIER, DEEP_ARCHIVE, an Intelligent-Tiering archive tier): never a copy source. */
    ARCHIVED(Action.KEEP),
    /**
     * S3 Object Lock protects the version (retention or legal hold) and the engine moves by copy:
     * a copy would add a new version beside the locked one, which stays billed in its old class.
     */
    OBJECT_LOCKED(Action.KEEP),
    /** No allowed class can be reached from the current one by the configured transition method. */
    NO_CANDIDATE(Action.KEEP),
    /** The predictor failed or returned an invalid score; fail safe. */
    PREDICTION_FAILED(Action.KEEP);

    private final Action action;

    Reason(Action action) {
        this.action = action;
    }

    /** The action this reason implies. */
    public Action action() {
        return action;
    }
}
