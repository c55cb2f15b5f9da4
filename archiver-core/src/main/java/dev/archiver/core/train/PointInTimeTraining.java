package dev.archiver.core.train;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.predict.LogisticModel;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains on an earlier time window and evaluates on a later one, so the figures are honest: training
 * snapshots {@code t} satisfy {@code t + horizon <= split} (no training label looks past the split),
 * evaluation snapshots satisfy {@code t >= split} and {@code t + horizon <= end}. The original design's
 * age rule is evaluated on the same rows beside the model.
 *
 * <pre>{@code
 * PointInTimeTraining training = PointInTimeTraining.builder().horizon(Duration.ofDays(30)).every(Duration.ofDays(7)).build();
 * PointInTimeTraining.Outcome o = training.run(AccessHistoryIndex.of(AccessLogSource.local(Path.of("logs/"))));
 * o.model().write(Path.of("model.json"));
 * System.out.println(o.evaluation().rocAuc() + " vs age rule " + o.baseline().rocAuc());
 * }</pre>
 *
 * Snapshots fall on whole UTC days: the first is the first midnight at least {@code every} after the
 * timeline's start (so features have some history), then every {@code every}. The split defaults to the
 * midnight halfway between the first snapshot and the end.
 */
public final class PointInTimeTraining {
    private final Duration horizon;
    private final Duration every;
    private final Instant split;
    private final FeatureExtractor extractor;
    private final LogisticRegressionTrainer trainer;
    private final double threshold;
    private final int ageRuleDays;
    private final double sampleFraction;
    private final long sampleSeed;

    private PointInTimeTraining(Builder b) {
        this.sampleFraction = b.sampleFraction;
        this.sampleSeed = b.sampleSeed;
        this.horizon = b.horizon;
        this.every = b.every;
        this.split = b.split;
        this.extractor = b.extractor;
        this.trainer = b.trainer;
        this.threshold = b.threshold;
        this.ageRuleDays = b.ageRuleDays;
    }

    /** Horizon 90 days, a snapshot every 7 days, default features and trainer, threshold 0.5, age rule 30 days. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What a run produced.
     *
     * @param model      the trained model, its card filled in
     * @param fit        the trainer's report (iterations, convergence)
     * @param training   the training rows
     * @param trainFrom  first training snapshot
     * @param split      first evaluation snapshot; every training label window ends by it
     * @param testTo     last evaluation snapshot
     * @param evaluation the model on the later window
     * @param baseline   the age rule on the same rows
     */
    public record Outcome(LogisticModel model, LogisticRegressionTrainer.Result fit, Dataset training, Instant trainFrom,
                          Instant split, Instant testTo, Evaluation evaluation, Evaluation baseline) {
    }

    /**
     * Builds both datasets from {@code timeline}, trains, and evaluates on the later window.
     *
     * @throws ArchiverException when the timeline is too short for a training and an evaluation window, or a
     *                           window holds no rows or a single class
     */
    public Outcome run(ObjectTimeline all) {
        if (all.start() == null) {
            throw new ArchiverException("no events to train on");
        }
        ObjectTimeline timeline = all.sampled(sampleFraction, sampleSeed);
        Instant first = firstSnapshot(timeline.start(), every);
        Instant end = timeline.end();
        Instant s = split != null ? split : first.plus(Duration.between(first, end).dividedBy(2)).truncatedTo(ChronoUnit.DAYS);
        List<Instant> train = PointInTimeDataset.snapshots(first, s, every, horizon);
        List<Instant> test = s.plus(horizon).isAfter(end) ? List.of() : PointInTimeDataset.snapshots(s, end, every, horizon);
        long days = Duration.between(timeline.start(), end).toDays();
        if (train.isEmpty() || test.isEmpty()) {
            throw new ArchiverException("the logs cover " + days + " days (" + timeline.start() + " .. " + end + "); a horizon of "
                    + horizon.toDays() + " days needs about " + (2 * horizon.toDays() + 2 * every.toDays())
                    + " days to train on one window and evaluate on a later one (split " + s + ")");
        }
        Dataset trainSet = PointInTimeDataset.build(timeline, extractor, train, horizon);
        Dataset testSet = PointInTimeDataset.build(timeline, extractor, test, horizon);
        if (testSet.rows() == 0) {
            throw new ArchiverException("no object exists at the evaluation snapshots " + test.get(0) + " .. " + test.get(test.size() - 1));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("trainedOn", "S3 server access logs, point-in-time snapshots");
        card.put("horizonDays", horizon.toDays());
        card.put("snapshotEveryDays", every.toDays());
        card.put("trainingWindow", Map.of("firstSnapshot", train.get(0).toString(), "lastSnapshot",
                train.get(train.size() - 1).toString(), "labelsEndBy", s.toString(), "snapshots", train.size()));
        card.put("features", extractor.featureNames());
        if (sampleFraction < 1) {
            card.put("keySample", Map.of("fraction", sampleFraction, "seed", sampleSeed, "keys", timeline.keys().size()));
        }
        card.put("classBalance", Map.of("rows", trainSet.rows(), "read", Math.round(trainSet.positiveRate() * trainSet.rows()),
                "positiveRate", trainSet.positiveRate()));
        LogisticRegressionTrainer.Result fit = trainer.fit(trainSet, card);
        Evaluation model = Evaluation.of(fit.model(), testSet, threshold);
        Evaluation rule = Evaluation.of(AccessPredictor.ageRule(ageRuleDays), testSet, threshold);
        Map<String, Object> metrics = new LinkedHashMap<>(fit.model().metadata());
        metrics.put("evaluation", Map.of("window", Map.of("firstSnapshot", test.get(0).toString(), "lastSnapshot",
                test.get(test.size() - 1).toString(), "snapshots", test.size()), "model", summary(model),
                "ageRule", summary(rule)));
        LogisticModel withMetrics = LogisticModel.of(fit.model().features(), fit.model().mean(), fit.model().scale(),
                fit.model().coefficients(), fit.model().intercept(), metrics);
        return new Outcome(withMetrics, fit, trainSet, train.get(0), s, test.get(test.size() - 1), model, rule);
    }

    /** Evaluation snapshots for an already trained predictor: every {@code every} from the first one, labels inside the timeline. */
    public Evaluation evaluate(AccessPredictor predictor, ObjectTimeline all, Instant from) {
        ObjectTimeline timeline = all.sampled(sampleFraction, sampleSeed);
        Instant first = from != null ? from : firstSnapshot(timeline.start(), every);
        List<Instant> ts = PointInTimeDataset.snapshots(first, timeline.end(), every, horizon);
        if (ts.isEmpty()) {
            throw new ArchiverException("the logs (" + timeline.start() + " .. " + timeline.end() + ") are too short for one snapshot "
                    + "from " + first + " with a horizon of " + horizon.toDays() + " days");
        }
        return Evaluation.of(predictor, PointInTimeDataset.build(timeline, extractor, ts, horizon), threshold);
    }

    /** The age rule this training compares against. */
    public AccessPredictor baseline() {
        return AccessPredictor.ageRule(ageRuleDays);
    }

    private static Map<String, Object> summary(Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>(e.toMap());
        m.remove("calibration");
        return m;
    }

    static Instant firstSnapshot(Instant start, Duration every) {
        Instant day = start.truncatedTo(ChronoUnit.DAYS);
        Instant t = day.plus(every);
        return t.isBefore(start.plus(every)) ? t.plus(Duration.ofDays(1)) : t;
    }

    /** Builds a training; every setter validates at once. */
    public static final class Builder {
        private Duration horizon = Duration.ofDays(90);
        private Duration every = Duration.ofDays(7);
        private Instant split;
        private FeatureExtractor extractor = FeatureExtractor.defaults();
        private LogisticRegressionTrainer trainer = LogisticRegressionTrainer.builder().build();
        private double threshold = 0.5;
        private int ageRuleDays = 30;
        private double sampleFraction = 1;
        private long sampleSeed;

        private Builder() {
        }

        /**
         * Use only a deterministic sample of the keys (see {@link ObjectTimeline#sampled}); default 1, every key.
         *
         * @throws IllegalArgumentException unless {@code 0 < fraction <= 1}
         */
        public Builder sampleKeys(double fraction, long seed) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("key sample fraction must be in (0, 1], was " + fraction);
            }
            this.sampleFraction = fraction;
            this.sampleSeed = seed;
            return this;
        }

        /** @throws IllegalArgumentException unless a positive whole number of days */
        public Builder horizon(Duration horizon) {
            this.horizon = wholeDays("horizon", horizon);
            return this;
        }

        /** Days between snapshots. @throws IllegalArgumentException unless a positive whole number of days */
        public Builder every(Duration every) {
            this.every = wholeDays("snapshot interval", every);
            return this;
        }

        /** The first evaluation snapshot (default: halfway). @throws IllegalArgumentException unless midnight UTC */
        public Builder split(Instant split) {
            if (split != null && !split.truncatedTo(ChronoUnit.DAYS).equals(split)) {
                throw new IllegalArgumentException("split must be a midnight UTC, was " + split);
            }
            this.split = split;
            return this;
        }

        public Builder extractor(FeatureExtractor extractor) {
            this.extractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        public Builder trainer(LogisticRegressionTrainer trainer) {
            this.trainer = Objects.requireNonNull(trainer, "trainer");
            return this;
        }

        /** The decision threshold for the confusion matrix. @throws IllegalArgumentException unless in [0, 1] */
        public Builder threshold(double threshold) {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
            }
            this.threshold = threshold;
            return this;
        }

        /** Days of the age rule baseline (default 30). @throws IllegalArgumentException when negative */
        public Builder ageRuleDays(int days) {
            if (days < 0) {
                throw new IllegalArgumentException("age rule days must be >= 0, was " + days);
            }
            this.ageRuleDays = days;
            return this;
        }

        public PointInTimeTraining build() {
            return new PointInTimeTraining(this);
        }

        private static Duration wholeDays(String what, Duration d) {
            if (d == null || d.isNegative() || d.isZero() || !d.equals(Duration.ofDays(d.toDays()))) {
                throw new IllegalArgumentException(what + " must be a positive whole number of days, was " + d);
            }
            return d;
        }
    }
}
