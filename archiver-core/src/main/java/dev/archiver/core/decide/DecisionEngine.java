package dev.archiver.core.decide;

import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.cost.CostModel;
import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.AccessHistoryProvider;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.predict.ReadCountPredictor;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Decides, for each object, whether to keep it or move it and where: guardrails first, then
 * one batched prediction, then the {@link CostModel} prices keeping against every allowed
 * class and the cheapest wins if it beats the hysteresis margin. Pure and deterministic given
 * its inputs; thread-safe.
 *
 * <pre>{@code
 * DecisionEngine engine = DecisionEngine.builder(LogisticModel.load(Path.of("model.json")))
 *         .costModel(CostModel.builder(PriceBook.usEast1()).horizonDays(90).build())
 *         .guardrails(Guardrails.defaults())
 *         .build();
 * List<Decision> decisions = engine.decideAll(objects, AccessHistoryProvider.none(), clock.instant());
 * }</pre>
 *
 * Expected reads given a read are taken from the history: the number of reads in the last
 * horizon, at least one; or, with {@link Builder#readCountPredictor}, from a forecast of the reads
 * in the horizon: {@code max(1, expectedReads / p)}, so that p × readsIfRead is the forecast count.
 * When the predictor (or the read-count predictor) throws, returns the wrong number of scores, or a
 * score outside [0, 1] (a count that is negative or not finite), the affected objects are kept with
 * {@link Reason#PREDICTION_FAILED}. With {@link Builder#commitMargin}, the choice weighs how cheaply a
 * wrong move is undone (see there).
 */
public final class DecisionEngine {
    /** Reads given a read are capped here, so a tiny p(read) with a sizeable count forecast stays finite. */
    private static final double MAX_READS_IF_READ = 1e9;

    private final CostModel costModel;
    private final AccessPredictor predictor;
    private final ReadCountPredictor readCounts;
    private final FeatureExtractor extractor;
    private final Guardrails guardrails;
    private final List<String> featureNames;
    private final int width;
    private final EnumSet<StorageClass> allowedSet;
    private final int maxEstimates;
    /** See {@link Builder#commitMargin}; NaN when not set (the plain hysteresis margin). */
    private final double commitMargin;
    /** Per-thread feature buffer: a batch's rows are scored and dropped, so the array is reused (see AccessPredictor#predict). */
    private final ThreadLocal<double[]> featureBuffer = new ThreadLocal<>();

    private DecisionEngine(Builder b) {
        this.costModel = b.costModel;
        this.predictor = b.predictor;
        this.readCounts = b.readCounts;
        this.extractor = b.extractor;
        this.guardrails = b.guardrails;
        this.featureNames = List.copyOf(extractor.featureNames());
        this.width = featureNames.size();
        this.allowedSet = EnumSet.copyOf(guardrails.allowedClasses());
        this.maxEstimates = 1 + allowedSet.size();
        this.commitMargin = b.commitMargin;
    }

    /** Starts an engine around {@code predictor}, with the default cost model, extractor and guardrails. */
    public static Builder builder(AccessPredictor predictor) {
        return new Builder(predictor);
    }

    public CostModel costModel() {
        return costModel;
    }

    public AccessPredictor predictor() {
        return predictor;
    }

    /** The read-count forecast, or null when reads given a read come from the history (the default). */
    public ReadCountPredictor readCountPredictor() {
        return readCounts;
    }

    public FeatureExtractor featureExtractor() {
        return extractor;
    }

    public Guardrails guardrails() {
        return guardrails;
    }

    /** The commit margin of {@link Builder#commitMargin}, or empty when every move needs the guardrails' margin. */
    public OptionalDouble commitMargin() {
        return Double.isNaN(commitMargin) ? OptionalDouble.empty() : OptionalDouble.of(commitMargin);
    }

    /** Decides one object. */
    public Decision decide(ObjectInfo object, AccessHistory history, Instant now) {
        return decideAll(List.of(object), o -> history, now).get(0);
    }

    /** Decides many objects with one prediction call; the result is in the order of {@code objects}. */
    public List<Decision> decideAll(List<ObjectInfo> objects, AccessHistoryProvider histories, Instant now) {
        Objects.requireNonNull(now, "now");
        int n = objects.size();
        Decision[] out = new Decision[n];
        int[] index = new int[n];
        // What pricing needs from each history, taken while the history is in cache (after the
        // batch's prediction it no longer is): reads in the last horizon (at least one; used unless a
        // read-count predictor forecasts them) and the last access.
        int[] readsIfRead = new int[n];
        long[] lastAccess = new long[n];
        long nowS = now.getEpochSecond();
        long horizonStart = nowS - costModel.horizonDays() * 86_400L;
        double[] features = featureBuffer.get();
        if (features == null || features.length < n * width) {
            features = new double[Math.max(n, 1024) * width];
            featureBuffer.set(features);
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            ObjectInfo o = objects.get(i);
            Decision kept = guardrail(o, now);
            if (kept != null) {
                out[i] = kept;
                continue;
            }
            AccessHistory h = histories.historyOf(o);
            if (h == null) {
                h = AccessHistory.none();
            }
            extractor.extract(o, h, now, features, m * width);
            int recentReads = 0;
            long last = o.lastModified().getEpochSecond();
            if (h.size() > 0) {
                int before = h.readsBefore(nowS);
                if (before > 0) {
                    recentReads = before - h.readsBefore(horizonStart);
                    last = Math.max(last, h.readAt(before - 1));
                }
            }
            readsIfRead[m] = Math.max(1, recentReads);
            lastAccess[m] = last;
            index[m++] = i;
        }
        if (m > 0) {
            StorageClass[] classes = new StorageClass[maxEstimates];
            double[] totals = new double[maxEstimates];
            double[] p = null;
            double[] counts = null;
            String failure = null;
            FeatureBatch batch = new FeatureBatch(featureNames, features, m);
            try {
                p = predictor.predict(batch);
                if (p == null || p.length != m) {
                    failure = predictor.name() + " returned " + (p == null ? "no scores" : p.length + " scores") + " for " + m + " objects";
                }
            } catch (RuntimeException e) {
                failure = predictor.name() + " failed: " + e.getMessage();
            }
            if (readCounts != null && failure == null) {
                try {
                    counts = readCounts.expectedReads(batch);
                    if (counts == null || counts.length != m) {
                        failure = readCounts.name() + " returned " + (counts == null ? "no counts" : counts.length + " counts")
                                + " for " + m + " objects";
                    }
                } catch (RuntimeException e) {
                    failure = readCounts.name() + " failed: " + e.getMessage();
                }
            }
            for (int j = 0; j < m; j++) {
                ObjectInfo o = objects.get(index[j]);
                if (failure != null) {
                    out[index[j]] = keep(o, Reason.PREDICTION_FAILED, failure, Double.NaN, 0, List.of(), now);
                } else if (!(p[j] >= 0 && p[j] <= 1)) {
                    out[index[j]] = keep(o, Reason.PREDICTION_FAILED, predictor.name() + " returned score " + p[j]
                            + " (not a probability)", Double.NaN, 0, List.of(), now);
                } else if (counts != null && !(counts[j] >= 0 && counts[j] < Double.POSITIVE_INFINITY)) {
                    out[index[j]] = keep(o, Reason.PREDICTION_FAILED, readCounts.name() + " returned count " + counts[j],
                            Double.NaN, 0, List.of(), now);
                } else {
                    double reads = counts == null ? readsIfRead[j]
                            : p[j] > 0 ? Math.min(MAX_READS_IF_READ, Math.max(1, counts[j] / p[j])) : 1;
                    out[index[j]] = priced(o, p[j], reads, lastAccess[j], now, classes, totals);
                }
            }
        }
        return Arrays.asList(out);
    }

    private Decision guardrail(ObjectInfo o, Instant now) {
        if (o.isArchived()) {
            return keep(o, Reason.ARCHIVED, o.archiveStatus() != null ? o.archiveStatus() : o.storageClass().name(), Double.NaN, 0, List.of(), now);
        }
        if (o.lockedUntil() != null && costModel.transitionMethod() == TransitionMethod.COPY && o.isLockedAt(now)) {
            return keep(o, Reason.OBJECT_LOCKED, o.lockedUntil().equals(Instant.MAX) ? "legal hold" : o.lockedUntil().toString(),
                    Double.NaN, 0, List.of(), now);
        }
        if (o.size() < guardrails.minimumSizeBytes()) {
            return keep(o, Reason.TOO_SMALL, o.size() + " < " + guardrails.minimumSizeBytes() + " bytes", Double.NaN, 0, List.of(), now);
        }
        if (!guardrails.minimumAge().isZero() && o.lastModified().plus(guardrails.minimumAge()).isAfter(now)) {
            return keep(o, Reason.TOO_YOUNG, "last modified " + o.lastModified() + ", minimum age " + guardrails.minimumAge(),
                    Double.NaN, 0, List.of(), now);
        }
        if (!guardrails.excludedPrefixes().isEmpty() && guardrails.excludesKey(o.key())) {
            for (String p : guardrails.excludedPrefixes()) {
                if (o.key().startsWith(p)) {
                    return keep(o, Reason.EXCLUDED_PREFIX, p, Double.NaN, 0, List.of(), now);
                }
            }
        }
        String tag = guardrails.excludedTagIn(o.tags());
        if (tag != null) {
            return keep(o, Reason.EXCLUDED_TAG, tag, Double.NaN, 0, List.of(), now);
        }
        return null;
    }

    private Decision priced(ObjectInfo o, double p, double reads, long lastAccess, Instant now, StorageClass[] classes, double[] totals) {
        long nowS = now.getEpochSecond();
        int count = costModel.totals(o, allowedSet, p, reads, nowS, lastAccess, classes, totals);
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (totals[i] < totals[best]) {
                best = i;
            }
        }
        // The breakdowns are built only if someone reads them, from the inputs the totals came from.
        List<CostEstimate> costs = new CostList(costModel, o, allowedSet, p, reads, nowS, lastAccess, count);
        if (count == 1) {
            return keep(o, Reason.NO_CANDIDATE, costModel.transitionMethod().name(), p, 0, costs, now);
        }
        if (best == 0) {
            return keep(o, Reason.ALREADY_CHEAPEST, "", p, 0, costs, now);
        }
        double saving = totals[0] - totals[best];
        double margin = Math.max(guardrails.minimumSaving(), guardrails.marginFraction() * totals[0]);
        if (!Double.isNaN(commitMargin) && classes[best] == StorageClass.INTELLIGENT_TIERING) {
            return move(o, classes[best], p, saving, costs, now);
        }
        if (saving <= margin) {
            return keep(o, Reason.BELOW_MARGIN, classes[best].name(), p, saving, costs, now);
        }
        if (!Double.isNaN(commitMargin)) {
            int r = cheapestReversible(classes, totals, count);
            if (r >= 0 && !(totals[best] < (1 - commitMargin) * totals[r])) {
                return r == 0 ? keep(o, Reason.BELOW_MARGIN, classes[best].name(), p, saving, costs, now)
                        : move(o, classes[r], p, totals[0] - totals[r], costs, now);
            }
        }
        return move(o, classes[best], p, saving, costs, now);
    }

    /** Whether a wrong move into {@code c} is undone by a copy alone: no minimum duration, no restore. */
    static boolean reversible(StorageClass c) {
        return c.minimumDurationDays() == 0 && !c.requiresRestore();
    }

    /** The index of the cheapest reversible class among the first {@code count} (keeping included), or -1. */
    private static int cheapestReversible(StorageClass[] classes, double[] totals, int count) {
        int r = -1;
        for (int i = 0; i < count; i++) {
            if (reversible(classes[i]) && (r < 0 || totals[i] < totals[r])) {
                r = i;
            }
        }
        return r;
    }

    private static Decision move(ObjectInfo o, StorageClass target, double p, double saving, List<CostEstimate> costs, Instant now) {
        return new Decision(o, Action.MOVE, target, Reason.CHEAPER, "", p, saving, costs, now);
    }

    private static Decision keep(ObjectInfo o, Reason reason, String note, double p, double saving,
                                 List<CostEstimate> costs, Instant now) {
        return new Decision(o, Action.KEEP, o.storageClass(), reason, note, p, saving, costs, now);
    }

    @Override
    public String toString() {
        return "DecisionEngine[" + predictor.name() + ", " + costModel + ", allowed " + guardrails.allowedClasses() + "]";
    }

    /** Builds a {@link DecisionEngine}. */
    public static final class Builder {
        private final AccessPredictor predictor;
        private CostModel costModel;
        private FeatureExtractor extractor = FeatureExtractor.defaults();
        private Guardrails guardrails = Guardrails.defaults();
        private ReadCountPredictor readCounts;
        private double commitMargin = Double.NaN;

        private Builder(AccessPredictor predictor) {
            this.predictor = Objects.requireNonNull(predictor, "predictor");
        }

        public Builder costModel(CostModel costModel) {
            this.costModel = Objects.requireNonNull(costModel, "costModel");
            return this;
        }

        public Builder featureExtractor(FeatureExtractor extractor) {
            this.extractor = Objects.requireNonNull(extractor, "featureExtractor");
            return this;
        }

        /**
         * Takes the expected reads within the horizon from {@code counts} (same features as the predictor) instead
         * of the reads of the last horizon: reads given a read become {@code max(1, expectedReads / p)}, so the
         * priced expected reads are the forecast count whenever it is at least p(read). Default: none (history).
         * A count that is negative or not finite keeps the object with {@link Reason#PREDICTION_FAILED}.
         */
        public Builder readCountPredictor(ReadCountPredictor counts) {
            this.readCounts = Objects.requireNonNull(counts, "readCountPredictor");
            return this;
        }

        /**
         * Weighs how cheaply a wrong move is undone (default: not set, every move must beat the guardrails' margin).
         * A <em>reversible</em> class has no minimum duration and no restore (STANDARD, INTELLIGENT_TIERING): a wrong
         * move into it costs a copy and the storage difference until the next decision. Intelligent-Tiering is the
         * option that needs the forecast least (no retrieval fee, it tiers down by itself), so when it is the
         * cheapest candidate the object moves there whatever the guardrails' margin; a move into STANDARD still
         * needs the margin (leaving Intelligent-Tiering for it saves at most the monitoring fee and restarts the
         * tiers' clock when the object comes back). A move into a <em>committing</em> class (STANDARD_IA,
         * GLACIER_IR, …: a minimum duration, a per-GB retrieval fee) must beat the guardrails' margin and also cost
         * less than {@code 1 - fraction} times the cheapest reversible candidate, keeping included; otherwise that
         * candidate is taken (a keep with {@link Reason#BELOW_MARGIN} when it is the current class).
         *
         * @throws IllegalArgumentException unless 0 <= fraction < 1
         */
        public Builder commitMargin(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("commitMargin must be in [0, 1), was " + fraction);
            }
            this.commitMargin = fraction;
            return this;
        }

        public Builder guardrails(Guardrails guardrails) {
            this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
            return this;
        }

        public DecisionEngine build() {
            if (costModel == null) {
                costModel = CostModel.defaults();
            }
            return new DecisionEngine(this);
        }
    }
}
