package dev.archiver.core.cost;

/**
 * The S3 Intelligent-Tiering automatic tiers and monitoring fee. Objects under
 * {@code monitoringMinimumBytes} are never monitored, never tier down and pay no fee.
 *
 * @param monitoringPer1000ObjectsMonth monitoring and automation fee per 1,000 objects per month
 * @param monitoringMinimumBytes        smallest object that is monitored and tiers down (128 KiB)
 * @param infrequentAfterDays           days without access before the Infrequent Access tier (30)
 * @param archiveInstantAfterDays       days without access before the Archive Instant Access tier (90)
 * @param infrequentPerGbMonth          Infrequent Access tier storage per GB-month
 * @param archiveInstantPerGbMonth      Archive Instant Access tier storage per GB-month
 * @param archiveAccessPerGbMonth       opt-in Archive Access tier storage per GB-month
 * @param deepArchiveAccessPerGbMonth   opt-in Deep Archive Access tier storage per GB-month
 */
public record IntelligentTieringPrices(
        double monitoringPer1000ObjectsMonth,
        long monitoringMinimumBytes,
        int infrequentAfterDays,
        int archiveInstantAfterDays,
        double infrequentPerGbMonth,
        double archiveInstantPerGbMonth,
        double archiveAccessPerGbMonth,
        double deepArchiveAccessPerGbMonth) {
}
