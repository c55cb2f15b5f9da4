package dev.archiver.core.simulate;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.cost.CostModel;
import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.decide.DecisionEngine;
import dev.archiver.core.decide.Guardrails;
import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.predict.LogisticModel;
import dev.archiver.core.train.Dataset;
import dev.archiver.core.train.FeatureRange;
import dev.archiver.core.train.LogisticRegressionTrainer;
import dev.archiver.core.train.PointInTimeDataset;
import dev.archiver.core.train.PoissonRegressionTrainer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code predictive}: the library's own {@link DecisionEngine} with a logistic model trained only on the trace's
 * first {@code --train-days} (point-in-time snapshots whose label windows end by then), re-deciding every live
 * object every {@code redecideDays} at midnight UTC from the end of training on, and (millisecond variants)
 * objects younger than {@code redecideDays} at every midnight (a new object's forecast changes fastest in its
 * first days, and a new object should not wait up to a whole period in STANDARD), moving by COPY. By default the
 * engine's guardrails (millisecond classes); {@code predictive:archive} also allows GLACIER and DEEP_ARCHIVE.
 * The millisecond variants also take their expected reads from a Poisson read-count model trained on the same
 * snapshots, score both models on features clamped to their training range ({@link FeatureRange}) and choose
 * with the engine's {@link DecisionEngine.Builder#commitMargin commit margin} {@link #COMMIT_MARGIN}, spreading a
 * move's request price over {@link #STAY_DAYS};
 * {@code predictive} (not {@code predictive:no-warmup}) runs the {@code intelligent-tiering} rule until its model
 * exists.
 */
final class PredictivePolicy extends MeteredPolicy {
    static final String BUCKET = "backtest";
    static final int FIRST_SNAPSHOT_DAY = 15;
    static final int SNAPSHOT_EVERY_DAYS = 7;
    /** What a move of {@code predictive} into STANDARD_IA or GLACIER_IR must save against the best of STANDARD and IT. */
    static final double COMMIT_MARGIN = 0.10;
    /** The stay over which the millisecond variants spread a move's request price ({@link CostModel.Builder#stayDays}). */
    static final int STAY_DAYS = 365;

    private final boolean archive;
    private final boolean warmUp;
    private final DecisionEngine engine;
    private final Map<String, Integer> lifeOf = new HashMap<>();
    /** Lives in the order they started, for the millisecond variants' daily decisions of young objects (pruned as they age). */
    private final ArrayDeque<Life> young = new ArrayDeque<>();
    /** Each life's reads as the engine sees them, built when first asked for (null before, and after the life ends). */
    private final AccessHistory[] histories;
    /** Each moved life's creation time as the copy records it in the metadata, made once (null until needed). */
    private final Map<String, String>[] createdMetadata;
    private int lives;

    PredictivePolicy(boolean archive, PolicyContext c, LogisticModel model) {
        this(archive ? "predictive:archive" : "predictive", archive, !archive, c, model);
    }

    /**
     * @param warmUp before the end of training (no model yet), move objects of at least 128 KiB from STANDARD to
     *               INTELLIGENT_TIERING by lifecycle at each midnight, as the {@code intelligent-tiering} rule does
     */
    PredictivePolicy(String name, boolean archive, boolean warmUp, PolicyContext c, LogisticModel model) {
        super(name, c);
        this.histories = new AccessHistory[c.trace.lives];
        @SuppressWarnings("unchecked")
        Map<String, String>[] created = new Map[c.trace.lives];
        this.createdMetadata = created;
        this.archive = archive;
        this.warmUp = warmUp;
        Guardrails.Builder g = Guardrails.builder();
        if (archive) {
            g.allowArchiveClasses();
        }
        CostModel.Builder cost = CostModel.builder(c.priceBook).horizonDays(c.horizonDays)
                .pricedDays(archive ? c.horizonDays : c.pricedDays).poissonReads(!archive).restoreTier(c.restoreTier)
                .restoreDays(c.restoreDays);
        DecisionEngine.Builder e = DecisionEngine.builder(model).featureExtractor(FeatureExtractor.defaults());
        if (!archive) {
            cost.stayDays(STAY_DAYS);
            e.commitMargin(COMMIT_MARGIN);
            if (c.featureRange != null) {
                // both models score features clamped to the training range, clamped once as they are extracted
                e.featureExtractor(c.featureRange.clamp(FeatureExtractor.defaults()));
                if (c.readCounts != null) {
                    e.readCountPredictor(c.readCounts);
                }
            }
        }
        this.engine = e.costModel(cost.build()).guardrails(g.build()).build();
    }

    /**
     * Trains the model on the trace's events before {@code countFrom}; also sets the context's read-count model and
     * feature range (for the millisecond variant).
     *
     * @throws ArchiverException when the training period is too short for one snapshot and its label window
     */
    static LogisticModel train(PolicyContext c) {
        ReplayTrace tr = c.trace;
        List<TraceEvent> prefix = new ArrayList<>();
        for (int i = 0; i < tr.events && tr.time[i] < c.countFrom; i++) {
            prefix.add(tr.event(i));
        }
        if (prefix.isEmpty()) {
            throw new ArchiverException("--train-days: no event of the trace falls in the training period");
        }
        TraceIndex index = TraceIndex.of(prefix);
        Duration horizon = Duration.ofDays(c.horizonDays);
        List<Instant> snapshots = new ArrayList<>();
        long origin = Tariff.midnightAtOrBefore(tr.start);
        for (Instant t = Instant.ofEpochSecond(origin + FIRST_SNAPSHOT_DAY * Tariff.DAY);
             !t.plus(horizon).isAfter(index.end()); t = t.plus(Duration.ofDays(SNAPSHOT_EVERY_DAYS))) {
            snapshots.add(t);
        }
        if (snapshots.isEmpty()) {
            throw new ArchiverException("--train-days: the training period must cover " + (FIRST_SNAPSHOT_DAY + c.horizonDays)
                    + " days (first snapshot on day " + FIRST_SNAPSHOT_DAY + " plus a " + c.horizonDays + "-day label window)");
        }
        Dataset data = PointInTimeDataset.build(index, FeatureExtractor.defaults(), snapshots, horizon);
        if (data.rows() == 0 || data.positiveRate() == 0 || data.positiveRate() == 1) {
            throw new ArchiverException("--train-days: the training period has no " + (data.rows() == 0 ? "objects"
                    : "variety (every object was " + (data.positiveRate() == 0 ? "unread" : "read") + ")"));
        }
        Map<String, Object> card = Map.of("name", "backtest-model", "horizonDays", c.horizonDays,
                "trainedOn", "trace before " + Instant.ofEpochSecond(c.countFrom));
        c.featureRange = FeatureRange.of(data);
        trainReadCounts(c, index, snapshots, data);
        return LogisticRegressionTrainer.builder().build().fit(data, card).model();
    }

    /**
     * The read-count model: Poisson regression on the logistic model's rows, labelled with the number of reads in
     * each snapshot's horizon; none when no row was read.
     */
    private static void trainReadCounts(PolicyContext c, TraceIndex index, List<Instant> snapshots, Dataset data) {
        double[] counts = PointInTimeDataset.readCounts(index, snapshots, Duration.ofDays(c.horizonDays));
        double sum = 0;
        for (double y : counts) {
            sum += y;
        }
        if (sum > 0) {
            c.readCounts = PoissonRegressionTrainer.builder().build().fit(data.featureNames(), data.values(), counts,
                    Map.of("name", "backtest-read-counts", "horizonDays", c.horizonDays));
        }
    }

    @Override
    public boolean millisecondOnly() {
        return !archive;
    }

    @Override
    void afterPut(String key, long t) {
        int life = lives++;
        Integer old = lifeOf.put(key, life);
        if (!archive) {
            young.addLast(new Life(key, life));
        }
        if (old != null) {
            forget(old);
        }
    }

    @Override
    public void record(TraceEvent e) {
        super.record(e);
        if (e.operation() == TraceEvent.Operation.DELETE) {
            Integer l = lifeOf.remove(e.key());
            if (l != null) {
                forget(l);
            }
        }
    }

    @Override
    void atMidnight(long t) {
        if (t < context.countFrom) {
            if (warmUp) { // no model yet: the model-free reversible default, as the `intelligent-tiering` rule does it
                for (String key : meter.keys()) {
                    if (meter.storageClass(key) == StorageClass.STANDARD && meter.size(key) >= Tariff.LIFECYCLE_MIN_SIZE) {
                        move(key, StorageClass.INTELLIGENT_TIERING, TransitionMethod.LIFECYCLE, t, false);
                    }
                }
            }
            return;
        }
        boolean everyObject = (t - context.countFrom) / Tariff.DAY % context.redecideDays == 0;
        if (!everyObject && archive) {
            // Young objects decided daily helped the millisecond variants a little and cost the archive one dearly
            // (archive-heavy 1,811.58 -> 2,199.29 USD, seed 2026): a new object sent to GLACIER early is read back.
            return;
        }
        long youngSince = t - context.redecideDays * Tariff.DAY; // lives that started after this are decided daily
        while (!young.isEmpty() && context.trace.lifeStart[young.peekFirst().index()] <= youngSince) {
            young.removeFirst();
        }
        Instant now = Instant.ofEpochSecond(t);
        List<ObjectInfo> objects = new ArrayList<>(everyObject ? meter.keys().size() : young.size());
        if (everyObject) {
            for (String key : meter.keys()) {
                addDecidable(objects, key, lifeOf.get(key));
            }
        } else {
            for (Life l : young) {
                Integer current = lifeOf.get(l.key());
                if (current != null && current == l.index()) { // not deleted or overwritten since
                    addDecidable(objects, l.key(), l.index());
                }
            }
        }
        List<Decision> decisions = engine.decideAll(objects, o -> history(o.key()), now);
        for (Decision d : decisions) {
            if (d.moves()) {
                move(d.object().key(), d.target(), TransitionMethod.COPY, t, false);
            }
        }
    }

    /** Adds {@code key} (in its life {@code life}) as the engine sees it, unless it is archived. */
    private void addDecidable(List<ObjectInfo> objects, String key, int life) {
        BillingMeter.Account a = meter.account(key);
        if (a.cls.requiresRestore()) {
            return;
        }
        long created = context.trace.lifeStart[life];
        long modified = a.lastModified;
        ObjectInfo.Builder o = ObjectInfo.builder(BUCKET, key).size(a.size)
                .lastModified(Instant.ofEpochSecond(modified)).storageClass(a.cls).eTag("\"sim\"");
        if (created < modified) { // moved by COPY: the age survives, as S3CopyTransitioner records it
            Map<String, String> m = createdMetadata[life];
            if (m == null) {
                m = Map.of(ObjectInfo.CREATED_METADATA_KEY, Instant.ofEpochSecond(created).toString());
                createdMetadata[life] = m;
            }
            o.metadata(m);
        }
        objects.add(o.build());
    }

    /** Drops what was kept for a life that ended (deleted or overwritten). */
    private void forget(int life) {
        histories[life] = null;
        createdMetadata[life] = null;
    }

    private record Life(String key, int index) {
    }

    private AccessHistory history(String key) {
        int life = lifeOf.get(key);
        AccessHistory h = histories[life];
        if (h == null) {
            h = AccessHistory.ofEpochSeconds(context.trace.readsOf(life));
            histories[life] = h;
        }
        return h;
    }
}
