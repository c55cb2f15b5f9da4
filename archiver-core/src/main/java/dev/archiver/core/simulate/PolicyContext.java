package dev.archiver.core.simulate;

import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.cost.RestoreTier;

import java.time.Instant;
import java.util.Objects;

/**
 * What policies are built from: prices, the restore tier, when counting starts, the trace itself (the
 * clairvoyant policy reads its future; the predictive one trains on its first days).
 */
final class PolicyContext {
    final PriceBook priceBook;
    final RestoreTier restoreTier;
    final int restoreDays;
    final ReplayTrace trace;
    final long countFrom;
    final int redecideDays;
    final int horizonDays;
    final int pricedDays;
    private final boolean perObject;
    /** Set by {@link PredictivePolicy#train} (on the building thread, before the policies are built). */
    dev.archiver.core.predict.ReadCountModel readCounts;
    /** Set by {@link PredictivePolicy#train}: the range of the training features. */
    dev.archiver.core.train.FeatureRange featureRange;

    PolicyContext(PriceBook priceBook, RestoreTier restoreTier, int restoreDays, ReplayTrace trace, long countFrom,
                  int redecideDays, int horizonDays, int pricedDays, boolean perObject) {
        this.priceBook = Objects.requireNonNull(priceBook);
        this.restoreTier = restoreTier;
        this.restoreDays = restoreDays;
        this.trace = trace;
        this.countFrom = countFrom;
        this.redecideDays = redecideDays;
        this.horizonDays = horizonDays;
        this.pricedDays = pricedDays;
        this.perObject = perObject;
    }

    boolean perObject() {
        return perObject;
    }

    BillingMeter newMeter() {
        return BillingMeter.builder(priceBook).restoreTier(restoreTier).restoreDays(restoreDays)
                .countFrom(Instant.ofEpochSecond(countFrom))
                .timeline(Instant.ofEpochSecond(trace.start), Instant.ofEpochSecond(trace.end))
                .perObject(perObject).build();
    }

    Tariff tariff() {
        return new Tariff(priceBook, restoreTier, restoreDays, countFrom);
    }
}
