package dev.archiver.core;

import dev.archiver.core.cost.CostModel;
import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.decide.DecisionEngine;
import dev.archiver.core.decide.Guardrails;
import dev.archiver.core.feature.FeatureExtractor;
import dev.archiver.core.object.AccessHistoryProvider;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.plan.ApplyJournal;
import dev.archiver.core.plan.ApplyReport;
import dev.archiver.core.plan.Plan;
import dev.archiver.core.plan.PlanApplier;
import dev.archiver.core.plan.PlanHeader;
import dev.archiver.core.plan.RetryPolicy;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.store.ObjectSource;
import dev.archiver.core.store.StorageTransitioner;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The one entry point: decide about objects, plan over a source, apply a plan.
 *
 * <pre>{@code
 * Archiver archiver = Archiver.builder()
 *         .predictor(LogisticModel.load(Path.of("model.json")))
 *         .transitioner(transitioner)          // needed only by apply
 *         .build();
 * Plan plan = archiver.plan(source);          // changes nothing
 * plan.write(Path.of("plan.jsonl"));
 * ApplyReport report = archiver.apply(plan);  // moves the MOVE decisions, journaled
 * }</pre>
 *
 * Planning is dry by nature; only {@link #apply} changes a bucket, and only through the
 * configured {@link StorageTransitioner}. Instances are immutable and thread-safe.
 */
public final class Archiver {
    private final DecisionEngine engine;
    private final AccessHistoryProvider histories;
    private final StorageTransitioner transitioner;
    private final ApplyJournal journal;
    private final RetryPolicy retry;
    private final Clock clock;
    private final int batchSize;

    private Archiver(Builder b) {
        this.engine = DecisionEngine.builder(b.predictor)
                .costModel(b.costModel != null ? b.costModel : CostModel.builder(b.priceBook).build())
                .featureExtractor(b.extractor)
                .guardrails(b.guardrails)
                .build();
        this.histories = b.histories;
        this.transitioner = b.transitioner;
        this.journal = b.journal != null ? b.journal : ApplyJournal.inMemory();
        this.retry = b.retry;
        this.clock = b.clock;
        this.batchSize = b.batchSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The engine every decision goes through. */
    public DecisionEngine engine() {
        return engine;
    }

    /** Decides one object now. */
    public Decision decide(ObjectInfo object) {
        return engine.decide(object, histories.historyOf(object), clock.instant());
    }

    /** Decides many objects now with one prediction call per batch. */
    public List<Decision> decideAll(List<ObjectInfo> objects) {
        Instant now = clock.instant();
        List<Decision> out = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i += batchSize) {
            out.addAll(engine.decideAll(objects.subList(i, Math.min(objects.size(), i + batchSize)), histories, now));
        }
        return out;
    }

    /** Decides every object of {@code source}; changes nothing. */
    public Plan plan(ObjectSource source) {
        Instant now = clock.instant();
        List<Decision> decisions = new ArrayList<>();
        try (Stream<ObjectInfo> objects = source.objects()) {
            Iterator<ObjectInfo> it = objects.iterator();
            List<ObjectInfo> batch = new ArrayList<>(batchSize);
            while (it.hasNext()) {
                batch.add(it.next());
                if (batch.size() == batchSize) {
                    decisions.addAll(engine.decideAll(batch, histories, now));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                decisions.addAll(engine.decideAll(batch, histories, now));
            }
        }
        CostModel cm = engine.costModel();
        return new Plan(new PlanHeader(now, cm.priceBook().name(), cm.priceBook().currency(), cm.horizonDays(),
                cm.transitionMethod(), engine.predictor().name()), decisions);
    }

    /** Applies the MOVE decisions of {@code plan} with the configured journal. */
    public ApplyReport apply(Plan plan) {
        return apply(plan, journal);
    }

    /**
     * Applies the MOVE decisions of {@code plan}: each move is conditional on the ETag it was
     * decided on, retried per the {@link RetryPolicy} when transient, and recorded in
     * {@code journal}; a move the journal shows settled is not made again.
     *
     * @throws IllegalStateException when no transitioner was configured
     */
    public ApplyReport apply(Plan plan, ApplyJournal journal) {
        if (transitioner == null) {
            throw new IllegalStateException("apply needs a StorageTransitioner: set one with Archiver.builder().transitioner(...)");
        }
        return new PlanApplier(transitioner, retry).apply(plan, journal);
    }

    @Override
    public String toString() {
        return "Archiver[" + engine + "]";
    }

    /** Builds an {@link Archiver}; a predictor is required. */
    public static final class Builder {
        private AccessPredictor predictor;
        private PriceBook priceBook = PriceBook.usEast1();
        private CostModel costModel;
        private FeatureExtractor extractor = FeatureExtractor.defaults();
        private Guardrails guardrails = Guardrails.defaults();
        private AccessHistoryProvider histories = AccessHistoryProvider.none();
        private StorageTransitioner transitioner;
        private ApplyJournal journal;
        private RetryPolicy retry = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private int batchSize = 1000;

        private Builder() {
        }

        /** Scores p(read) for each object (required): a {@code LogisticModel}, a rule, a remote endpoint. */
        public Builder predictor(AccessPredictor predictor) {
            this.predictor = Objects.requireNonNull(predictor, "predictor");
            return this;
        }

        /** Prices to decide with (default: bundled us-east-1); ignored when {@link #costModel} is set. */
        public Builder priceBook(PriceBook priceBook) {
            this.priceBook = Objects.requireNonNull(priceBook, "priceBook");
            return this;
        }

        /** The full cost model (horizon, restore tier, transition method). */
        public Builder costModel(CostModel costModel) {
            this.costModel = Objects.requireNonNull(costModel, "costModel");
            return this;
        }

        public Builder featureExtractor(FeatureExtractor extractor) {
            this.extractor = Objects.requireNonNull(extractor, "featureExtractor");
            return this;
        }

        public Builder guardrails(Guardrails guardrails) {
            this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
            return this;
        }

        /** Where the reads known for each object come from (default: none known). */
        public Builder accessHistory(AccessHistoryProvider histories) {
            this.histories = Objects.requireNonNull(histories, "accessHistory");
            return this;
        }

        /** What {@link #apply} moves objects with; not needed to decide or plan. */
        public Builder transitioner(StorageTransitioner transitioner) {
            this.transitioner = Objects.requireNonNull(transitioner, "transitioner");
            return this;
        }

        /** The journal {@link Archiver#apply(Plan)} uses (default: in memory, for the life of the Archiver). */
        public Builder journal(ApplyJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retryPolicy");
            return this;
        }

        /** The clock decisions are made by (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Objects per prediction call (default 1000). @throws IllegalArgumentException unless 1..1,000,000 */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 1_000_000) {
                throw new IllegalArgumentException("batchSize must be in 1..1000000, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** @throws IllegalStateException when no predictor was set */
        public Archiver build() {
            if (predictor == null) {
                throw new IllegalStateException("Archiver needs a predictor: .predictor(LogisticModel.load(path)), "
                        + ".predictor(AccessPredictor.ageRule(30)) or another AccessPredictor");
            }
            return new Archiver(this);
        }
    }
}
