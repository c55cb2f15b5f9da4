package dev.archiver.cli;

import dev.archiver.core.Archiver;
import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.cost.CostModel;
import dev.archiver.core.cost.ReadForecast;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.plan.ApplyReport;
import dev.archiver.core.plan.Plan;
import dev.archiver.core.plan.RetryPolicy;
import dev.archiver.core.predict.LogisticModel;
import dev.archiver.core.simulate.TraceIndex;
import dev.archiver.core.train.Dataset;
import dev.archiver.core.train.LogisticRegressionTrainer;
import dev.archiver.core.train.PointInTimeDataset;
import dev.archiver.testkit.Content;
import dev.archiver.testkit.InMemoryObjectStore;
import dev.archiver.testkit.MutableClock;
import dev.archiver.testkit.PutRequest;
import dev.archiver.testkit.StoredObject;
import dev.archiver.testkit.Workload;
import dev.archiver.testkit.WorkloadGenerator;
import dev.archiver.testkit.WorkloadObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code archiver demo} scenario, with no AWS account: a synthetic bucket's life from the
 * workload generator; a model trained on its first months (point-in-time snapshots, labels from
 * the following horizon, all before the decision day); an in-memory bucket as it stood on the
 * decision day; a plan; an apply; a check that every object's bytes, metadata and tags survived;
 * and the cost of three policies, projected by the cost model and, with hindsight, priced with
 * the reads that really followed.
 */
final class DemoRun {
    static final String BUCKET = "demo-bucket";
    static final int SNAPSHOT_EVERY_DAYS = 15;
    static final int FIRST_SNAPSHOT_DAY = 30;

    /** What to run. */
    record Settings(int objects, int days, long seed, int horizonDays) {
        Settings {
            if (objects < 1) {
                throw new IllegalArgumentException("--objects must be >= 1, was " + objects);
            }
            if (horizonDays < 1 || horizonDays > 365) {
                throw new IllegalArgumentException("--horizon-days must be in 1..365, was " + horizonDays);
            }
            int min = FIRST_SNAPSHOT_DAY + 2 * horizonDays;
            if (days < min) {
                throw new IllegalArgumentException("--days must be >= " + min + " for a " + horizonDays
                        + "-day horizon (training labels and the decision each need a horizon of trace), was " + days);
            }
        }
    }

    /** One policy's money. */
    record PolicyRow(String name, long moves, double projectedMonthlyBefore, double projectedMonthly, double oneTime,
                     double actualOverHorizon, long readsWaitingForRestore, double restoreWaitHours) {
    }

    /** The model and the data it learned from. */
    record ModelInfo(int snapshots, int rows, double positiveRate, int iterations, boolean converged, double trainingLogLoss) {
    }

    /** What the check after apply found. */
    record Verification(int objectsBefore, int objectsAfter, int contentChanged, int metadataChanged, int tagsChanged,
                        int classWrong, List<String> problems) {
        boolean ok() {
            return objectsBefore == objectsAfter && contentChanged == 0 && metadataChanged == 0 && tagsChanged == 0
                    && classWrong == 0;
        }
    }

    record Result(Settings settings, Instant decisionTime, long bucketObjects, long bucketBytes, ModelInfo model,
                  Plan plan, ApplyReport apply, Verification verification, List<PolicyRow> policies) {
    }

    private DemoRun() {
    }

    static Result run(Settings s) {
        Workload workload = WorkloadGenerator.builder().objects(s.objects()).days(s.days()).seed(s.seed()).build().generate();
        TraceIndex index = TraceIndex.of(workload.events());
        Duration horizon = Duration.ofDays(s.horizonDays());
        Instant decisionTime = workload.start().plus(Duration.ofDays(s.days() - s.horizonDays()));

        // Train only on what was known by the decision day: each snapshot's label window ends by then.
        List<Instant> snapshots = new ArrayList<>();
        for (Instant t = workload.start().plus(Duration.ofDays(FIRST_SNAPSHOT_DAY));
             !t.plus(horizon).isAfter(decisionTime); t = t.plus(Duration.ofDays(SNAPSHOT_EVERY_DAYS))) {
            snapshots.add(t);
        }
        FeatureExtractor extractor = FeatureExtractor.defaults();
        Dataset data = PointInTimeDataset.build(index, extractor, snapshots, horizon);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("name", "demo-model");
        card.put("horizonDays", s.horizonDays());
        card.put("trainedOn", "synthetic workload, seed " + s.seed() + ", snapshots " + snapshots.get(0) + " .. "
                + snapshots.get(snapshots.size() - 1));
        LogisticRegressionTrainer.Result fit = LogisticRegressionTrainer.builder().build().fit(data, card);
        LogisticModel model = fit.model();
        ModelInfo modelInfo = new ModelInfo(snapshots.size(), data.rows(), data.positiveRate(), fit.iterations(),
                fit.converged(), fit.logLoss());

        // The bucket as it stood on the decision day, written in time order so LastModified is each object's last write.
        Map<String, WorkloadObject> byKey = new HashMap<>();
        for (WorkloadObject o : workload.objects()) {
            byKey.put(o.key(), o);
        }
        List<ObjectInfo> alive = new ArrayList<>();
        for (String key : index.keys()) {
            ObjectInfo o = index.objectAt(BUCKET, key, decisionTime);
            if (o != null) {
                alive.add(o);
            }
        }
        alive.sort(Comparator.comparing(ObjectInfo::lastModified).thenComparing(ObjectInfo::key));
        MutableClock clock = new MutableClock(workload.start());
        InMemoryObjectStore store = new InMemoryObjectStore(clock);
        long bytes = 0;
        for (ObjectInfo o : alive) {
            clock.set(o.lastModified());
            String cohort = byKey.get(o.key()).cohort().id();
            store.put(PutRequest.builder(BUCKET, o.key())
                    .content(Content.synthetic(s.seed() * 31 + o.key().hashCode(), o.size()))
                    .contentType(contentType(o.key()))
                    .metadata(Map.of("source", "archiver-demo", "cohort", cohort))
                    .tags(Map.of("project", "demo", "cohort", cohort))
                    .build());
            bytes += o.size();
        }
        clock.set(decisionTime);
        Map<String, StoredObject> before = new HashMap<>();
        for (ObjectInfo o : alive) {
            before.put(o.key(), store.get(BUCKET, o.key()));
        }

        Archiver archiver = Archiver.builder()
                .predictor(model)
                .featureExtractor(extractor)
                .accessHistory(o -> index.history(o.key()))
                .transitioner(store)
                .retryPolicy(RetryPolicy.builder().sleeper(clock::advance).build())
                .clock(clock)
                .build();
        Plan plan = archiver.plan(store.source(BUCKET));
        ApplyReport report = archiver.apply(plan);
        Verification verification = verify(store, before, plan);
        List<PolicyRow> policies = policies(archiver.engine().costModel(), plan, index, decisionTime, horizon);
        return new Result(s, decisionTime, alive.size(), bytes, modelInfo, plan, report, verification, policies);
    }

    private static Verification verify(InMemoryObjectStore store, Map<String, StoredObject> before, Plan plan) {
        Map<String, StorageClass> expected = new HashMap<>();
        for (Decision d : plan.decisions()) {
            expected.put(d.object().key(), d.target());
        }
        int content = 0;
        int metadata = 0;
        int tags = 0;
        int cls = 0;
        List<String> problems = new ArrayList<>();
        long after;
        try (var objects = store.source(BUCKET).objects()) {
            after = objects.count();
        }
        for (Map.Entry<String, StoredObject> e : before.entrySet()) {
            StoredObject was = e.getValue();
            StoredObject now = store.find(BUCKET, e.getKey()).orElse(null);
            if (now == null) {
                problems.add(e.getKey() + ": missing after apply");
                content++;
                continue;
            }
            if (!was.content().fingerprint().equals(now.content().fingerprint()) || was.content().length() != now.content().length()) {
                content++;
                problems.add(e.getKey() + ": content changed");
            }
            if (!sameMetadata(was, now) || !Objects.equals(was.contentType(), now.contentType())
                    || !Objects.equals(was.contentEncoding(), now.contentEncoding())) {
                metadata++;
                problems.add(e.getKey() + ": metadata changed");
            }
            if (!was.info().tags().equals(now.info().tags())) {
                tags++;
                problems.add(e.getKey() + ": tags changed");
            }
            if (now.info().storageClass() != expected.get(e.getKey())) {
                cls++;
                problems.add(e.getKey() + ": in " + now.info().storageClass() + ", plan said " + expected.get(e.getKey()));
            }
        }
        return new Verification(before.size(), (int) after, content, metadata, tags, cls,
                problems.subList(0, Math.min(10, problems.size())));
    }

    /**
     * The metadata is unchanged, or a copy added exactly {@code archiver-created} = the object's
     * creation time before the move (which keeps its age for later plans).
     */
    private static boolean sameMetadata(StoredObject was, StoredObject now) {
        Map<String, String> m = was.info().metadata();
        if (m.equals(now.info().metadata())) {
            return true;
        }
        Map<String, String> withCreated = new HashMap<>(m);
        withCreated.put(ObjectInfo.CREATED_METADATA_KEY, was.info().createdAt().toString());
        return withCreated.equals(now.info().metadata());
    }

    private static List<PolicyRow> policies(CostModel cm, Plan plan, TraceIndex index, Instant t, Duration horizon) {
        double months = cm.horizonMonths();
        Instant until = t.plus(horizon);
        long horizonSeconds = horizon.getSeconds();
        Acc keepAll = new Acc("keep everything in STANDARD");
        Acc rule = new Acc("original design: older than 30 days -> GLACIER");
        Acc predictive = new Acc("archiver: " + plan.header().predictor() + " + cost model");
        for (Decision d : plan.decisions()) {
            ObjectInfo o = d.object();
            AccessHistory h = index.history(o.key());
            int recent = h.readsBetweenEpochSeconds(t.getEpochSecond() - horizonSeconds, t.getEpochSecond());
            double p = Double.isNaN(d.pRead()) ? 1 : d.pRead();
            ReadForecast projected = ReadForecast.of(p, Math.max(1, recent));
            ReadForecast actual = ReadForecast.exactly(index.readsIn(o.key(), t, until));
            keepAll.add(cm, o, o.storageClass(), projected, actual, t);
            boolean old = Duration.between(o.lastModified(), t).toDays() > 30;
            rule.add(cm, o, old && cm.canMove(o, StorageClass.GLACIER) ? StorageClass.GLACIER : o.storageClass(), projected, actual, t);
            predictive.add(cm, o, d.target(), projected, actual, t);
        }
        return List.of(keepAll.row(months), rule.row(months), predictive.row(months));
    }

    /** Sums one policy over the objects. */
    private static final class Acc {
        final String name;
        long moves;
        double before;
        double recurring;
        double oneTime;
        double actual;
        long waits;
        double waitHours;

        Acc(String name) {
            this.name = name;
        }

        void add(CostModel cm, ObjectInfo o, StorageClass target, ReadForecast projected, ReadForecast actualReads, Instant t) {
            if (target != o.storageClass()) {
                moves++;
            }
            before += cm.keep(o, projected, t).recurring();
            CostEstimate p = cm.estimate(o, target, projected, t);
            recurring += p.recurring();
            oneTime += p.oneTime() - (target == o.storageClass() ? p.minimumCommitment() : 0);
            CostEstimate a = cm.estimate(o, target, actualReads, t);
            actual += a.total();
            if (target.requiresRestore()) {
                long n = Math.round(actualReads.expectedReads());
                waits += n;
                waitHours += n * cm.restoreHours(target);
            }
        }

        PolicyRow row(double months) {
            return new PolicyRow(name, moves, before / months, recurring / months, oneTime, actual, waits, waitHours);
        }
    }

    static String contentType(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        if (k.endsWith(".jpg") || k.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (k.endsWith(".mp4")) {
            return "video/mp4";
        }
        if (k.endsWith(".gz")) {
            return "application/gzip";
        }
        if (k.endsWith(".parquet")) {
            return "application/vnd.apache.parquet";
        }
        return "application/octet-stream";
    }
}
