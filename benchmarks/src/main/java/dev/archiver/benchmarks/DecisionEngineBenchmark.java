package dev.archiver.benchmarks;

import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.cost.CostModel;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.decide.DecisionEngine;
import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.AccessHistoryProvider;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.predict.LogisticModel;
import dev.archiver.testkit.RandomModels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Decisions per second of {@link DecisionEngine} with a {@link LogisticModel} over the default
 * extractor's features and in-memory {@link ObjectInfo}s, one batch of {@code batch} objects per
 * call (a mix of classes, sizes from 1 KB to 10 GB, half with read histories).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DecisionEngineBenchmark -prof gc
 * </pre>
 * The score is decisions per second (one thread); {@code gc.alloc.rate.norm} is bytes per decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DecisionEngineBenchmark {
    static final int BATCH = 1000;
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Param({"logistic"})
    public String predictor;

    private DecisionEngine engine;
    private LogisticModel model;
    private FeatureExtractor extractor;
    private double[] featureBuffer;
    private List<ObjectInfo> objects;
    private AccessHistoryProvider histories;
    private final CostEstimate[] estimates = new CostEstimate[StorageClass.values().length];
    private final StorageClass[] classes = new StorageClass[StorageClass.values().length];
    private final double[] totals = new double[StorageClass.values().length];

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        List<String> names = FeatureExtractor.defaults().featureNames();
        int d = names.size();
        model = RandomModels.logistic(r, "benchmark");
        engine = DecisionEngine.builder(model).build();
        extractor = FeatureExtractor.defaults();
        featureBuffer = new double[BATCH * d];

        String[] prefixes = {"logs/app/2025/06/01/", "media/images/", "media/videos/", "backups/db/", "analytics/daily/dt=2025-06-01/",
                "thumbs/", "datasets/climate/run-"};
        String[] exts = {".log.gz", ".jpg", ".mp4", ".dump.gz", ".parquet", "_128.jpg", ".h5"};
        StorageClass[] classes = {StorageClass.STANDARD, StorageClass.STANDARD, StorageClass.STANDARD, StorageClass.STANDARD_IA,
                StorageClass.INTELLIGENT_TIERING, StorageClass.GLACIER_IR};
        objects = new ArrayList<>(BATCH);
        Map<ObjectInfo, AccessHistory> byObject = new IdentityHashMap<>();
        for (int i = 0; i < BATCH; i++) {
            int c = r.nextInt(prefixes.length);
            long size = (long) Math.pow(10, 3 + r.nextDouble() * 7);
            ObjectInfo o = ObjectInfo.builder("bench-bucket", prefixes[c] + "object-" + i + exts[c])
                    .size(size).storageClass(classes[r.nextInt(classes.length)])
                    .lastModified(NOW.minusSeconds(r.nextLong(400L * 86_400))).eTag("\"" + Long.toHexString(r.nextLong()) + "\"").build();
            objects.add(o);
            if (r.nextBoolean()) {
                long[] reads = new long[1 + r.nextInt(20)];
                for (int k = 0; k < reads.length; k++) {
                    reads[k] = NOW.getEpochSecond() - r.nextLong(180L * 86_400);
                }
                byObject.put(o, AccessHistory.ofEpochSeconds(reads));
            }
        }
        histories = o -> byObject.getOrDefault(o, AccessHistory.none());
    }

    /** The whole decision: guardrails, features, one batched prediction, costs of every candidate, the choice. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<Decision> decideBatch() {
        return engine.decideAll(objects, histories, NOW);
    }

    /** Part of it: the default features alone (with the history look-up), to see where the time goes. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double[] featuresOnly() {
        int w = extractor.featureNames().size();
        for (int i = 0; i < BATCH; i++) {
            ObjectInfo o = objects.get(i);
            extractor.extract(o, histories.historyOf(o), NOW, featureBuffer, i * w);
        }
        return featureBuffer;
    }

    /** Part of it: the cost of keeping and of every allowed move, for a fixed forecast (p = 0.1, one read). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int costsOnly() {
        CostModel costs = engine.costModel();
        Set<StorageClass> allowed = engine.guardrails().allowedClasses();
        long nowS = NOW.getEpochSecond();
        int n = 0;
        for (int i = 0; i < BATCH; i++) {
            ObjectInfo o = objects.get(i);
            n += costs.estimateAll(o, allowed, 0.1, 1, nowS, o.lastModified().getEpochSecond(), estimates);
        }
        return n;
    }

    /** Part of it: the totals of keeping and of every allowed move, without their breakdowns (what the engine chooses by). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int totalsOnly() {
        CostModel costs = engine.costModel();
        Set<StorageClass> allowed = engine.guardrails().allowedClasses();
        long nowS = NOW.getEpochSecond();
        int n = 0;
        for (int i = 0; i < BATCH; i++) {
            ObjectInfo o = objects.get(i);
            n += costs.totals(o, allowed, 0.1, 1, nowS, o.lastModified().getEpochSecond(), classes, totals);
        }
        return n;
    }

    /** Part of it: the logistic model over a ready batch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double[] predictOnly() {
        return model.predict(new FeatureBatch(extractor.featureNames(), featureBuffer, BATCH));
    }
}
