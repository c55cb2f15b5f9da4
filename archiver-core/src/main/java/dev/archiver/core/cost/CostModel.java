package dev.archiver.core.cost;

import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Prices the next {@code horizonDays} of one object in each storage class under a
 * {@link PriceBook}: storage of the billable size (minimum size, archive overhead) for at
 * least the class's minimum duration; the one-time move (destination request, the source's
 * retrieval fee, the source's early-deletion remainder, and in a versioned bucket the old
 * version that stays billed); and the expected reads (request, retrieval and, for GLACIER and
 * DEEP_ARCHIVE, a restore with its temporary STANDARD copy).
 *
 * <pre>{@code
 * CostModel model = CostModel.builder(PriceBook.usEast1()).horizonDays(90).build();
 * CostEstimate keep = model.keep(object, ReadForecast.of(0.05, 1), now);
 * CostEstimate ir = model.move(object, StorageClass.GLACIER_IR, ReadForecast.of(0.05, 1), now);
 * boolean cheaper = ir.total() < keep.total();
 * }</pre>
 *
 * Conventions: 1 GB = 2^30 bytes, 1 month = 730 hours, storage is the first pricing tier. The
 * time an object has spent in its current class is taken from its LastModified (a copy in
 * place resets it; a lifecycle transition does not, so for lifecycle-moved objects the
 * early-deletion remainder is underestimated). An Intelligent-Tiering object that is read stays
 * in Frequent Access until its expected last read, then tiers down; one that is not read follows
 * the automatic tiers from its last access (or, with {@link Builder#poissonReads}, reads come as a Poisson
 * process and the expected days without access for 30 and 90 days are billed at the lower tiers). Instances are
 * immutable and thread-safe.
 */
public final class CostModel {
    /** Bytes in a GB as S3 bills them. */
    public static final double BYTES_PER_GB = 1024.0 * 1024.0 * 1024.0;
    /** Hours in a billing month. */
    public static final double HOURS_PER_MONTH = 730.0;
    private static final double GB_PER_BYTE = 1.0 / BYTES_PER_GB;
    private static final double MONTHS_PER_DAY = 24.0 / HOURS_PER_MONTH;

    private final PriceBook priceBook;
    private final int horizonDays;
    private final int pricedDays;
    private final RestoreTier restoreTier;
    private final int restoreDays;
    private final TransitionMethod transitionMethod;
    private final int noncurrentVersionDays;
    private final boolean poissonReads;
    private final int stayDays;
    /** The share of a move's request price one estimate carries: the priced period over the expected stay, at most 1. */
    private final double requestShare;
    // Hot-path copies of the prices, indexed by StorageClass ordinal.
    private final double[] storageRate;
    private final double[] putPrice;
    private final double[] getPrice;
    private final double[] retrievalPerGb;
    private final double[] lifecyclePrice;
    private final RestorePrice[] restore;
    // Per class: storage cost per billable GB-day and the fixed per-object overhead cost per day (archive classes).
    private final double[] perGbDay;
    private final double[] overheadPerDay;
    private final long[] minimumBytes;
    private final long[] archiveOverhead;
    private final double[] readFixed;      // request + restore request + nothing size-dependent
    private final double[] readPerGb;      // retrieval + restore retrieval + temporary copy
    private final double[] restoreHours;   // hours a read waits (0 for millisecond classes)

    private CostModel(Builder b) {
        this.priceBook = b.priceBook;
        this.horizonDays = b.horizonDays;
        this.pricedDays = Math.max(b.horizonDays, b.pricedDays);
        this.poissonReads = b.poissonReads;
        this.stayDays = Math.max(pricedDays, b.stayDays);
        this.requestShare = pricedDays / (double) stayDays;
        this.restoreTier = b.restoreTier;
        this.restoreDays = b.restoreDays;
        this.transitionMethod = b.transitionMethod;
        this.noncurrentVersionDays = b.noncurrentVersionDays;
        int n = StorageClass.values().length;
        storageRate = new double[n];
        putPrice = new double[n];
        getPrice = new double[n];
        retrievalPerGb = new double[n];
        lifecyclePrice = new double[n];
        restore = new RestorePrice[n];
        perGbDay = new double[n];
        overheadPerDay = new double[n];
        minimumBytes = new long[n];
        archiveOverhead = new long[n];
        readFixed = new double[n];
        readPerGb = new double[n];
        restoreHours = new double[n];
        for (StorageClass c : StorageClass.values()) {
            ClassPrices p = priceBook.prices(c);
            int i = c.ordinal();
            storageRate[i] = p.storagePerGbMonth();
            putPrice[i] = p.putPer1000() / 1000.0;
            getPrice[i] = p.getPer1000() / 1000.0;
            retrievalPerGb[i] = p.retrievalPerGb();
            lifecyclePrice[i] = p.lifecycleTransitionPer1000().orElse(Double.NaN) / 1000.0;
            if (c.requiresRestore()) {
                restore[i] = p.restore(restoreTier).orElseThrow(() -> new IllegalArgumentException(
                        "restore tier " + restoreTier + " is not offered for " + c + " in price book " + priceBook.name()));
            }
        }
        double standardRate = storageRate[StorageClass.STANDARD.ordinal()];
        for (StorageClass c : StorageClass.values()) {
            int i = c.ordinal();
            perGbDay[i] = storageRate[i] * MONTHS_PER_DAY;
            overheadPerDay[i] = c.standardOverheadBytes() * GB_PER_BYTE * standardRate * MONTHS_PER_DAY;
            minimumBytes[i] = c.minimumBillableBytes();
            archiveOverhead[i] = c.archiveOverheadBytes();
            readFixed[i] = getPrice[i];
            readPerGb[i] = retrievalPerGb[i];
            RestorePrice r = restore[i];
            if (r != null) {
                readFixed[i] += r.per1000() / 1000.0;
                readPerGb[i] += r.perGb() + standardRate * months(restoreDays);
                restoreHours[i] = r.hours();
            }
        }
    }

    /** Starts a cost model over {@code priceBook}: 90-day horizon, STANDARD restores kept 1 day, moves by COPY. */
    public static Builder builder(PriceBook priceBook) {
        return new Builder(priceBook);
    }

    /** The default model: bundled us-east-1 prices and the builder's defaults. */
    public static CostModel defaults() {
        return builder(PriceBook.usEast1()).build();
    }

    public PriceBook priceBook() {
        return priceBook;
    }

    public int horizonDays() {
        return horizonDays;
    }

    /** Days every class is priced over: the horizon, or the longer {@link Builder#pricedDays} when set. */
    public int pricedDays() {
        return pricedDays;
    }

    public RestoreTier restoreTier() {
        return restoreTier;
    }

    /** Days over which a move's request price is spread: {@link Builder#stayDays}, at least the priced period. */
    public int stayDays() {
        return stayDays;
    }

    public TransitionMethod transitionMethod() {
        return transitionMethod;
    }

    /** Months in the horizon (730-hour months). */
    public double horizonMonths() {
        return months(horizonDays);
    }

    /**
     * Whether the configured transition method can move {@code object} to {@code target}:
     * never from an archived object; by copy to any other class; by lifecycle only down the waterfall.
     */
    public boolean canMove(ObjectInfo object, StorageClass target) {
        if (target == object.storageClass() || object.isArchived()) {
            return false;
        }
        return transitionMethod == TransitionMethod.COPY || object.storageClass().canLifecycleTransitionTo(target);
    }

    /** The cost of {@code object} in {@code target}: {@link #keep} when it is the current class, else {@link #move}. */
    public CostEstimate estimate(ObjectInfo object, StorageClass target, ReadForecast forecast, Instant now) {
        return target == object.storageClass() ? keep(object, forecast, now) : move(object, target, forecast, now);
    }

    /** The cost of leaving {@code object} where it is; its last access is taken to be its LastModified. */
    public CostEstimate keep(ObjectInfo object, ReadForecast forecast, Instant now) {
        return keep(object, forecast, now, object.lastModified());
    }

    /**
     * The cost of leaving {@code object} where it is over the horizon, the remainder of its class's
     * minimum duration included. {@code lastAccess} places an Intelligent-Tiering object in its tier.
     */
    public CostEstimate keep(ObjectInfo object, ReadForecast forecast, Instant now, Instant lastAccess) {
        return estimate(object, object.storageClass(), forecast.probability(), forecast.readsIfRead(), now.getEpochSecond(),
                lastAccess.getEpochSecond());
    }

    /**
     * The cost of moving {@code object} to {@code target} now and keeping it there over the horizon.
     *
     * @throws IllegalArgumentException when {@link #canMove} says the move is impossible
     */
    public CostEstimate move(ObjectInfo object, StorageClass target, ReadForecast forecast, Instant now) {
        if (!canMove(object, target)) {
            throw cannotMove(object, target);
        }
        // a move does not depend on the last access: LastModified stands in
        return estimate(object, target, forecast.probability(), forecast.readsIfRead(), now.getEpochSecond(),
                object.lastModified().getEpochSecond());
    }

    private IllegalArgumentException cannotMove(ObjectInfo object, StorageClass target) {
        return new IllegalArgumentException("cannot move " + object.location() + " from " + object.storageClass()
                + (object.isArchived() ? " (archived: restore it first)" : "") + " to " + target + " by " + transitionMethod);
    }

    /**
     * The keep estimate, then the estimate of every class of {@code candidates} that {@link #canMove}
     * allows, in {@link StorageClass} order, written to {@code out} (at least 7 long); returns how many.
     * The decision engine's hot path: what every estimate shares is computed once.
     */
    public int estimateAll(ObjectInfo object, Set<StorageClass> candidates, ReadForecast forecast, Instant now,
                           Instant lastAccess, CostEstimate[] out) {
        return estimateAll(object, candidates, forecast.probability(), forecast.readsIfRead(), now.getEpochSecond(),
                lastAccess.getEpochSecond(), out);
    }

    /**
     * {@link #estimateAll(ObjectInfo, Set, ReadForecast, Instant, Instant, CostEstimate[])} with the
     * forecast and instants unpacked; {@code pRead} in [0, 1], {@code readsIfRead >= 1}, times in
     * epoch seconds.
     */
    public int estimateAll(ObjectInfo object, Set<StorageClass> candidates, double pRead, double readsIfRead,
                           long nowEpochSecond, long lastAccessEpochSecond, CostEstimate[] out) {
        return price(object, candidates, pRead, readsIfRead, nowEpochSecond, lastAccessEpochSecond, out, null, null);
    }

    /**
     * The classes and {@link CostEstimate#total() totals} of what {@link #estimateAll} would return,
     * without building the estimates: {@code classes[i]} and {@code totals[i]} (both at least 7
     * long), the keep estimate first; returns how many. Each total is bit for bit the one of the
     * estimate. The decision engine's hot path: choosing a class needs the totals only, and at
     * millions of objects a second the breakdowns' allocation was a third of the decision's time.
     */
    public int totals(ObjectInfo object, Set<StorageClass> candidates, double pRead, double readsIfRead,
                      long nowEpochSecond, long lastAccessEpochSecond, StorageClass[] classes, double[] totals) {
        return price(object, candidates, pRead, readsIfRead, nowEpochSecond, lastAccessEpochSecond, null, classes, totals);
    }

    /**
     * The one estimate of {@link #estimateAll} for {@code target} (the keep estimate when it is the
     * object's class), bit for bit, without pricing the others: what a reader of one breakdown needs
     * (a plan summary reads the keep and the chosen estimate of every decision).
     *
     * @throws IllegalArgumentException when {@link #canMove} says the move is impossible
     */
    public CostEstimate estimate(ObjectInfo object, StorageClass target, double pRead, double readsIfRead,
                                 long nowEpochSecond, long lastAccessEpochSecond) {
        StorageClass source = object.storageClass();
        if (target != source && !canMove(object, target)) {
            throw cannotMove(object, target);
        }
        // The same steps as price(), for one class.
        if (pricedDays > horizonDays) {
            ReadForecast f = overPricedDays(ReadForecast.of(pRead, readsIfRead));
            pRead = f.probability();
            readsIfRead = f.readsIfRead();
        }
        long modified = object.lastModified().getEpochSecond();
        double remaining = remainingDays(source, nowEpochSecond, modified);
        if (target == source) {
            return keepEstimate(source, object.size(), pRead, readsIfRead, remaining,
                    daysSinceAccess(nowEpochSecond, lastAccessEpochSecond, modified));
        }
        boolean versionedCopy = transitionMethod == TransitionMethod.COPY && object.isVersioned();
        return moveEstimate(source, target, object.size(), pRead, readsIfRead, versionedCopy,
                leftBehind(object, versionedCopy, remaining));
    }

    /**
     * Prices the keep and every allowed move, into {@code out} when given, else into {@code classes}
     * and {@code totals}. One method for both, so they cannot disagree; when called with a constant
     * {@code null} for {@code out} (from {@link #totals}) the JIT folds the branch and escape analysis
     * removes the estimates' allocation.
     */
    private int price(ObjectInfo object, Set<StorageClass> candidates, double pRead, double readsIfRead,
                      long nowEpochSecond, long lastAccessEpochSecond, CostEstimate[] out, StorageClass[] classes, double[] totals) {
        // Plain locals and small private methods rather than a per-object holder: this runs millions of times a second.
        if (pricedDays > horizonDays) {
            ReadForecast f = overPricedDays(ReadForecast.of(pRead, readsIfRead));
            pRead = f.probability();
            readsIfRead = f.readsIfRead();
        }
        StorageClass source = object.storageClass();
        long size = object.size();
        long modified = object.lastModified().getEpochSecond();
        double remaining = remainingDays(source, nowEpochSecond, modified);
        CostEstimate keep = keepEstimate(source, size, pRead, readsIfRead, remaining,
                daysSinceAccess(nowEpochSecond, lastAccessEpochSecond, modified));
        if (out != null) {
            out[0] = keep;
        } else {
            classes[0] = source;
            totals[0] = keep.total();
        }
        if (object.isArchived()) {
            return 1;
        }
        boolean copy = transitionMethod == TransitionMethod.COPY;
        boolean versionedCopy = copy && object.isVersioned();
        double left = leftBehind(object, versionedCopy, remaining);
        int n = 1;
        for (StorageClass c : CLASSES) {
            if (c != source && candidates.contains(c) && (copy || source.canLifecycleTransitionTo(c))) {
                CostEstimate e = moveEstimate(source, c, size, pRead, readsIfRead, versionedCopy, left);
                if (out != null) {
                    out[n] = e;
                } else {
                    classes[n] = c;
                    totals[n] = e.total();
                }
                n++;
            }
        }
        return n;
    }

    private static final StorageClass[] CLASSES = StorageClass.values();

    /**
     * The horizon's forecast stretched over the priced period (unchanged when they are equal): each
     * further horizon is taken to look like the next one, so expected reads scale with the length
     * and p(no read) multiplies.
     */
    private ReadForecast overPricedDays(ReadForecast forecast) {
        if (pricedDays <= horizonDays) {
            return forecast;
        }
        double windows = pricedDays / (double) horizonDays;
        double expected = forecast.probability() * forecast.readsIfRead() * windows;
        double p = 1 - Math.pow(1 - forecast.probability(), windows);
        return ReadForecast.of(p, p > 0 ? Math.max(1, expected / p) : 1);
    }

    private static double remainingDays(StorageClass c, long nowS, long modifiedS) {
        int min = c.minimumDurationDays();
        return min == 0 ? 0 : Math.max(0, min - Math.max(0, (nowS - modifiedS) / 86_400.0));
    }

    private static double daysSinceAccess(long nowS, long lastAccessS, long modifiedS) {
        return Math.max(0, (nowS - Math.max(lastAccessS, modifiedS)) / 86_400.0);
    }

    /**
     * What a move leaves billed in the source class, the same for every target: in a versioned
     * bucket the old version a copy leaves (until a noncurrent-version rule deletes it, at least the
     * unserved minimum duration), else the early-deletion remainder.
     */
    private double leftBehind(ObjectInfo object, boolean versionedCopy, double remaining) {
        if (versionedCopy) {
            double keptDays = noncurrentVersionDays >= 0 ? noncurrentVersionDays : pricedDays;
            return storage(object.storageClass(), object.size(), Math.max(keptDays, remaining));
        }
        return remaining > 0 ? storage(object.storageClass(), object.size(), remaining) : 0;
    }

    private CostEstimate keepEstimate(StorageClass c, long size, double pRead, double readsIfRead, double remaining,
                                      double sinceAccess) {
        int i = c.ordinal();
        double storage;
        double monitoring = 0;
        if (c == StorageClass.INTELLIGENT_TIERING) {
            storage = intelligentTieringStorage(size, sinceAccess, pricedDays, pRead, readsIfRead);
            monitoring = intelligentTieringMonitoring(size, pricedDays);
        } else {
            storage = storage(i, size, pricedDays);
        }
        double commitment = remaining > pricedDays ? storage(i, size, remaining - pricedDays) : 0;
        double expectedReads = pRead * readsIfRead;
        double reads = expectedReads * (readFixed[i] + readPerGb[i] * (size * GB_PER_BYTE));
        return new CostEstimate(c, true, storage, reads, monitoring, 0, 0, 0, commitment, expectedReads * restoreHours[i]);
    }

    private CostEstimate moveEstimate(StorageClass source, StorageClass target, long size, double pRead, double readsIfRead,
                                      boolean versionedCopy, double leftBehind) {
        int t = target.ordinal();
        double sizeGb = size * GB_PER_BYTE;
        double storage;
        double monitoring = 0;
        if (target == StorageClass.INTELLIGENT_TIERING) {
            storage = intelligentTieringStorage(size, 0, pricedDays, pRead, readsIfRead);
            monitoring = intelligentTieringMonitoring(size, pricedDays);
        } else {
            storage = storage(t, size, pricedDays);
        }
        int min = target.minimumDurationDays();
        double commitment = min > pricedDays ? storage(t, size, min - pricedDays) : 0;
        double transition = transitionMethod == TransitionMethod.COPY
                ? putPrice[t] * requestShare + retrievalPerGb[source.ordinal()] * sizeGb
                : lifecyclePrice[t] * requestShare;
        double expectedReads = pRead * readsIfRead;
        double reads = expectedReads * (readFixed[t] + readPerGb[t] * sizeGb);
        return new CostEstimate(target, false, storage, reads, monitoring, transition, versionedCopy ? 0 : leftBehind,
                versionedCopy ? leftBehind : 0, commitment, expectedReads * restoreHours[t]);
    }

    /**
     * Storage of an object of {@code size} bytes in {@code c} for {@code days} days: the billable
     * size at the class's rate plus, for archive classes, the 8 KiB STANDARD-rate overhead.
     * INTELLIGENT_TIERING is priced at its Frequent Access rate here.
     */
    public double storage(StorageClass c, long size, double days) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        return storage(c.ordinal(), size, days);
    }

    private double storage(int classIndex, long size, double days) {
        long billable = Math.max(size, minimumBytes[classIndex]) + archiveOverhead[classIndex];
        return (billable * GB_PER_BYTE * perGbDay[classIndex] + overheadPerDay[classIndex]) * days;
    }

    /** The cost of one whole-object read in {@code c}: request, retrieval fee and, when archived, a restore and its temporary copy. */
    public double costPerRead(StorageClass c, long size) {
        int i = c.ordinal();
        return readFixed[i] + readPerGb[i] * (size * GB_PER_BYTE);
    }

    /** Hours a reader waits for one read in {@code c} (the configured restore tier's wait; 0 for millisecond classes). */
    public double restoreHours(StorageClass c) {
        return restoreHours[c.ordinal()];
    }

    /**
     * Expected Intelligent-Tiering storage over {@code days} days for an object last accessed
     * {@code daysSinceAccess} days ago, read with probability {@code pRead} and then about
     * {@code readsIfRead} times. Not read, it follows the automatic tiers from its last access.
     * Read {@code k} times, the reads are taken as spread evenly over the period: the object stays
     * in Frequent Access until the expected last read ({@code days * k / (k + 1)}) and tiers down
     * from there. Objects under the monitoring minimum never tier.
     */
    public double intelligentTieringStorage(long size, double daysSinceAccess, double days, double pRead, double readsIfRead) {
        IntelligentTieringPrices it = priceBook.intelligentTiering();
        double frequentRate = storageRate[StorageClass.INTELLIGENT_TIERING.ordinal()];
        double g = gb(size);
        if (size < it.monitoringMinimumBytes()) {
            return g * frequentRate * months(days);
        }
        double idle = tiered(it, g, daysSinceAccess, days);
        double read;
        if (poissonReads) {
            // reads as a Poisson process of readsIfRead / days per day: the expected days spent 30 and 90 days
            // after the last access (closed forms), each tier billed from then on
            double rate = readsIfRead / days;
            double toInfrequent = idleDays(daysSinceAccess, days, it.infrequentAfterDays(), rate);
            double toArchive = idleDays(daysSinceAccess, days, it.archiveInstantAfterDays(), rate);
            read = g * (frequentRate * months(days) + (it.infrequentPerGbMonth() - frequentRate) * months(toInfrequent)
                    + (it.archiveInstantPerGbMonth() - it.infrequentPerGbMonth()) * months(toArchive));
        } else {
            double lastRead = days * readsIfRead / (readsIfRead + 1);
            read = g * frequentRate * months(lastRead) + tiered(it, g, 0, days - lastRead);
        }
        return pRead * read + (1 - pRead) * idle;
    }

    /**
     * Expected days of {@code [0, days)} at which at least {@code after} days have passed since the last access,
     * the last known one {@code since} days before 0 and further ones a Poisson process of {@code rate} per day.
     */
    static double idleDays(double since, double days, double after, double rate) {
        double from = Math.max(0, after - since);
        double cost = 0;
        double to = Math.min(days, after);
        if (to > from) { // before `after` days have passed, no read since 0 either
            cost += rate == 0 ? to - from : (Math.exp(-rate * from) - Math.exp(-rate * to)) / rate;
        }
        double steady = Math.max(0, days - Math.max(after, from));
        return cost + steady * Math.exp(-rate * after);
    }

    /** Storage of {@code g} GB over {@code days} days following the automatic tiers, starting {@code since} days after an access. */
    private double tiered(IntelligentTieringPrices it, double g, double since, double days) {
        double frequentRate = storageRate[StorageClass.INTELLIGENT_TIERING.ordinal()];
        double end = since + days;
        double f = overlap(since, end, 0, it.infrequentAfterDays());
        double ia = overlap(since, end, it.infrequentAfterDays(), it.archiveInstantAfterDays());
        double ai = overlap(since, end, it.archiveInstantAfterDays(), Double.POSITIVE_INFINITY);
        return g * (frequentRate * months(f) + it.infrequentPerGbMonth() * months(ia) + it.archiveInstantPerGbMonth() * months(ai));
    }

    /** Intelligent-Tiering monitoring fee for {@code days} days (none under the monitoring minimum size). */
    public double intelligentTieringMonitoring(long size, double days) {
        IntelligentTieringPrices it = priceBook.intelligentTiering();
        return size < it.monitoringMinimumBytes() ? 0 : it.monitoringPer1000ObjectsMonth() / 1000.0 * months(days);
    }

    /** Days of the current class's minimum duration still unserved at {@code now} (0 when served). */
    public double remainingMinimumDays(ObjectInfo object, Instant now) {
        int min = object.storageClass().minimumDurationDays();
        if (min == 0) {
            return 0;
        }
        return Math.max(0, min - Math.max(0, daysBetween(object.lastModified(), now)));
    }

    private static double overlap(double a0, double a1, double b0, double b1) {
        return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
    }

    static double daysBetween(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) / 86_400.0;
    }

    /** {@code days} as 730-hour months. */
    public static double months(double days) {
        return days * MONTHS_PER_DAY;
    }

    /** {@code bytes} in GB of 2^30 bytes. */
    public static double gb(long bytes) {
        return bytes * GB_PER_BYTE;
    }

    @Override
    public String toString() {
        return "CostModel[" + priceBook.name() + ", horizon " + horizonDays + " days"
                + (pricedDays > horizonDays ? " priced over " + pricedDays : "") + ", " + transitionMethod
                + ", restore " + restoreTier + " kept " + restoreDays + " days]";
    }

    /** Builds a {@link CostModel}; every setter validates at once. */
    public static final class Builder {
        private final PriceBook priceBook;
        private int horizonDays = 90;
        private int pricedDays;
        private boolean poissonReads;
        private int stayDays;
        private RestoreTier restoreTier = RestoreTier.STANDARD;
        private int restoreDays = 1;
        private TransitionMethod transitionMethod = TransitionMethod.COPY;
        private int noncurrentVersionDays = -1;

        private Builder(PriceBook priceBook) {
            this.priceBook = Objects.requireNonNull(priceBook, "priceBook");
        }

        /** Days priced ahead (default 90). @throws IllegalArgumentException unless 1..3650 */
        public Builder horizonDays(int days) {
            if (days < 1 || days > 3650) {
                throw new IllegalArgumentException("horizonDays must be in 1..3650, was " + days);
            }
            this.horizonDays = days;
            return this;
        }

        /**
         * Prices every class over {@code days} when that is longer than the horizon (default: the horizon), so a
         * class whose saving comes later (a minimum duration, Intelligent-Tiering's tiers after 30 and 90 days
         * without access) is not judged on the forecast's window alone. The forecast is stretched to the priced
         * period: expected reads in proportion, p(read) = 1 - (1 - p)^(days / horizon).
         * @throws IllegalArgumentException unless 1..3650
         */
        public Builder pricedDays(int days) {
            if (days < 1 || days > 3650) {
                throw new IllegalArgumentException("pricedDays must be in 1..3650, was " + days);
            }
            this.pricedDays = days;
            return this;
        }

        /**
         * How {@link #intelligentTieringStorage} spreads an object's reads (default false: evenly, which never
         * lets a read object tier down while its reads are less than 30 days apart). True: as a Poisson process,
         * so the expected days 30 and 90 days after the last access are counted, as for reads that come at
         * unpredictable times.
         */
        public Builder poissonReads(boolean poisson) {
            this.poissonReads = poisson;
            return this;
        }

        /**
         * Days an object is expected to stay in the class a move takes it to (default: the priced period). When longer
         * than the priced period, a move's request price (the destination's PUT, or the lifecycle transition price),
         * paid once, is charged to the priced period in proportion ({@code pricedDays / days} of it), so a move whose
         * saving comes slowly, such as Intelligent-Tiering's tiers after 30 and 90 days without access, is not blocked
         * for a small object by a fee the stay pays off. The source's retrieval fee and early-deletion remainder are
         * never spread: they are what leaving a committing class costs.
         * @throws IllegalArgumentException unless 1..3650
         */
        public Builder stayDays(int days) {
            if (days < 1 || days > 3650) {
                throw new IllegalArgumentException("stayDays must be in 1..3650, was " + days);
            }
            this.stayDays = days;
            return this;
        }

        /** The horizon as a duration of whole days. */
        public Builder horizon(Duration horizon) {
            return horizonDays(Math.toIntExact(horizon.toDays()));
        }

        /** The restore tier a read of an archived object pays (default STANDARD). */
        public Builder restoreTier(RestoreTier tier) {
            this.restoreTier = Objects.requireNonNull(tier, "restoreTier");
            return this;
        }

        /** Days a restored temporary copy is kept and billed at the STANDARD rate (default 1). @throws IllegalArgumentException unless 1..365 */
        public Builder restoreDays(int days) {
            if (days < 1 || days > 365) {
                throw new IllegalArgumentException("restoreDays must be in 1..365, was " + days);
            }
            this.restoreDays = days;
            return this;
        }

        /** How objects are moved (default COPY). */
        public Builder transitionMethod(TransitionMethod method) {
            this.transitionMethod = Objects.requireNonNull(method, "transitionMethod");
            return this;
        }

        /**
         * Days after which a NoncurrentVersionExpiration rule deletes the old version a copy leaves
         * in a versioned bucket. Unset (the default) means no such rule: the old version is billed
         * for the whole horizon. @throws IllegalArgumentException when negative
         */
        public Builder noncurrentVersionDays(int days) {
            if (days < 0) {
                throw new IllegalArgumentException("noncurrentVersionDays must be >= 0, was " + days);
            }
            this.noncurrentVersionDays = days;
            return this;
        }

        /** @throws IllegalArgumentException when the price book lacks the configured restore tier */
        public CostModel build() {
            return new CostModel(this);
        }
    }
}
