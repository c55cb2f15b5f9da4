package dev.archiver.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.archiver.aws.events.ObjectOutcome;
import dev.archiver.aws.s3.S3InventoryFiles;
import dev.archiver.aws.s3.S3ObjectSource;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.inventory.InventoryReader;
import dev.archiver.core.object.ObjectInfo;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lambda handler for an EventBridge schedule: the periodic re-evaluation that an upload-time event
 * cannot give (a new object is young; most decisions come later). Each invocation lists
 * {@code ARCHIVER_SCAN_BUCKET}/{@code ARCHIVER_SCAN_PREFIX} from where the last one stopped, decides
 * (or, with {@code ARCHIVER_SCAN_INVENTORY}, streams the latest S3 Inventory report) and applies chunk by chunk ({@code ARCHIVER_SCAN_CHUNK} objects) while the invocation has more
 * than {@code ARCHIVER_SCAN_RESERVE_MS} left, and checkpoints after every chunk in
 * {@code ARCHIVER_STATE}. When the listing ends the pass is done; the next pass starts
 * {@code ARCHIVER_SCAN_INTERVAL_HOURS} after the last one started.
 *
 * <pre>{@code
 * Handler: dev.archiver.examples.lambda.ScheduledScanHandler::handleRequest
 * Response: {"status":"SCANNED|FINISHED|IDLE|LEASE_HELD|LEASE_LOST","pass":3,"decided":500,"moved":41,"startAfter":"logs/…"}
 * }</pre>
 *
 * <p><b>Two overlapping invocations never apply the same object twice.</b> Before scanning, an
 * invocation takes a lease ({@code lease.json}, a conditional put) that expires only after its own
 * deadline (now + remaining time + 5 s), so no other invocation can take over while it may still be
 * running; it checks the lease is still its own before applying each chunk, and every checkpoint
 * write is conditional on the checkpoint it read. A second invocation that finds the lease held
 * returns {@code LEASE_HELD} at once. A crash between applying a chunk and checkpointing it repeats
 * that chunk's decisions on the next run: each object is then listed in the class it is in now, and
 * every copy is conditional on the listed ETag.
 *
 * <p>Position is kept as the last key done ({@code start-after}), not a continuation token: a
 * token can only resume at a page boundary, a key resumes mid-page. In an inventory pass it is the
 * number of objects done in that report; the report's rows are streamed again up to there (no
 * decision is spent on them). An inventory is eventually consistent: every copy still checks the
 * object's ETag first, so an object changed since the report is skipped, never overwritten. A new
 * inventory pass starts only when a newer report exists.
 */
public final class ScheduledScanHandler implements RequestStreamHandler {
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final HandlerRuntime rt;

    /** For Lambda: settings from the environment, clients built once here. */
    public ScheduledScanHandler() {
        this(HandlerRuntime.fromEnvironment("scan", null, System.getenv(), ScheduledScanHandler::check, Clock.systemUTC(), System.out));
    }

    /**
     * With injected clients (tests, host applications): {@code out} receives logs and metrics.
     *
     * @throws ArchiverException when ARCHIVER_SCAN_BUCKET or ARCHIVER_STATE is not set
     */
    public ScheduledScanHandler(S3Client s3, HandlerConfig config, Clock clock, PrintStream out) {
        this(checked(config, s3, clock, out));
    }

    /** With the runtime built already ({@link HandlerRuntime#fromEnvironment}: Lambda, the local runner). */
    ScheduledScanHandler(HandlerRuntime rt) {
        this.rt = rt;
    }

    private static HandlerRuntime checked(HandlerConfig config, S3Client s3, Clock clock, PrintStream out) {
        check(config);
        return new HandlerRuntime("scan", s3, config, clock, out);
    }

    /** What the scan needs besides the common settings. */
    static void check(HandlerConfig config) {
        if (config.scanBucket() == null && config.scanInventory() == null) {
            throw new ArchiverException("ScheduledScanHandler needs ARCHIVER_SCAN_BUCKET (the bucket to list) "
                    + "or ARCHIVER_SCAN_INVENTORY (s3://…/source-bucket/config-id/ of its S3 Inventory)");
        }
        if (config.state() == null) {
            throw new ArchiverException("ScheduledScanHandler needs ARCHIVER_STATE=s3://bucket/prefix/ for its checkpoint and lease");
        }
    }

    /** What one invocation did. */
    public record ScanResult(String status, long pass, long decided, long moved, String startAfter) {
        JsonNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode().put("status", status).put("pass", pass).put("decided", decided).put("moved", moved);
            if (startAfter != null) {
                n.put("startAfter", startAfter);
            }
            return n;
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes(); // the scheduled event carries nothing the scan needs
        ScanResult r = scan(context.getAwsRequestId(), context::getRemainingTimeInMillis);
        output.write(r.toJson().toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Scans while {@code remainingMillis} says there is time.
     *
     * @param owner           this invocation's id (the request id), written into the lease
     * @param remainingMillis the invocation's remaining time, as Lambda's {@code Context} reports it
     */
    public ScanResult scan(String owner, LongSupplier remainingMillis) {
        HandlerConfig c = rt.config;
        String what = c.scanInventory() != null ? "inventory-" + sha256(c.scanInventory().uri()).substring(0, 16)
                : c.scanBucket();
        ScanState state = new ScanState(rt.s3, c.state().bucket(), c.state().key("scan/" + what + "/"
                + (c.scanPrefix() == null ? "all" : "prefix-" + sha256(c.scanPrefix()).substring(0, 16)) + "/"));
        Instant now = rt.clock.instant();
        ScanState.Versioned lease = state.readLease();
        if (lease.json() != null && !owner.equals(lease.json().path("owner").asText())
                && Instant.parse(lease.json().path("expiresAt").asText()).isAfter(now)) {
            return new ScanResult("LEASE_HELD", 0, 0, 0, null);
        }
        String leaseETag = state.writeLease(owner, now.plusMillis(remainingMillis.getAsLong()).plus(CLOCK_SKEW), lease.eTag());
        if (leaseETag == null) {
            return new ScanResult("LEASE_HELD", 0, 0, 0, null);
        }
        try {
            return scanHoldingLease(state, owner, leaseETag, remainingMillis);
        } finally {
            // Give the lease back so the next scheduled invocation need not wait for the deadline.
            ScanState.Versioned mine = state.readLease();
            if (leaseETag.equals(mine.eTag())) {
                state.writeLease(owner, rt.clock.instant(), leaseETag);
            }
        }
    }

    private ScanResult scanHoldingLease(ScanState state, String owner, String leaseETag, LongSupplier remainingMillis) {
        HandlerConfig c = rt.config;
        Instant now = rt.clock.instant();
        ScanState.Versioned stored = state.readCheckpoint();
        String cpETag = stored.eTag();
        ScanState.Checkpoint cp;
        if (stored.json() == null) {
            cp = ScanState.Checkpoint.start(1, now, c.scanInventory() == null ? null : latestInventory());
        } else {
            cp = ScanState.Checkpoint.fromJson(stored.json(), state.checkpointUri());
            if (cp.done()) {
                if (now.isBefore(cp.passStartedAt().plus(Duration.ofHours(c.scanIntervalHours())))) {
                    return new ScanResult("IDLE", cp.pass(), 0, 0, null);
                }
                String inventory = c.scanInventory() == null ? null : latestInventory();
                if (inventory != null && inventory.equals(cp.inventory())) {
                    return new ScanResult("IDLE", cp.pass(), 0, 0, null); // no newer report since the last pass
                }
                cp = ScanState.Checkpoint.start(cp.pass() + 1, now, inventory);
            }
        }
        long decided = 0;
        long moved = 0;
        try (Chunks chunks = cp.inventory() != null ? new InventoryChunks(cp) : new ListingChunks(cp)) {
            while (remainingMillis.getAsLong() > c.scanReserveMillis()) {
                List<ObjectInfo> chunk = chunks.next(c.scanChunk());
                if (chunk.isEmpty()) {
                    cp = cp.finish(rt.clock.instant());
                    if (state.writeCheckpoint(cp, cpETag) == null) {
                        return new ScanResult("LEASE_LOST", cp.pass(), decided, moved, cp.startAfter());
                    }
                    return new ScanResult("FINISHED", cp.pass(), decided, moved, cp.startAfter());
                }
                if (!leaseETag.equals(state.readLease().eTag())) {
                    return new ScanResult("LEASE_LOST", cp.pass(), decided, moved, cp.startAfter());
                }
                List<ObjectOutcome> outcomes = rt.processor.processListed(chunk);
                Reporter.Totals t = rt.reporter.report(owner, outcomes, List.of(), rt.header(), rt.predictor.takeNanos());
                decided += t.decisions();
                moved += t.moved();
                cp = cp.advance(chunk.get(chunk.size() - 1).key(), chunk.size(), t.decisions(), t.moved());
                cpETag = state.writeCheckpoint(cp, cpETag);
                if (cpETag == null) {
                    return new ScanResult("LEASE_LOST", cp.pass(), decided, moved, cp.startAfter());
                }
            }
        }
        return new ScanResult("SCANNED", cp.pass(), decided, moved, cp.startAfter());
    }

    /** The objects of a pass, a chunk at a time, from where its checkpoint stands. */
    private interface Chunks extends AutoCloseable {
        List<ObjectInfo> next(int n);

        @Override
        void close();
    }

    /** ListObjectsV2 from {@code start-after}: one listing per chunk, so nothing stays open between chunks. */
    private final class ListingChunks implements Chunks {
        private String startAfter;

        ListingChunks(ScanState.Checkpoint cp) {
            this.startAfter = cp.startAfter();
        }

        @Override
        public List<ObjectInfo> next(int n) {
            HandlerConfig c = rt.config;
            try (Stream<ObjectInfo> listed = S3ObjectSource.builder(rt.s3, c.scanBucket()).prefix(c.scanPrefix())
                    .startAfter(startAfter).pageSize(Math.min(1000, n)).build().objects()) {
                List<ObjectInfo> chunk = listed.limit(n).collect(Collectors.toList());
                if (!chunk.isEmpty()) {
                    startAfter = chunk.get(chunk.size() - 1).key();
                }
                return chunk;
            }
        }

        @Override
        public void close() {
        }
    }

    /** The rows of one S3 Inventory report, streamed, resumed by skipping the objects already done. */
    private final class InventoryChunks implements Chunks {
        private final Stream<ObjectInfo> stream;
        private final java.util.Iterator<ObjectInfo> rows;

        InventoryChunks(ScanState.Checkpoint cp) {
            InventoryReader reader = InventoryReader.of(S3InventoryFiles.of(rt.s3, cp.inventory()));
            Stream<ObjectInfo> objects = reader.objects();
            String prefix = rt.config.scanPrefix();
            if (prefix != null) {
                objects = objects.filter(o -> o.key().startsWith(prefix));
            }
            this.stream = objects.skip(cp.position());
            this.rows = stream.iterator();
        }

        @Override
        public List<ObjectInfo> next(int n) {
            List<ObjectInfo> chunk = new ArrayList<>(n);
            while (chunk.size() < n && rows.hasNext()) {
                chunk.add(rows.next());
            }
            return chunk;
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    /**
     * The {@code manifest.json} of the newest report under {@code ARCHIVER_SCAN_INVENTORY}
     * ({@code …/config-id/YYYY-MM-DDTHH-MMZ/manifest.json}).
     *
     * @throws ArchiverException when there is none
     */
    private String latestInventory() {
        HandlerConfig.S3Location at = rt.config.scanInventory();
        String folder = at.prefix().isEmpty() || at.prefix().endsWith("/") ? at.prefix() : at.prefix() + "/";
        String latest = null;
        for (software.amazon.awssdk.services.s3.model.CommonPrefix p : rt.s3.listObjectsV2Paginator(
                l -> l.bucket(at.bucket()).prefix(folder).delimiter("/")).commonPrefixes()) {
            String name = p.prefix().substring(folder.length());
            if (name.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}Z/") && (latest == null || name.compareTo(latest) > 0)) {
                latest = name;
            }
        }
        if (latest == null) {
            throw new ArchiverException("ARCHIVER_SCAN_INVENTORY: no report (YYYY-MM-DDTHH-MMZ/manifest.json) under s3://"
                    + at.bucket() + "/" + folder);
        }
        return "s3://" + at.bucket() + "/" + folder + latest + "manifest.json";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
