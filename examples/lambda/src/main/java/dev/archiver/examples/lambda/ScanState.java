package dev.archiver.examples.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.archiver.aws.s3.S3Outcomes;
import dev.archiver.core.ArchiverException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The scheduled scan's two state objects in S3, both written only with conditional puts
 * ({@code If-None-Match: *} when absent, {@code If-Match: <ETag read>} otherwise), so a writer
 * that lost a race learns it (412) instead of overwriting:
 * <ul>
 *   <li>{@code lease.json} — {@code {"owner","expiresAt"}}: who may scan until when;</li>
 *   <li>{@code checkpoint.json} — {@code {"pass","passStartedAt","startAfter","inventory","position","done","finishedAt","decided","moved"}}:
 *       where the current pass stands.</li>
 * </ul>
 */
final class ScanState {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;
    private final String leaseKey;
    private final String checkpointKey;

    ScanState(S3Client s3, String bucket, String folder) {
        this.s3 = s3;
        this.bucket = bucket;
        this.leaseKey = folder + "lease.json";
        this.checkpointKey = folder + "checkpoint.json";
    }

    /** A stored JSON document and the ETag it was read with (null when absent). */
    record Versioned(JsonNode json, String eTag) {
    }

    /**
     * Where a pass stands: listing after {@code startAfter}, or, when {@code inventory} names the
     * S3 Inventory manifest the pass reads, {@code position} objects into it.
     */
    record Checkpoint(long pass, Instant passStartedAt, String startAfter, String inventory, long position, boolean done,
                      Instant finishedAt, long decided, long moved) {
        /** A new pass starting now. */
        static Checkpoint start(long pass, Instant now, String inventory) {
            return new Checkpoint(pass, now, null, inventory, 0, false, null, 0, 0);
        }

        /** This pass after a chunk ending at {@code lastKey}. */
        Checkpoint advance(String lastKey, int objects, long decidedNow, long movedNow) {
            return new Checkpoint(pass, passStartedAt, lastKey, inventory, position + objects, false, null,
                    decided + decidedNow, moved + movedNow);
        }

        /** This pass, finished at {@code now}. */
        Checkpoint finish(Instant now) {
            return new Checkpoint(pass, passStartedAt, startAfter, inventory, position, true, now, decided, moved);
        }

        JsonNode toJson() {
            ObjectNode n = JSON.createObjectNode();
            n.put("pass", pass).put("passStartedAt", passStartedAt.toString());
            if (startAfter != null) {
                n.put("startAfter", startAfter);
            }
            if (inventory != null) {
                n.put("inventory", inventory);
            }
            n.put("position", position).put("done", done);
            if (finishedAt != null) {
                n.put("finishedAt", finishedAt.toString());
            }
            n.put("decided", decided).put("moved", moved);
            return n;
        }

        static Checkpoint fromJson(JsonNode n, String where) {
            try {
                return new Checkpoint(n.path("pass").asLong(), Instant.parse(n.path("passStartedAt").asText()),
                        n.hasNonNull("startAfter") ? n.get("startAfter").asText() : null,
                        n.hasNonNull("inventory") ? n.get("inventory").asText() : null, n.path("position").asLong(),
                        n.path("done").asBoolean(), n.hasNonNull("finishedAt") ? Instant.parse(n.get("finishedAt").asText()) : null,
                        n.path("decided").asLong(), n.path("moved").asLong());
            } catch (RuntimeException e) {
                throw new ArchiverException(where + ": field passStartedAt/finishedAt is not an ISO-8601 instant: " + e.getMessage(), e);
            }
        }
    }

    String checkpointUri() {
        return "s3://" + bucket + "/" + checkpointKey;
    }

    Versioned readLease() {
        return read(leaseKey);
    }

    Versioned readCheckpoint() {
        return read(checkpointKey);
    }

    /** Writes the lease; the new ETag, or null when another writer got there first. */
    String writeLease(String owner, Instant expiresAt, String ifMatch) {
        ObjectNode n = JSON.createObjectNode().put("owner", owner).put("expiresAt", expiresAt.toString());
        return write(leaseKey, n, ifMatch);
    }

    /** Writes the checkpoint; the new ETag, or null when another writer got there first. */
    String writeCheckpoint(Checkpoint c, String ifMatch) {
        return write(checkpointKey, c.toJson(), ifMatch);
    }

    private Versioned read(String key) {
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(g -> g.bucket(bucket).key(key));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return new Versioned(null, null);
            }
            throw new ArchiverException("GetObject s3://" + bucket + "/" + key + " failed: " + S3Outcomes.describe(e), e);
        } catch (SdkException e) {
            throw new ArchiverException("GetObject s3://" + bucket + "/" + key + " failed: " + S3Outcomes.describe(e), e);
        }
        try {
            return new Versioned(JSON.readTree(bytes.asByteArrayUnsafe()), bytes.response().eTag());
        } catch (IOException e) {
            throw new ArchiverException("s3://" + bucket + "/" + key + ": not JSON: " + e.getMessage(), e);
        }
    }

    private String write(String key, JsonNode body, String ifMatch) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json");
        if (ifMatch == null) {
            put.ifNoneMatch("*");
        } else {
            put.ifMatch(ifMatch);
        }
        try {
            PutObjectResponse r = s3.putObject(put.build(), RequestBody.fromString(body.toString(), StandardCharsets.UTF_8));
            return r.eTag();
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return null;
            }
            throw new ArchiverException("PutObject s3://" + bucket + "/" + key + " failed: " + S3Outcomes.describe(e), e);
        } catch (SdkException e) {
            throw new ArchiverException("PutObject s3://" + bucket + "/" + key + " failed: " + S3Outcomes.describe(e), e);
        }
    }
}
