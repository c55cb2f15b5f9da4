package dev.archiver.aws.events;

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
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;

/**
 * {@link DedupeStore#s3}: {@code prefix + sha256(bucket/key) + ".json"} holds
 * {@code {"bucket","key","sequencer","released","at"}}; every write is conditional on what was
 * read, so two concurrent claims cannot both win.
 */
final class S3DedupeStore implements DedupeStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RACES = 8;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Clock clock;

    S3DedupeStore(S3Client s3, String bucket, String prefix, Clock clock) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("state bucket must not be blank");
        }
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Claim claim(String objectBucket, String key, String sequencer) {
        String stateKey = stateKey(objectBucket, key);
        for (int race = 0; race < MAX_RACES; race++) {
            Stored stored = read(stateKey);
            Claim c = DedupeState.judge(stored == null ? null : stored.sequencer, stored != null && stored.released, sequencer);
            if (c != Claim.NEW) {
                return c;
            }
            if (write(stateKey, objectBucket, key, sequencer, false, stored == null ? null : stored.eTag)) {
                return Claim.NEW;
            }
        }
        throw new ArchiverException("s3://" + bucket + "/" + stateKey + ": lost " + MAX_RACES
                + " conditional writes in a row claiming " + objectBucket + "/" + key);
    }

    @Override
    public void release(String objectBucket, String key, String sequencer) {
        String stateKey = stateKey(objectBucket, key);
        for (int race = 0; race < MAX_RACES; race++) {
            Stored stored = read(stateKey);
            if (stored == null || !stored.sequencer.equals(sequencer) || stored.released) {
                return;
            }
            if (write(stateKey, objectBucket, key, sequencer, true, stored.eTag)) {
                return;
            }
        }
    }

    private record Stored(String sequencer, boolean released, String eTag) {
    }

    private Stored read(String stateKey) {
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(g -> g.bucket(bucket).key(stateKey));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw new ArchiverException("GetObject s3://" + bucket + "/" + stateKey + " failed: " + S3Outcomes.describe(e), e);
        } catch (SdkException e) {
            throw new ArchiverException("GetObject s3://" + bucket + "/" + stateKey + " failed: " + S3Outcomes.describe(e), e);
        }
        try {
            JsonNode n = JSON.readTree(bytes.asByteArrayUnsafe());
            JsonNode seq = n.get("sequencer");
            if (seq == null || !seq.isTextual()) {
                throw new ArchiverException("s3://" + bucket + "/" + stateKey + ": field 'sequencer' missing or not a string");
            }
            return new Stored(seq.asText(), n.path("released").asBoolean(false), bytes.response().eTag());
        } catch (IOException e) {
            throw new ArchiverException("s3://" + bucket + "/" + stateKey + ": not JSON: " + e.getMessage(), e);
        }
    }

    /** True when written; false when another writer got there first (412/409). */
    private boolean write(String stateKey, String objectBucket, String key, String sequencer, boolean released, String ifMatch) {
        ObjectNode n = JSON.createObjectNode();
        n.put("bucket", objectBucket).put("key", key).put("sequencer", sequencer).put("released", released)
                .put("at", clock.instant().toString());
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(stateKey).contentType("application/json");
        if (ifMatch == null) {
            put.ifNoneMatch("*");
        } else {
            put.ifMatch(ifMatch);
        }
        try {
            s3.putObject(put.build(), RequestBody.fromString(n.toString(), StandardCharsets.UTF_8));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw new ArchiverException("PutObject s3://" + bucket + "/" + stateKey + " failed: " + S3Outcomes.describe(e), e);
        } catch (SdkException e) {
            throw new ArchiverException("PutObject s3://" + bucket + "/" + stateKey + " failed: " + S3Outcomes.describe(e), e);
        }
    }

    private String stateKey(String objectBucket, String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((objectBucket + "/" + key).getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(h) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
