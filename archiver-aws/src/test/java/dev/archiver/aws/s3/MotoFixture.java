package dev.archiver.aws.s3;

import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.ObjectSource;
import dev.archiver.core.store.StorageTransitioner;
import dev.archiver.testkit.ObjectStoreCompatibilityKit.Fixture;
import dev.archiver.testkit.ObjectStoreCompatibilityKit.ObjectSpec;
import dev.archiver.testkit.ObjectStoreCompatibilityKit.ObservedObject;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.InvalidObjectStateException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The compatibility kit's fixture over moto: everything it puts and reads back goes through a
 * plain S3Client, never through the code under test.
 */
final class MotoFixture implements Fixture {
    /** Closes the client when the fixture closes. */
    private final S3Client s3;
    private final StorageTransitioner transitioner;
    private final Set<String> versioned = new HashSet<>();
    private int buckets;

    MotoFixture(S3Client s3, StorageTransitioner transitioner) {
        this.s3 = s3;
        this.transitioner = transitioner;
    }

    S3Client s3() {
        return s3;
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String createBucket(boolean versioning) {
        String name = "kit-bucket-" + ++buckets;
        s3.createBucket(b -> b.bucket(name));
        if (versioning) {
            s3.putBucketVersioning(v -> v.bucket(name).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
            versioned.add(name);
        }
        return name;
    }

    @Override
    public void put(String bucket, ObjectSpec o) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(o.key())
                .contentType(o.contentType()).contentEncoding(o.contentEncoding())
                .metadata(o.metadata()).storageClass(o.storageClass().name());
        if (!o.tags().isEmpty()) {
            put.tagging(Tagging.builder().tagSet(o.tags().entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).collect(Collectors.toList())).build());
        }
        s3.putObject(put.build(), RequestBody.fromBytes(o.content()));
    }

    @Override
    public Optional<ObservedObject> read(String bucket, String key, String versionId) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(h -> h.bucket(bucket).key(key).versionId(versionId));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        StorageClass storageClass = StorageClass.fromAwsName(head.storageClassAsString());
        if (storageClass.requiresRestore() && head.restore() == null) {
            // An archived object's bytes are read as on S3: restore a temporary copy first (moto restores at once).
            s3.restoreObject(r -> r.bucket(bucket).key(key).versionId(versionId).restoreRequest(q -> q.days(1)));
        }
        ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(g -> g.bucket(bucket).key(key).versionId(versionId));
        String sha256 = sha256(bytes.asByteArrayUnsafe());
        // moto refuses GetObjectTagging on GLACIER/DEEP_ARCHIVE objects (S3 does not); their tags read as none.
        Map<String, String> tags;
        try {
            tags = s3.getObjectTagging(t -> t.bucket(bucket).key(key).versionId(versionId)).tagSet().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value));
        } catch (InvalidObjectStateException e) {
            // moto refuses GetObjectTagging on GLACIER/DEEP_ARCHIVE objects (S3 does not); their tags read as none.
            tags = Map.of();
        }
        return Optional.of(new ObservedObject(key, head.versionId(), head.contentLength(), sha256, head.eTag(), head.contentType(),
                head.contentEncoding(), head.metadata(), tags, storageClass, head.lastModified()));
    }

    @Override
    public List<String> versionIds(String bucket, String key) {
        return s3.listObjectVersionsPaginator(l -> l.bucket(bucket).prefix(key)).versions().stream()
                .filter(v -> v.key().equals(key))
                .sorted((a, b) -> Boolean.compare(Boolean.TRUE.equals(b.isLatest()), Boolean.TRUE.equals(a.isLatest())) != 0
                        ? Boolean.compare(Boolean.TRUE.equals(b.isLatest()), Boolean.TRUE.equals(a.isLatest()))
                        : b.lastModified().compareTo(a.lastModified()))
                .map(v -> v.versionId()).collect(Collectors.toList());
    }

    @Override
    public ObjectSource source(String bucket) {
        return S3ObjectSource.builder(s3, bucket).versions(versioned.contains(bucket)).build();
    }

    @Override
    public StorageTransitioner transitioner() {
        return transitioner;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
