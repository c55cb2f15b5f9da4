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
import dev.archiver.core.predict.LogisticModel;
import dev.archiver.core.train.Dataset;
import dev.archiver.core.train.LogisticRegressionTrainer;
import dev.archiver.core.train.PointInTimeDataset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code predictive}: the library's own {@link DecisionEngine} with a logistic model trained only on the trace's
 * first {@code --train-days} (point-in-time snapshots whose label windows end by then), re-deciding every live
 * object every {@code redecideDays} at midnight UTC from the end of training on, moving by COPY. By default the
 * engine's guardrails (millisecond classes); {@code predictive:archive} also allows GLACIER and DEEP_ARCHIVE.
 */
final class PredictivePolicy extends MeteredPolicy {
    static final String BUCKET = "backtest";
    static final int FIRST_SNAPSHOT_DAY = 15;
    static final int SNAPSHOT_EVERY_DAYS = 7;

    private final boolean archive;
    private final DecisionEngine engine;
    private final Map<String, Integer> lifeOf = new HashMap<>();
    private final Map<Integer, AccessHistory> histories = new HashMap<>();
    private int lives;

    PredictivePolicy(boolean archive, PolicyContext c, LogisticModel model) {
        super(archive ? "predictive:archive" : "predictive", c);
        this.archive = archive;
        Guardrails.Builder g = Guardrails.builder();
        if (archive) {
            g.allowArchiveClasses();
        }
        CostModel cost = CostModel.builder(c.priceBook).horizonDays(c.horizonDays)
                .pricedDays(archive ? c.horizonDays : c.pricedDays).poissonReads(!archive).restoreTier(c.restoreTier)
                .restoreDays(c.restoreDays).build();
        this.engine = DecisionEngine.builder(model).costModel(cost).featureExtractor(FeatureExtractor.defaults())
                .guardrails(g.build()).build();
    }

    /**
     * Trains the model on the trace's events before {@code countFrom}.
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
        return LogisticRegressionTrainer.builder().build().fit(data, card).model();
    }

    @Override
    public boolean millisecondOnly() {
        return !archive;
    }

    @Override
    void afterPut(String key, long t) {
        Integer old = lifeOf.put(key, lives++);
        if (old != null) {
            histories.remove(old);
        }
    }

    @Override
    public void record(TraceEvent e) {
        super.record(e);
        if (e.operation() == TraceEvent.Operation.DELETE) {
            Integer l = lifeOf.remove(e.key());
            if (l != null) {
                histories.remove(l);
            }
        }
    }

    @Override
    void atMidnight(long t) {
        if (t < context.countFrom || (t - context.countFrom) / Tariff.DAY % context.redecideDays != 0) {
            return;
        }
        Instant now = Instant.ofEpochSecond(t);
        List<ObjectInfo> objects = new ArrayList<>(meter.keys().size());
        for (String key : meter.keys()) {
            if (meter.storageClass(key).requiresRestore()) {
                continue;
            }
            objects.add(ObjectInfo.builder(BUCKET, key).size(meter.size(key))
                    .lastModified(Instant.ofEpochSecond(meter.lastModified(key)))
                    .storageClass(meter.storageClass(key)).eTag("\"sim\"").build());
        }
        List<Decision> decisions = engine.decideAll(objects, o -> history(o.key()), now);
        for (Decision d : decisions) {
            if (d.moves()) {
                move(d.object().key(), d.target(), TransitionMethod.COPY, t, false);
            }
        }
    }

    private AccessHistory history(String key) {
        int life = lifeOf.get(key);
        return histories.computeIfAbsent(life, l -> AccessHistory.ofEpochSeconds(context.trace.readsOf(l)));
    }
}
