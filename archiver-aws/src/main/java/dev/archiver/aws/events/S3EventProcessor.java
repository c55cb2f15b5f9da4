package dev.archiver.aws.events;

import dev.archiver.aws.s3.S3ObjectSource;
import dev.archiver.aws.s3.S3Outcomes;
import dev.archiver.core.Archiver;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.plan.ApplyJournal;
import dev.archiver.core.plan.Plan;
import dev.archiver.core.store.ObjectSource;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns S3 events (or bare object references) into decisions and, unless dry, transitions, safely
 * under at-least-once delivery:
 * <ol>
 *   <li>{@link LoopGuard#byEvent}: only uploads (Put, Post, CompleteMultipartUpload) go on;</li>
 *   <li>the {@link DedupeStore}: a redelivered or out-of-order event (by {@code sequencer}) stops here;
 *       several records for one object in one batch are decided once;</li>
 *   <li>one HeadObject per object: the decision is made on the object as it is now, and
 *       {@link LoopGuard#byObject} drops events the object has moved past and the archiver's own
 *       multipart copies;</li>
 *   <li>one {@link Archiver#plan} over the batch (one predictor call), then {@link Archiver#apply}
 *       of the moves: each copy conditional on the decided ETag, journaled, so an object already in
 *       its decided class is kept and a move already made is not made again.</li>
 * </ol>
 *
 * <pre>{@code
 * S3EventProcessor processor = S3EventProcessor.builder(s3, archiver).dryRun(false).build();
 * List<ObjectOutcome> outcomes = processor.process(S3EventParser.parse(json).records());
 * }</pre>
 *
 * Thread-safe when its {@link DedupeStore} and journal are (the defaults are).
 */
public final class S3EventProcessor {
    private final S3Client s3;
    private final Archiver archiver;
    private final boolean dryRun;
    private final DedupeStore dedupe;
    private final ApplyJournal journal;

    private S3EventProcessor(Builder b) {
        this.s3 = b.s3;
        this.archiver = b.archiver;
        this.dryRun = b.dryRun;
        this.dedupe = b.dedupe;
        this.journal = b.journal;
    }

    /** Starts a processor reading objects with {@code s3} and deciding with {@code archiver}. */
    public static Builder builder(S3Client s3, Archiver archiver) {
        return new Builder(s3, archiver);
    }

    /** True when moves are only reported ({@link ObjectOutcome.Status#WOULD_MOVE}). */
    public boolean dryRun() {
        return dryRun;
    }

    /** One outcome per record, in record order. */
    public List<ObjectOutcome> process(List<S3EventRecord> records) {
        List<Pending> pending = new ArrayList<>(records.size());
        for (S3EventRecord r : records) {
            pending.add(new Pending(r.location(), r.messageId(), r.bucket(), r.key(), r));
        }
        return run(pending, null);
    }

    /**
     * One outcome per reference, in order: no loop guard or dedupe (there is no event), but a
     * reference to a version that is no longer current is skipped.
     */
    public List<ObjectOutcome> processRefs(List<ObjectRef> refs) {
        List<Pending> pending = new ArrayList<>(refs.size());
        for (ObjectRef r : refs) {
            pending.add(new Pending(r.id(), null, r.bucket(), r.key(), null));
        }
        return run(pending, refs);
    }

    /**
     * One outcome per listed object, in order: decided as listed (no HeadObject, no loop guard),
     * as a scan or an inventory gives them; the copy still checks the ETag.
     */
    public List<ObjectOutcome> processListed(List<ObjectInfo> objects) {
        List<Pending> pending = new ArrayList<>(objects.size());
        for (ObjectInfo o : objects) {
            Pending p = new Pending(o.location(), null, o.bucket(), o.key(), null);
            p.object = o;
            pending.add(p);
        }
        decideAndApply(pending);
        List<ObjectOutcome> out = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            out.add(p.outcome);
        }
        return out;
    }

    /** One record or reference on its way through. */
    private static final class Pending {
        final String id;
        final String messageId;
        final String bucket;
        final String key;
        final S3EventRecord event;
        ObjectOutcome outcome;
        ObjectInfo object;
        boolean claimed;
        Pending duplicateOf;

        Pending(String id, String messageId, String bucket, String key, S3EventRecord event) {
            this.id = id;
            this.messageId = messageId;
            this.bucket = bucket;
            this.key = key;
            this.event = event;
        }

        void finish(ObjectOutcome.Status status, String detail, Decision d, TransitionResult t) {
            outcome = new ObjectOutcome(id, messageId, bucket, key, status, detail, d, t);
        }
    }

    private List<ObjectOutcome> run(List<Pending> pending, List<ObjectRef> refs) {
        Map<String, Pending> byObject = new HashMap<>();
        List<Pending> toDecide = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            S3EventRecord e = p.event;
            if (e != null) {
                LoopGuard.Verdict v = LoopGuard.byEvent(e);
                if (v != LoopGuard.Verdict.PROCEED) {
                    p.finish(ObjectOutcome.Status.SKIPPED, e.eventName() + ": " + v.description(), null, null);
                    continue;
                }
            }
            String objectKey = p.bucket + '\u0000' + p.key;
            Pending first = byObject.get(objectKey);
            if (first != null) {
                p.duplicateOf = first;
                continue;
            }
            if (e != null && e.sequencer() != null) {
                DedupeStore.Claim c;
                try {
                    c = dedupe.claim(p.bucket, p.key, e.sequencer());
                } catch (ArchiverException ex) {
                    p.finish(failureStatus(ex), "dedupe store: " + ex.getMessage(), null, null);
                    continue;
                }
                if (c == DedupeStore.Claim.DUPLICATE) {
                    p.finish(ObjectOutcome.Status.SKIPPED, LoopGuard.Verdict.DUPLICATE.description(), null, null);
                    continue;
                }
                if (c == DedupeStore.Claim.OUT_OF_ORDER) {
                    p.finish(ObjectOutcome.Status.SKIPPED, LoopGuard.Verdict.OUT_OF_ORDER.description(), null, null);
                    continue;
                }
                p.claimed = true;
            }
            byObject.put(objectKey, p);
            Optional<ObjectInfo> head;
            try {
                head = S3ObjectSource.head(s3, p.bucket, p.key);
            } catch (ArchiverException ex) {
                p.finish(failureStatus(ex), ex.getMessage(), null, null);
                continue;
            }
            if (head.isEmpty()) {
                p.finish(ObjectOutcome.Status.NOT_FOUND, "s3://" + p.bucket + "/" + p.key + " does not exist", null, null);
                continue;
            }
            ObjectInfo current = head.get();
            if (e != null) {
                LoopGuard.Verdict v = LoopGuard.byObject(e, current);
                if (v != LoopGuard.Verdict.PROCEED) {
                    p.finish(ObjectOutcome.Status.SKIPPED, e.eventName() + ": " + v.description(), null, null);
                    continue;
                }
            } else {
                String wanted = refs.get(i).versionId();
                if (wanted != null && current.versionId() != null && !wanted.equals(current.versionId())) {
                    p.finish(ObjectOutcome.Status.SKIPPED, "version " + wanted + " is not current (" + current.versionId()
                            + " is); only the current version is ever moved", null, null);
                    continue;
                }
            }
            p.object = current;
            toDecide.add(p);
        }
        decideAndApply(toDecide);
        List<ObjectOutcome> out = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            if (p.duplicateOf != null) {
                ObjectOutcome o = p.duplicateOf.outcome;
                // decided once, under the first record; this one carries no decision of its own
                p.finish(ObjectOutcome.Status.SKIPPED, "same object as " + p.duplicateOf.id + " in this batch ("
                        + o.status() + ")", null, null);
            }
            if (p.claimed && p.outcome.failed()) {
                try {
                    dedupe.release(p.bucket, p.key, p.event.sequencer());
                } catch (ArchiverException ignored) {
                    // the failure is reported already; a claim left behind only means the scheduled scan decides later
                }
            }
            out.add(p.outcome);
        }
        return out;
    }

    private void decideAndApply(List<Pending> toDecide) {
        if (toDecide.isEmpty()) {
            return;
        }
        List<ObjectInfo> objects = new ArrayList<>(toDecide.size());
        for (Pending p : toDecide) {
            objects.add(p.object);
        }
        Plan plan;
        try {
            plan = archiver.plan(ObjectSource.of(objects));
        } catch (RuntimeException ex) {
            for (Pending p : toDecide) {
                p.finish(ObjectOutcome.Status.TEMPORARY_FAILURE, "deciding failed: " + ex, null, null);
            }
            return;
        }
        List<Decision> moves = new ArrayList<>();
        List<Pending> moving = new ArrayList<>();
        for (int i = 0; i < toDecide.size(); i++) {
            Pending p = toDecide.get(i);
            Decision d = plan.decisions().get(i);
            if (!d.object().key().equals(p.key) || !d.object().bucket().equals(p.bucket)) {
                throw new IllegalStateException("plan order differs from input order at " + i + ": " + d.object().location());
            }
            if (!d.moves()) {
                p.finish(ObjectOutcome.Status.KEPT, d.explanation(), d, null);
            } else if (dryRun) {
                p.finish(ObjectOutcome.Status.WOULD_MOVE, "dry run: " + d.explanation(), d, null);
            } else {
                moves.add(d);
                moving.add(p);
            }
        }
        if (moves.isEmpty()) {
            return;
        }
        RecordingJournal recording = new RecordingJournal(journal);
        try {
            archiver.apply(new Plan(plan.header(), moves), recording);
        } catch (ArchiverException ex) {
            // interrupted or the journal failed: whatever was recorded is reported, the rest is retried
            for (Pending p : moving) {
                p.finish(ObjectOutcome.Status.TEMPORARY_FAILURE, "apply stopped: " + ex.getMessage(), null, null);
            }
        }
        for (int i = 0; i < moving.size(); i++) {
            Pending p = moving.get(i);
            Decision d = moves.get(i);
            ObjectInfo o = d.object();
            TransitionRequest request = new TransitionRequest(o.bucket(), o.key(), o.versionId(),
                    o.eTag() == null || o.eTag().isBlank() ? "\"\"" : o.eTag(), o.size(), o.storageClass(), d.target());
            TransitionResult r = recording.recorded(request);
            if (r == null) {
                if (p.outcome == null) {
                    p.finish(ObjectOutcome.Status.SKIPPED, "already moved to " + d.target() + " (journal)", d, null);
                }
                continue;
            }
            p.finish(statusOf(r.status()), r.status() + ": " + r.detail(), d, r);
        }
    }

    private static ObjectOutcome.Status statusOf(TransitionStatus s) {
        switch (s) {
            case APPLIED:
                return ObjectOutcome.Status.MOVED;
            case NOT_FOUND:
                return ObjectOutcome.Status.NOT_FOUND;
            case RETRYABLE:
                return ObjectOutcome.Status.TEMPORARY_FAILURE;
            case FAILED:
                return ObjectOutcome.Status.PERMANENT_FAILURE;
            default:
                return ObjectOutcome.Status.SKIPPED;
        }
    }

    private static ObjectOutcome.Status failureStatus(ArchiverException ex) {
        Throwable cause = ex.getCause();
        if (cause == null) {
            return ObjectOutcome.Status.PERMANENT_FAILURE;
        }
        TransitionStatus s = S3Outcomes.status(cause);
        if (s == TransitionStatus.RETRYABLE) {
            return ObjectOutcome.Status.TEMPORARY_FAILURE;
        }
        return s == TransitionStatus.NOT_FOUND ? ObjectOutcome.Status.NOT_FOUND : ObjectOutcome.Status.PERMANENT_FAILURE;
    }

    /** Passes through to a journal and remembers what this apply recorded. */
    private static final class RecordingJournal implements ApplyJournal {
        private final ApplyJournal delegate;
        private final Map<TransitionRequest, TransitionResult> recorded = new HashMap<>();

        RecordingJournal(ApplyJournal delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TransitionResult> settled(TransitionRequest request) {
            return delegate.settled(request);
        }

        @Override
        public void record(TransitionResult result) {
            delegate.record(result);
            recorded.put(result.request(), result);
        }

        TransitionResult recorded(TransitionRequest request) {
            return recorded.get(request);
        }

        @Override
        public void close() {
        }
    }

    /** Builds an {@link S3EventProcessor}. */
    public static final class Builder {
        private final S3Client s3;
        private final Archiver archiver;
        private boolean dryRun = true;
        private DedupeStore dedupe = DedupeStore.inMemory(100_000);
        private ApplyJournal journal = ApplyJournal.inMemory();

        private Builder(S3Client s3, Archiver archiver) {
            this.s3 = Objects.requireNonNull(s3, "s3");
            this.archiver = Objects.requireNonNull(archiver, "archiver");
        }

        /** Decide only (the default: {@code true}), or decide and move. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Where claimed sequencers live (default: in memory, 100,000 keys). */
        public Builder dedupe(DedupeStore dedupe) {
            this.dedupe = Objects.requireNonNull(dedupe, "dedupe");
            return this;
        }

        /** The apply journal (default: in memory, for the life of the processor). */
        public Builder journal(ApplyJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        public S3EventProcessor build() {
            return new S3EventProcessor(this);
        }
    }
}
