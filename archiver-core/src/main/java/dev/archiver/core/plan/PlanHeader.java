package dev.archiver.core.plan;

import dev.archiver.core.cost.TransitionMethod;

import java.time.Instant;
import java.util.Objects;

/**
 * The first line of a plan file: what the plan was made with.
 *
 * @param createdAt        when the plan was made
 * @param priceBook        the price book's name ({@code region@effectiveDate})
 * @param currency         the currency of every amount in the plan
 * @param horizonDays      the cost horizon
 * @param transitionMethod how the moves are meant to be made
 * @param predictor        the predictor's name
 */
public record PlanHeader(Instant createdAt, String priceBook, String currency, int horizonDays,
                         TransitionMethod transitionMethod, String predictor) {
    /** The plan file format version this library writes and reads. */
    public static final int VERSION = 1;

    public PlanHeader {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(priceBook, "priceBook");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(transitionMethod, "transitionMethod");
        Objects.requireNonNull(predictor, "predictor");
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizonDays must be >= 1, was " + horizonDays);
        }
    }
}
