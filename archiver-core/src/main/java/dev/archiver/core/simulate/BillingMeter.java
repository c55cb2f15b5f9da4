package dev.archiver.core.simulate;

import dev.archiver.core.cost.CostModel;
import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.cost.RestoreTier;
import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.object.StorageClass;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Bills a bucket's life as S3 would, event by event, under one {@link PriceBook}: storage by byte-seconds
 * per class (minimum billable size, the 8 KiB STANDARD + 32 KiB class overhead of archived objects), the
 * remainder of a minimum storage duration on delete, overwrite or transition (and, for objects still alive
 * when the trace ends, the remainder they are committed to), request prices per class, retrieval per GB,
 * restores of GLACIER and DEEP_ARCHIVE objects with the temporary STANDARD copy they keep, Intelligent-Tiering
 * monitoring and automatic tiers, and the request price of copies and lifecycle transitions.
 *
 * <pre>{@code
 * BillingMeter meter = BillingMeter.builder(PriceBook.usEast1()).build();
 * meter.put("a.bin", 1L << 30, t0);                        // arrives in STANDARD
 * meter.transition("a.bin", StorageClass.GLACIER_IR, TransitionMethod.COPY, t0 + 86_400);
 * meter.delete("a.bin", t0 + 11 * 86_400);                // 80 days of early deletion
 * meter.finish(t0 + 30 * 86_400);
 * Bill bill = meter.total();
 * }</pre>
 *
 * <p>Conventions (see {@code docs/backtest.md}): times are epoch seconds; 1 GB = 2^30 bytes; 1 month = 730
 * hours; only charges at or after {@code countFrom} are counted (spans are clipped). A restore keeps its copy
 * for {@code restoreDays}; reads while it is there need no new restore. Intelligent-Tiering tiers change at
 * midnight UTC: the tier of a day follows the whole days from the first midnight at or after the last access
 * (a read, the write or the move into the class); objects under 128 KiB never tier and pay no monitoring.
 * A read of an object in an Intelligent-Tiering archive tier waits as a GLACIER / DEEP_ARCHIVE restore does
 * but pays no fee (Standard restores are free there). Not thread-safe.
 */
public final class BillingMeter {
    private static final int STORAGE = 0;
    private static final int REQUESTS = 1;
    private static final int RETRIEVAL = 2;
    private static final int EARLY = 3;
    private static final int MONITORING = 4;
    private static final int TRANSITIONS = 5;

    private final Tariff tariff;
    private final long timelineStart;
    private final double[] daily;
    private final double[] totals = new double[6];
    private final Map<String, double[]> byPrefix = new HashMap<>();
    private final Map<String, Account> live = new HashMap<>();
    private final Map<String, Integer> generations = new HashMap<>();
    private final Map<String, Double> perObject;
    private long restoreWaits;
    private double restoreWaitHours;
    private boolean finished;

    /** One object's life in the meter (from its PUT to its deletion, overwrite or the end). */
    static final class Account {
        final String key;
        final String life;
        final double[] prefixBill;
        final long size;
        StorageClass cls = StorageClass.STANDARD;
        long entered;
        long lastModified;
        long billedTo;
        long itAccessMidnight;
        boolean itArchive;
        long restoredUntil = Long.MIN_VALUE;
        double total;
        StorageClass rateClass; // the class perSecond was priced for (null: not yet)
        double perSecond;       // storage per second in rateClass (not Intelligent-Tiering)

        Account(String key, String life, double[] prefixBill, long size, long t) {
            this.key = key;
            this.life = life;
            this.prefixBill = prefixBill;
            this.size = size;
            this.entered = t;
            this.lastModified = t;
            this.billedTo = t;
        }
    }

    private BillingMeter(Builder b) {
        this.tariff = new Tariff(b.priceBook, b.restoreTier, b.restoreDays, b.countFrom);
        this.timelineStart = Tariff.midnightAtOrBefore(b.timelineStart);
        int days = (int) Math.max(1, (b.timelineEnd - timelineStart) / Tariff.DAY + 2);
        this.daily = new double[days];
        this.perObject = b.perObject ? new HashMap<>() : null;
    }

    /** Starts a meter over {@code priceBook}: STANDARD restores kept 1 day, everything counted. */
    public static Builder builder(PriceBook priceBook) {
        return new Builder(priceBook);
    }

    Tariff tariff() {
        return tariff;
    }

    /**
     * A PUT of {@code key}: a new object in STANDARD, or an overwrite that ends the old one (whose unserved
     * minimum duration is billed).
     */
    public void put(String key, long size, long t) {
        open(key, size, t);
    }

    /** {@link #put}, returning the new object's account (for {@link #get(Account, long)}). */
    Account open(String key, long size, long t) {
        checkOpen();
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size + " for '" + key + "'");
        }
        Account old = live.remove(key);
        if (old != null) {
            end(old, t);
        }
        int gen = generations.merge(key, 1, Integer::sum);
        String life = gen == 1 ? key : key + "#" + gen;
        Account a = new Account(key, life, byPrefix.computeIfAbsent(prefixOf(key), k -> new double[6]), size, t);
        live.put(key, a);
        charge(a, REQUESTS, tariff.put[Tariff.STD], t);
        return a;
    }

    /** A GET of the whole object {@code key}. @throws IllegalStateException when it does not exist */
    public void get(String key, long t) {
        get(account(key), t);
    }

    /** {@link #get(String, long)} of the live object whose account {@link #open} returned. */
    void get(Account a, long t) {
        accrue(a, t);
        int c = a.cls.ordinal();
        charge(a, REQUESTS, tariff.get[c], t);
        charge(a, RETRIEVAL, tariff.retrievalPerGb[c] * CostModel.gb(a.size), t);
        if (a.cls.requiresRestore()) {
            if (t >= a.restoredUntil) {
                charge(a, RETRIEVAL, tariff.restoreFee(c, a.size), t);
                charge(a, STORAGE, tariff.restoreCopy(a.size), t);
                a.restoredUntil = t + tariff.restoreDays * Tariff.DAY;
                waited(t, tariff.restoreHours[c]);
            }
        } else if (a.cls == StorageClass.INTELLIGENT_TIERING) {
            int tier = itTierAt(a, t);
            if (tier >= 3) {
                waited(t, tariff.itWaitHours(tier));
            }
            a.itAccessMidnight = Tariff.midnightAtOrAfter(t);
        }
    }

    /** A DELETE of {@code key}; an unserved minimum duration is billed. @throws IllegalStateException when it does not exist */
    public void delete(String key, long t) {
        Account a = account(key);
        live.remove(key);
        end(a, t);
    }

    /** Moves {@code key} to {@code target} (Intelligent-Tiering without the archive tiers). */
    public void transition(String key, StorageClass target, TransitionMethod method, long t) {
        transition(key, target, method, t, false);
    }

    /**
     * Moves {@code key} to {@code target} at {@code t}: by COPY (the destination's PUT price plus the source's
     * retrieval fee; resets LastModified) or by LIFECYCLE (the destination's transition price; only down the
     * waterfall). Leaving a class before its minimum duration bills the remainder.
     *
     * @param itArchiveTiers when the target is INTELLIGENT_TIERING, whether the bucket enables its archive tiers
     * @throws IllegalStateException    when the key does not exist, or is archived and a COPY is asked
     * @throws IllegalArgumentException when the target is the current class or a lifecycle rule cannot reach it
     */
    public void transition(String key, StorageClass target, TransitionMethod method, long t, boolean itArchiveTiers) {
        Account a = account(key);
        Objects.requireNonNull(target, "target");
        if (target == a.cls) {
            throw new IllegalArgumentException("'" + key + "' is already in " + target);
        }
        accrue(a, t);
        if (method == TransitionMethod.LIFECYCLE) {
            if (!a.cls.canLifecycleTransitionTo(target)) {
                throw new IllegalArgumentException("a lifecycle rule cannot move " + a.cls + " to " + target);
            }
            charge(a, TRANSITIONS, tariff.lifecycle[target.ordinal()], t);
        } else {
            if (!a.cls.canBeCopySource() || (a.cls == StorageClass.INTELLIGENT_TIERING && itTierAt(a, t) >= 3)) {
                throw new IllegalStateException("'" + key + "' is archived in " + a.cls + "; restore it before a copy");
            }
            charge(a, TRANSITIONS, tariff.copy(a.cls.ordinal(), target.ordinal(), a.size), t);
            a.lastModified = t;
        }
        charge(a, EARLY, tariff.remainder(a.cls, a.size, t - a.entered), t);
        a.cls = target;
        a.entered = t;
        if (target == StorageClass.INTELLIGENT_TIERING) {
            a.itAccessMidnight = Tariff.midnightAtOrAfter(t);
            a.itArchive = itArchiveTiers;
        }
    }

    /** Bills every live object up to {@code end} (with the minimum duration it is still committed to); idempotent. */
    public void finish(long end) {
        if (finished) {
            return;
        }
        for (Account a : live.values()) {
            end(a, end);
        }
        finished = true;
    }

    /** The storage class {@code key} is in now. @throws IllegalStateException when it does not exist */
    public StorageClass storageClass(String key) {
        return account(key).cls;
    }

    /** The LastModified of {@code key} (its PUT or last copy), epoch seconds. */
    public long lastModified(String key) {
        return account(key).lastModified;
    }

    /** The size of {@code key}. */
    public long size(String key) {
        return account(key).size;
    }

    /** Whether {@code key} exists now. */
    public boolean exists(String key) {
        return live.containsKey(key);
    }

    /** The keys that exist now (a live view; do not change the meter while iterating). */
    public java.util.Set<String> keys() {
        return Collections.unmodifiableSet(live.keySet());
    }

    /** Whether {@code key} is in an archive tier of Intelligent-Tiering at {@code t}. */
    public boolean inArchiveTier(String key, long t) {
        Account a = account(key);
        return a.cls == StorageClass.INTELLIGENT_TIERING && itTierAt(a, t) >= 3;
    }

    /** The counted total so far, by part. */
    public Bill total() {
        return bill(totals);
    }

    /** The counted totals per key prefix (the key up to its first '/', or the whole key), sorted by prefix. */
    public Map<String, Bill> byPrefix() {
        Map<String, Bill> out = new TreeMap<>();
        byPrefix.forEach((p, v) -> out.put(p, bill(v)));
        return out;
    }

    /** Counted cost per UTC day of the timeline, index 0 being the day the timeline starts. */
    public double[] daily() {
        return daily.clone();
    }

    /** The epoch second of the midnight that starts day 0 of {@link #daily()}. */
    public long dailyOrigin() {
        return timelineStart;
    }

    /** Counted total per object life (ended lives only: call {@link #finish} first); key, or key#n for the n-th write. */
    public Map<String, Double> perObject() {
        if (perObject == null) {
            throw new IllegalStateException("per-object totals were not asked for (Builder.perObject(true))");
        }
        return Collections.unmodifiableMap(perObject);
    }

    /** Counted reads that had to wait for a restore. */
    public long restoreWaits() {
        return restoreWaits;
    }

    /** Counted hours those reads waited. */
    public double restoreWaitHours() {
        return restoreWaitHours;
    }

    static String prefixOf(String key) {
        int i = key.indexOf('/');
        return i < 0 ? key : key.substring(0, i);
    }

    private void waited(long t, double hours) {
        if (tariff.counted(t)) {
            restoreWaits++;
            restoreWaitHours += hours;
        }
    }

    /** The live account of {@code key} (for policies that read several of its fields). @throws IllegalStateException when absent */
    Account account(String key) {
        Account a = live.get(key);
        if (a == null) {
            throw new IllegalStateException("no object '" + key + "' in the meter");
        }
        return a;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("the meter is finished");
        }
    }

    private void end(Account a, long t) {
        accrue(a, t);
        charge(a, EARLY, tariff.remainder(a.cls, a.size, t - a.entered), t);
        if (perObject != null) {
            perObject.put(a.life, a.total);
        }
    }

    private int itTierAt(Account a, long t) {
        long m = Tariff.midnightAtOrBefore(t);
        long k = m < a.itAccessMidnight ? -1 : (m - a.itAccessMidnight) / Tariff.DAY;
        return k < 0 ? 0 : tariff.tier(a.size, k, a.itArchive);
    }

    /** Storage (and monitoring) of {@code a} from its last billing to {@code t}. */
    private void accrue(Account a, long t) {
        checkOpen();
        long from = a.billedTo;
        if (t < from) {
            throw new IllegalArgumentException("time goes backwards for '" + a.key + "': " + Instant.ofEpochSecond(t)
                    + " < " + Instant.ofEpochSecond(from));
        }
        a.billedTo = t;
        if (t == from) {
            return;
        }
        boolean it = a.cls == StorageClass.INTELLIGENT_TIERING;
        if (!it && a.rateClass != a.cls) { // priced once per class, not at every accrual
            a.perSecond = tariff.storage(a.cls, a.size, Tariff.DAY) / Tariff.DAY;
            a.rateClass = a.cls;
        }
        double perSecond = it ? 0 : a.perSecond;
        double monitoring = it ? tariff.monitoringPerSecond(a.size) : 0;
        long p = from;
        while (p < t) {
            long m = Tariff.midnightAtOrBefore(p);
            long q = Math.min(t, m + Tariff.DAY);
            long secs = tariff.clip(p, q);
            if (secs > 0) {
                double rate = perSecond;
                if (it) {
                    long k = m < a.itAccessMidnight ? -1 : (m - a.itAccessMidnight) / Tariff.DAY;
                    rate = tariff.itPerSecond(a.size, k < 0 ? 0 : tariff.tier(a.size, k, a.itArchive));
                    if (monitoring > 0) {
                        charge(a, MONITORING, monitoring * secs, q - 1);
                    }
                }
                charge(a, STORAGE, rate * secs, q - 1);
            }
            p = q;
        }
    }

    private void charge(Account a, int part, double amount, long t) {
        if (amount == 0 || !tariff.counted(t)) {
            return;
        }
        totals[part] += amount;
        a.prefixBill[part] += amount;
        a.total += amount;
        int d = (int) Math.floorDiv(t - timelineStart, Tariff.DAY);
        daily[Math.max(0, Math.min(daily.length - 1, d))] += amount;
    }

    private static Bill bill(double[] v) {
        return new Bill(v[STORAGE], v[REQUESTS], v[RETRIEVAL], v[EARLY], v[MONITORING], v[TRANSITIONS]);
    }

    /** Builds a {@link BillingMeter}; every setter validates at once. */
    public static final class Builder {
        private final PriceBook priceBook;
        private RestoreTier restoreTier = RestoreTier.STANDARD;
        private int restoreDays = 1;
        private long countFrom = Long.MIN_VALUE;
        private long timelineStart = 0;
        private long timelineEnd = Tariff.DAY;
        private boolean perObject;

        private Builder(PriceBook priceBook) {
            this.priceBook = Objects.requireNonNull(priceBook, "priceBook");
        }

        /** The restore tier reads of GLACIER and DEEP_ARCHIVE objects use (default STANDARD). */
        public Builder restoreTier(RestoreTier tier) {
            this.restoreTier = Objects.requireNonNull(tier, "restoreTier");
            return this;
        }

        /** Days a restored copy is kept (default 1). @throws IllegalArgumentException unless 1..365 */
        public Builder restoreDays(int days) {
            if (days < 1 || days > 365) {
                throw new IllegalArgumentException("restoreDays must be in 1..365, was " + days);
            }
            this.restoreDays = days;
            return this;
        }

        /** Charges before this instant are not counted (the training period). */
        public Builder countFrom(Instant t) {
            this.countFrom = t.getEpochSecond();
            return this;
        }

        /** The span {@link BillingMeter#daily()} covers. @throws IllegalArgumentException when end is before start */
        public Builder timeline(Instant start, Instant end) {
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("timeline end " + end + " is before its start " + start);
            }
            if (Duration.between(start, end).toDays() > 100_000) {
                throw new IllegalArgumentException("timeline longer than 100,000 days: " + start + " .. " + end);
            }
            this.timelineStart = start.getEpochSecond();
            this.timelineEnd = end.getEpochSecond();
            return this;
        }

        /** Keep the counted total of every object life (for object-by-object comparisons; default false). */
        public Builder perObject(boolean keep) {
            this.perObject = keep;
            return this;
        }

        /** @throws IllegalArgumentException when the price book lacks the restore tier */
        public BillingMeter build() {
            return new BillingMeter(this);
        }
    }
}
