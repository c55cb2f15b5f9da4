package dev.archiver.core.simulate;

import dev.archiver.core.cost.CostModel;
import dev.archiver.core.cost.IntelligentTieringPrices;
import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.cost.RestorePrice;
import dev.archiver.core.cost.RestoreTier;
import dev.archiver.core.object.StorageClass;

/**
 * The price arithmetic shared by {@link BillingMeter} and the clairvoyant policy, so that the optimum is
 * computed with exactly the numbers the meter bills. Storage prices come from {@link CostModel#storage}.
 * Times are epoch seconds; charges for spans are clipped to {@code [countFrom, ∞)}.
 */
final class Tariff {
    static final long DAY = 86_400;
    static final int N = StorageClass.values().length;
    static final int STD = StorageClass.STANDARD.ordinal();
    static final int IT = StorageClass.INTELLIGENT_TIERING.ordinal();
    static final long ARCHIVE_OVERHEAD = 32 * 1024;

    final CostModel model;
    final IntelligentTieringPrices it;
    final long countFrom;
    final int restoreDays;
    final double[] put = new double[N];
    final double[] get = new double[N];
    final double[] retrievalPerGb = new double[N];
    final double[] lifecycle = new double[N];
    final double[] restoreFixed = new double[N];
    final double[] restorePerGb = new double[N];
    final double[] restoreHours = new double[N];
    final double stdRate;
    private final double itFrequentRate; // looked up once: the meter asks for a tier's rate every day of every object

    Tariff(PriceBook book, RestoreTier tier, int restoreDays, long countFrom) {
        this.model = CostModel.builder(book).restoreTier(tier).restoreDays(restoreDays).build();
        this.it = book.intelligentTiering();
        this.countFrom = countFrom;
        this.restoreDays = restoreDays;
        for (StorageClass c : StorageClass.values()) {
            int i = c.ordinal();
            var p = book.prices(c);
            put[i] = p.putPer1000() / 1000.0;
            get[i] = p.getPer1000() / 1000.0;
            retrievalPerGb[i] = p.retrievalPerGb();
            lifecycle[i] = p.lifecycleTransitionPer1000().orElse(Double.NaN) / 1000.0;
            if (c.requiresRestore()) {
                RestorePrice r = p.restore(tier).orElseThrow(() -> new IllegalArgumentException(
                        "restore tier " + tier + " is not offered for " + c + " in price book " + book.name()));
                restoreFixed[i] = r.per1000() / 1000.0;
                restorePerGb[i] = r.perGb();
                restoreHours[i] = r.hours();
            }
        }
        stdRate = book.prices(StorageClass.STANDARD).storagePerGbMonth();
        itFrequentRate = book.prices(StorageClass.INTELLIGENT_TIERING).storagePerGbMonth();
    }

    boolean counted(long t) {
        return t >= countFrom;
    }

    /** Seconds of {@code [a, b)} at or after countFrom. */
    long clip(long a, long b) {
        return Math.max(0, b - Math.max(a, countFrom));
    }

    /** Storage of a non-Intelligent-Tiering class over {@code seconds}. */
    double storage(StorageClass c, long size, long seconds) {
        return seconds <= 0 ? 0 : model.storage(c, size, seconds / (double) DAY);
    }

    /** The remainder of {@code c}'s minimum duration owed when leaving after {@code ageSeconds}. */
    double remainder(StorageClass c, long size, long ageSeconds) {
        long min = c.minimumDurationDays() * DAY;
        return ageSeconds >= min ? 0 : storage(c, size, min - ageSeconds);
    }

    /** Request, retrieval fee of one read in a millisecond class. */
    double read(int cls, long size) {
        return get[cls] + retrievalPerGb[cls] * CostModel.gb(size);
    }

    /** Restore request and per-GB fee of one restore (a GLACIER or DEEP_ARCHIVE class). */
    double restoreFee(int cls, long size) {
        return restoreFixed[cls] + restorePerGb[cls] * CostModel.gb(size);
    }

    /** The temporary STANDARD copy a restore keeps for restoreDays. */
    double restoreCopy(long size) {
        return CostModel.gb(size) * stdRate * CostModel.months(restoreDays);
    }

    /** Cheapest request price of moving an object of {@code size} from {@code from} to {@code to}; NaN when impossible. */
    double copy(int from, int to, long size) {
        return put[to] + retrievalPerGb[from] * CostModel.gb(size);
    }

    boolean lifecycleAllowed(StorageClass from, StorageClass to, long size) {
        return size >= LIFECYCLE_MIN_SIZE && from.canLifecycleTransitionTo(to);
    }

    /** S3's default: lifecycle rules do not transition objects under 128 KiB. */
    static final long LIFECYCLE_MIN_SIZE = 128 * 1024;

    // Intelligent-Tiering: the tier of a day follows k = whole days from the first midnight at or after the
    // last access to the day's midnight. Tiers: 0 frequent, 1 infrequent, 2 archive instant, 3 archive access,
    // 4 deep archive access.
    static final int ARCHIVE_ACCESS_DAYS = 90;
    static final int DEEP_ARCHIVE_ACCESS_DAYS = 180;

    int tier(long size, long k, boolean archiveTiers) {
        if (size < it.monitoringMinimumBytes() || k < it.infrequentAfterDays()) {
            return 0;
        }
        if (archiveTiers && k >= DEEP_ARCHIVE_ACCESS_DAYS) {
            return 4;
        }
        if (archiveTiers && k >= ARCHIVE_ACCESS_DAYS) {
            return 3;
        }
        return k < it.archiveInstantAfterDays() ? 1 : 2;
    }

    /** Intelligent-Tiering storage per second in {@code tier}. */
    double itPerSecond(long size, int tier) {
        double g = CostModel.gb(size);
        double perMonth;
        switch (tier) {
            case 0 -> perMonth = g * itFrequentRate;
            case 1 -> perMonth = g * it.infrequentPerGbMonth();
            case 2 -> perMonth = g * it.archiveInstantPerGbMonth();
            case 3 -> perMonth = CostModel.gb(size + ARCHIVE_OVERHEAD) * it.archiveAccessPerGbMonth()
                    + CostModel.gb(StorageClass.ARCHIVE_STANDARD_OVERHEAD_BYTES) * stdRate;
            default -> perMonth = CostModel.gb(size + ARCHIVE_OVERHEAD) * it.deepArchiveAccessPerGbMonth()
                    + CostModel.gb(StorageClass.ARCHIVE_STANDARD_OVERHEAD_BYTES) * stdRate;
        }
        return perMonth / (CostModel.HOURS_PER_MONTH * 3600.0);
    }

    /** Monitoring fee per second (0 under the monitoring minimum size). */
    double monitoringPerSecond(long size) {
        return size < it.monitoringMinimumBytes() ? 0
                : it.monitoringPer1000ObjectsMonth() / 1000.0 / (CostModel.HOURS_PER_MONTH * 3600.0);
    }

    /** Hours a read waits for an object in an Intelligent-Tiering archive tier (the GLACIER / DEEP_ARCHIVE wait). */
    double itWaitHours(int tier) {
        return tier == 3 ? restoreHours[StorageClass.GLACIER.ordinal()]
                : tier == 4 ? restoreHours[StorageClass.DEEP_ARCHIVE.ordinal()] : 0;
    }

    static long midnightAtOrAfter(long t) {
        return Math.floorDiv(t + DAY - 1, DAY) * DAY;
    }

    static long midnightAtOrBefore(long t) {
        return Math.floorDiv(t, DAY) * DAY;
    }
}
