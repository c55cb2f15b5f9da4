package dev.archiver.core.plan;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.cost.CostModel;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.decide.DecisionEngine;
import dev.archiver.core.decide.Reason;
import dev.archiver.core.inventory.InventoryReader;
import dev.archiver.core.object.AccessHistoryProvider;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.ObjectSource;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Plans a source of any size in constant memory: objects are decided in batches as they stream
 * in, and each decision goes straight to {@code plan.jsonl}, to the running
 * {@link PlanSummary.Accumulator}, and (for a MOVE) to the S3 Batch Operations manifest of its
 * target class. Nothing is held per object, so an inventory of a billion rows plans in the same
 * heap as one of a thousand. Dry by nature: nothing is submitted.
 *
 * <pre>{@code
 * StreamingPlanner planner = StreamingPlanner.builder(engine)
 *         .clock(Clock.systemUTC())
 *         .progress(PlanProgress.stderr())
 *         .build();
 * InventoryReader inventory = InventoryReader.of(InventoryFiles.folder(Path.of("inventory")));
 * PlanResult result = planner.plan(inventory, Path.of("out"));
 * System.out.println(result.summary().moves() + " moves in " + result.manifests());
 * }</pre>
 *
 * <p>The output folder holds {@code plan.jsonl} (what {@link Plan#read(Path)} reads),
 * {@code summary.json}, {@code manifests/<CLASS>.csv} with the moves to each class, and
 * {@code jobs/<CLASS>.json}, a ready {@code CreateJob} request (built-in copy setting the storage
 * class); objects over 5 GiB go to {@code manifests/<CLASS>-over-5GiB.csv} with a LambdaInvoke job
 * for the archiver's handler. Everything is written into a hidden sibling folder first and renamed
 * into place only when the whole source was read and decided: a failure leaves no output that
 * looks complete. The output folder must not exist or be empty.
 *
 * <p>On a machine with more than one core, the source is read on a second thread while the
 * caller decides, encodes the plan lines and writes; with {@link Builder#threads(int)} above two,
 * an inventory's data files are read and decided on that many threads at once, one file per
 * thread, and written in manifest order. The output is the same for any number of threads.
 * Every queue between threads holds at most four batches.
 */
public final class StreamingPlanner {
    private static final List<ObjectInfo> END = new ArrayList<>();

    private final DecisionEngine engine;
    private final AccessHistoryProvider histories;
    private final Clock clock;
    private final int batchSize;
    private final boolean writeKeeps;
    private final boolean pipelined;
    private final int threads;
    private final ThreadFactory threadFactory;
    private final PlanProgress progress;
    private final BatchJobSettings jobs;

    private StreamingPlanner(Builder b) {
        this.engine = b.engine;
        this.histories = b.histories;
        this.clock = b.clock;
        this.batchSize = b.batchSize;
        this.writeKeeps = b.writeKeeps;
        this.pipelined = b.pipelined;
        this.threads = b.threads;
        this.threadFactory = b.threadFactory;
        this.progress = b.progress;
        this.jobs = b.jobs;
    }

    public static Builder builder(DecisionEngine engine) {
        return new Builder(engine);
    }

    /**
     * Plans an S3 Inventory: like {@link #plan(ObjectSource, boolean, Path)} with version ids in the
     * manifests when the inventory lists them, and the inventory's skipped rows in {@code summary.json}.
     */
    public PlanResult plan(InventoryReader inventory, Path outDir) {
        return plan(inventory, inventory.hasVersionIds(), outDir);
    }

    /**
     * Decides every object of {@code source} and writes the plan folder {@code outDir}.
     *
     * @param versionIds whether the manifests carry a VersionId column ({@code null} for an object without one)
     * @throws ArchiverException when the source fails, the folder is not empty, or writing fails; nothing is published then
     */
    public PlanResult plan(ObjectSource source, boolean versionIds, Path outDir) {
        Path out = outDir.toAbsolutePath().normalize();
        requireEmptyOrAbsent(out);
        Path tmp;
        try {
            Files.createDirectories(out.getParent());
            tmp = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".partial-");
        } catch (IOException e) {
            throw new ArchiverException(out + ": cannot create the plan folder: " + e.getMessage(), e);
        }
        boolean published = false;
        try {
            PlanResult r = write(source, versionIds, tmp, out);
            publish(tmp, out);
            published = true;
            progress.finished(r.summary(), clock.millis() - r.startedMillis());
            return r;
        } finally {
            if (!published) {
                deleteTree(tmp);
            }
        }
    }

    private PlanResult write(ObjectSource source, boolean versionIds, Path dir, Path finalDir) {
        long started = clock.millis();
        Instant now = clock.instant();
        CostModel cm = engine.costModel();
        PlanHeader header = new PlanHeader(now, cm.priceBook().name(), cm.priceBook().currency(), cm.horizonDays(),
                cm.transitionMethod(), engine.predictor().name());
        PlanSummary.Accumulator totals = PlanSummary.accumulator(cm.horizonDays());
        long planned = 0;
        try (OutputStream plan = new BufferedOutputStream(Files.newOutputStream(dir.resolve("plan.jsonl")), 1 << 16);
             BatchManifests manifests = new BatchManifests(dir.resolve("manifests"), versionIds);
             Decided batches = decided(source, now)) {
            plan.write((PlanFormat.headerLine(header) + '\n').getBytes(StandardCharsets.UTF_8));
            long bytes = 0;
            DecidedBatch batch;
            while ((batch = batches.next()) != null) {
                for (Decision d : batch.decisions()) {
                    totals.add(d);
                    bytes += d.object().size();
                    if (d.moves()) {
                        manifests.add(d);
                    }
                }
                plan.write(batch.lines().utf8());
                planned += batch.lines().count();
                progress.progress(totals.objectsSoFar(), bytes, clock.millis() - started, source.fractionRead());
            }
            manifests.close();
            PlanSummary summary = totals.summary();
            List<PlanResult.ManifestFile> files = new ArrayList<>();
            if (!manifests.manifests().isEmpty()) {
                Files.createDirectories(dir.resolve("jobs"));
            }
            for (BatchManifests.Manifest m : manifests.manifests()) {
                try (OutputStream o = Files.newOutputStream(dir.resolve("jobs").resolve(m.jobFileName()));
                     JsonGenerator g = PlanFormat.JSON.getFactory().createGenerator(o, JsonEncoding.UTF8)) {
                    g.useDefaultPrettyPrinter();
                    BatchManifests.writeJob(g, m, jobs, "archiver-" + now.toEpochMilli() + "-" + m.jobFileName().replace(".json", ""),
                            versionIds);
                }
                files.add(new PlanResult.ManifestFile(m.target, m.large, finalDir.resolve("manifests").resolve(m.fileName),
                        finalDir.resolve("jobs").resolve(m.jobFileName()), m.rows, m.objectBytes, BatchManifests.md5Hex(m)));
            }
            PlanResult result = new PlanResult(finalDir, header, summary, planned, files,
                    source instanceof InventoryReader inv ? skippedNames(inv) : Map.of(), started);
            writeSummary(dir.resolve("summary.json"), result);
            return result;
        } catch (IOException e) {
            throw new ArchiverException(finalDir + ": cannot write the plan: " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> skippedNames(InventoryReader inv) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        inv.skipped().forEach((k, v) -> m.put(k.name(), v));
        return m;
    }

    private void writeSummary(Path file, PlanResult r) throws IOException {
        PlanSummary s = r.summary();
        try (OutputStream o = Files.newOutputStream(file);
             JsonGenerator g = PlanFormat.JSON.getFactory().createGenerator(o, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("createdAt", r.header().createdAt().toString());
            g.writeStringField("priceBook", r.header().priceBook());
            g.writeStringField("currency", r.header().currency());
            g.writeNumberField("horizonDays", r.header().horizonDays());
            g.writeStringField("predictor", r.header().predictor());
            g.writeNumberField("objects", s.objects());
            g.writeNumberField("bytes", s.bytes());
            g.writeNumberField("moves", s.moves());
            g.writeNumberField("movedBytes", s.movedBytes());
            g.writeNumberField("planLines", r.planLines());
            g.writeBooleanField("planHasKeeps", writeKeeps);
            totals(g, "byClassAfter", s.byClassAfter());
            totals(g, "movesByTarget", s.movesByTarget());
            g.writeObjectFieldStart("byReason");
            for (Map.Entry<Reason, Long> e : s.byReason().entrySet()) {
                g.writeNumberField(e.getKey().name(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("pricedObjects", s.pricedObjects());
            g.writeNumberField("predictionFailures", s.predictionFailures());
            g.writeNumberField("monthlyCostBefore", s.monthlyCostBefore());
            g.writeNumberField("monthlyCostAfter", s.monthlyCostAfter());
            g.writeNumberField("monthlySaving", s.monthlySaving());
            g.writeNumberField("oneTimeCost", s.oneTimeCost());
            if (Double.isFinite(s.paybackMonths())) {
                g.writeNumberField("paybackMonths", s.paybackMonths());
            } else {
                g.writeNullField("paybackMonths");
            }
            g.writeNumberField("expectedRestoreWaitHours", s.expectedRestoreWaitHours());
            g.writeObjectFieldStart("skippedRows");
            for (Map.Entry<String, Long> e : r.skippedRows().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("manifests");
            for (PlanResult.ManifestFile m : r.manifests()) {
                g.writeStartObject();
                g.writeStringField("target", m.target().name());
                g.writeStringField("manifest", "manifests/" + m.manifest().getFileName());
                g.writeStringField("job", "jobs/" + m.job().getFileName());
                g.writeStringField("operation", m.overSingleCopyLimit() ? "LambdaInvoke" : "S3PutObjectCopy");
                g.writeNumberField("rows", m.rows());
                g.writeNumberField("objectBytes", m.objectBytes());
                g.writeStringField("md5", m.md5());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void totals(JsonGenerator g, String field, Map<StorageClass, PlanSummary.ClassTotals> m) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<StorageClass, PlanSummary.ClassTotals> e : m.entrySet()) {
            g.writeObjectFieldStart(e.getKey().name());
            g.writeNumberField("objects", e.getValue().objects());
            g.writeNumberField("bytes", e.getValue().bytes());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void requireEmptyOrAbsent(Path out) {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new ArchiverException(out + ": exists and is not a folder");
        }
        try (DirectoryStream<Path> d = Files.newDirectoryStream(out)) {
            if (d.iterator().hasNext()) {
                throw new ArchiverException(out + ": is not empty; a plan folder is written whole (choose a new --out)");
            }
        } catch (IOException e) {
            throw new ArchiverException(out + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void publish(Path tmp, Path out) {
        try {
            Files.deleteIfExists(out); // an empty folder, checked before
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out);
            }
        } catch (IOException e) {
            throw new ArchiverException(out + ": cannot publish the plan folder: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort: a hidden .partial folder is never read as a plan
        }
    }

    private Decided decided(ObjectSource source, Instant now) {
        // With two threads, reading on one and deciding on the caller keeps both busy (reading is about
        // half of a row's work). ByFile's workers only overlap for the four batches a file's queue
        // holds: the worker ahead waits until the caller reaches its file (measured: parked half
        // the time), so on two cores it planned at about one core's speed.
        if (pipelined && threads > 2 && source instanceof InventoryReader inv && inv.dataFileCount() > 1) {
            return new ByFile(inv, Math.min(threads, inv.dataFileCount()), now);
        }
        Batches b = pipelined ? new Pipelined(source) : new Inline(source);
        PlanLineEncoder encoder = new PlanLineEncoder();
        return new Decided() {
            @Override
            public DecidedBatch next() {
                List<ObjectInfo> objects = b.next();
                return objects == null ? null : decide(objects, now, encoder);
            }

            @Override
            public void close() {
                b.close();
            }
        };
    }

    /** Decides a batch and encodes its plan lines (on a worker thread when there are several, each with its encoder). */
    private DecidedBatch decide(List<ObjectInfo> objects, Instant now, PlanLineEncoder encoder) {
        List<Decision> decisions = engine.decideAll(objects, histories, now);
        return new DecidedBatch(decisions, encoder.lines(decisions, writeKeeps));
    }

    /** Decisions in source order and their plan lines. */
    private record DecidedBatch(List<Decision> decisions, PlanFormat.Lines lines) {
    }

    /** Batches of decisions in source order, {@code null} at the end. */
    private interface Decided extends AutoCloseable {
        DecidedBatch next();

        @Override
        void close();
    }

    /**
     * Reads and decides the data files of an inventory on {@code workers} threads at once, each
     * thread one whole file at a time, files taken in manifest order. The caller takes the decided
     * batches file by file in manifest order, so the output is the same as one thread's. A file's
     * queue holds at most four batches: a thread ahead of the caller waits, so at most
     * {@code workers × 5} batches exist at any time however large the inventory. A file's failure
     * reaches the caller when it comes to that file, so the first failing file in manifest order
     * is the one reported, as with one thread.
     */
    private final class ByFile implements Decided {
        private final InventoryReader inventory;
        private final Instant now;
        private final int files;
        private final java.util.concurrent.atomic.AtomicInteger nextFile = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicReferenceArray<BlockingQueue<Object>> queues;
        private final List<Thread> workers = new ArrayList<>();
        private volatile boolean cancelled;
        private int current;

        ByFile(InventoryReader inventory, int workerCount, Instant now) {
            this.inventory = inventory;
            this.now = now;
            this.files = inventory.dataFileCount();
            this.queues = new java.util.concurrent.atomic.AtomicReferenceArray<>(files);
            for (int i = 0; i < workerCount; i++) {
                Thread t = threadFactory.newThread(this::work);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
        }

        private BlockingQueue<Object> queue(int file) {
            BlockingQueue<Object> q = queues.get(file);
            if (q == null) {
                queues.compareAndSet(file, null, new ArrayBlockingQueue<>(4));
                q = queues.get(file);
            }
            return q;
        }

        private void work() {
            PlanLineEncoder encoder = new PlanLineEncoder();
            int f;
            while (!cancelled && (f = nextFile.getAndIncrement()) < files) {
                BlockingQueue<Object> q = queue(f);
                Object last = END;
                try (Stream<ObjectInfo> s = inventory.objects(f)) {
                    Iterator<ObjectInfo> it = s.iterator();
                    List<ObjectInfo> b = new ArrayList<>(batchSize);
                    while (it.hasNext() && !cancelled) {
                        b.add(it.next());
                        if (b.size() == batchSize) {
                            put(q, decide(b, now, encoder));
                            b = new ArrayList<>(batchSize);
                        }
                    }
                    if (!b.isEmpty()) {
                        put(q, decide(b, now, encoder));
                    }
                } catch (RuntimeException | Error e) {
                    last = e instanceof RuntimeException r ? r : new ArchiverException("source failed: " + e, e);
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    put(q, last);
                } catch (InterruptedException e) {
                    return;
                }
                if (last != END) {
                    return; // the caller stops at this file at the latest
                }
            }
        }

        private void put(BlockingQueue<Object> q, Object item) throws InterruptedException {
            while (!cancelled) {
                if (q.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }

        @Override
        public DecidedBatch next() {
            try {
                while (current < files) {
                    Object item = queue(current).take();
                    if (item == END) {
                        queues.set(current, null);
                        current++;
                        continue;
                    }
                    if (item instanceof RuntimeException e) {
                        current = files;
                        throw e;
                    }
                    return (DecidedBatch) item;
                }
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ArchiverException("interrupted while planning", e);
            }
        }

        @Override
        public void close() {
            cancelled = true;
            for (Thread t : workers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Batches of objects from the source, {@code null} at the end. */
    private interface Batches extends AutoCloseable {
        List<ObjectInfo> next();

        @Override
        void close();
    }

    private final class Inline implements Batches {
        private final Stream<ObjectInfo> stream;
        private final Iterator<ObjectInfo> it;

        Inline(ObjectSource source) {
            this.stream = source.objects();
            this.it = stream.iterator();
        }

        @Override
        public List<ObjectInfo> next() {
            List<ObjectInfo> b = new ArrayList<>(batchSize);
            while (b.size() < batchSize && it.hasNext()) {
                b.add(it.next());
            }
            return b.isEmpty() ? null : b;
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    /** Reads the source on another thread; at most four batches wait between the two. */
    private final class Pipelined implements Batches {
        private final BlockingQueue<List<ObjectInfo>> queue = new ArrayBlockingQueue<>(4);
        private final Thread reader;
        private volatile boolean cancelled;
        private volatile RuntimeException failure;
        private boolean ended;

        Pipelined(ObjectSource source) {
            reader = threadFactory.newThread(() -> read(source));
            reader.setDaemon(true);
            reader.start();
        }

        private void read(ObjectSource source) {
            try (Stream<ObjectInfo> s = source.objects()) {
                Iterator<ObjectInfo> it = s.iterator();
                List<ObjectInfo> b = new ArrayList<>(batchSize);
                while (it.hasNext() && !cancelled) {
                    b.add(it.next());
                    if (b.size() == batchSize) {
                        put(b);
                        b = new ArrayList<>(batchSize);
                    }
                }
                if (!b.isEmpty()) {
                    put(b);
                }
            } catch (RuntimeException | Error e) {
                failure = e instanceof RuntimeException r ? r : new ArchiverException("source failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void put(List<ObjectInfo> b) throws InterruptedException {
            while (!cancelled) {
                if (queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }

        @Override
        public List<ObjectInfo> next() {
            if (ended) {
                return null;
            }
            try {
                List<ObjectInfo> b = queue.take();
                if (b == END) {
                    ended = true;
                    if (failure != null) {
                        throw failure;
                    }
                    return null;
                }
                return b;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ArchiverException("interrupted while planning", e);
            }
        }

        @Override
        public void close() {
            cancelled = true;
            queue.clear();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Builds a {@link StreamingPlanner}. */
    public static final class Builder {
        private final DecisionEngine engine;
        private AccessHistoryProvider histories = AccessHistoryProvider.none();
        private Clock clock = Clock.systemUTC();
        private int batchSize = 1000;
        private boolean writeKeeps = true;
        private boolean pipelined = Runtime.getRuntime().availableProcessors() > 1;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ThreadFactory threadFactory = r -> new Thread(r, "archiver-plan-reader");
        private PlanProgress progress = PlanProgress.quiet();
        private BatchJobSettings jobs = BatchJobSettings.placeholders();

        private Builder(DecisionEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /** Where the reads known for each object come from (default: none known). */
        public Builder accessHistory(AccessHistoryProvider histories) {
            this.histories = Objects.requireNonNull(histories, "accessHistory");
            return this;
        }

        /** The clock decisions are made by and run time is measured with (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Objects per prediction call (default 1000). @throws IllegalArgumentException unless 1..100,000 */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("batchSize must be in 1..100000, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Whether {@code plan.jsonl} lists KEEP decisions too (default true). With false it lists only
         * the moves, which is what {@code apply} needs and a small fraction of a large inventory;
         * {@code summary.json} counts every decision either way.
         */
        public Builder writeKeeps(boolean writeKeeps) {
            this.writeKeeps = writeKeeps;
            return this;
        }

        /** Read the source on a second thread (default: when the machine has more than one core). */
        public Builder pipelined(boolean pipelined) {
            this.pipelined = pipelined;
            return this;
        }

        /** Makes the reader threads of a pipelined run. */
        public Builder threadFactory(ThreadFactory threads) {
            this.threadFactory = Objects.requireNonNull(threads, "threadFactory");
            return this;
        }

        /**
         * How many data files of an inventory are read and decided at once when pipelined (default:
         * the machine's cores). Up to two, the source is read on one thread and decided on the
         * caller's; above two, each thread reads and decides one whole file; the output keeps
         * manifest order, so it is the same for any number. Above two, the {@code accessHistory}
         * provider and the engine are called from several threads at once.
         *
         * @throws IllegalArgumentException unless 1..256
         */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("threads must be in 1..256, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Hears progress (default: quiet). */
        public Builder progress(PlanProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Account, role and locations for the CreateJob requests (default: placeholders). */
        public Builder batchJobs(BatchJobSettings jobs) {
            this.jobs = Objects.requireNonNull(jobs, "batchJobs");
            return this;
        }

        public StreamingPlanner build() {
            return new StreamingPlanner(this);
        }
    }
}
