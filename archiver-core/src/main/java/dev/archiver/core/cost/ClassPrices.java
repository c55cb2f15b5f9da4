package dev.archiver.core.cost;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One storage class's prices in a {@link PriceBook}.
 *
 * @param storagePerGbMonth          storage per GB-month (first pricing tier)
 * @param putPer1000                 PUT, COPY, POST per 1,000 requests (a copy is billed at the destination's rate)
 * @param getPer1000                 GET and other tier-2 requests per 1,000
 * @param retrievalPerGb             retrieval fee per GB read (STANDARD_IA, ONEZONE_IA, GLACIER_IR); 0 when none
 * @param lifecycleTransitionPer1000 price per 1,000 lifecycle transitions into this class; empty when a
 *                                   lifecycle rule cannot move objects into it (STANDARD)
 * @param restore                    restore prices per tier for classes that need a restore; empty otherwise
 */
public record ClassPrices(
        double storagePerGbMonth,
        double putPer1000,
        double getPer1000,
        double retrievalPerGb,
        OptionalDouble lifecycleTransitionPer1000,
        Map<RestoreTier, RestorePrice> restore) {

    public ClassPrices {
        restore = Map.copyOf(restore);
    }

    /** The restore price for {@code tier}, empty when this class has no such restore option. */
    public Optional<RestorePrice> restore(RestoreTier tier) {
        return Optional.ofNullable(restore.get(tier));
    }
}
