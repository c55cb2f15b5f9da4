package dev.archiver.aws.s3;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.StorageClass;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.Transition;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bucket lifecycle rules that {@link S3TagTransitioner}'s tags rely on: one rule per target
 * class, {@code archiver-class-<CLASS>}, filtered on the tag {@code archiver-class=<CLASS>}, that
 * transitions tagged objects to {@code CLASS}. PutBucketLifecycleConfiguration replaces a
 * bucket's whole configuration, so the rules are always <em>merged</em> into the existing ones:
 * every rule already on the bucket is kept as it is (ours are replaced by id, never removed).
 *
 * <pre>{@code
 * List<LifecycleRule> now = LifecycleRules.install(s3, "my-bucket",
 *         EnumSet.of(StorageClass.STANDARD_IA, StorageClass.GLACIER_IR), LifecycleRules.DEFAULT_TAG_KEY, 0);
 * }</pre>
 */
public final class LifecycleRules {
    /** The tag key {@link S3TagTransitioner} sets by default. */
    public static final String DEFAULT_TAG_KEY = "archiver-class";
    /** S3's limit of rules per bucket. */
    public static final int MAX_RULES = 1000;

    private LifecycleRules() {
    }

    /** The id of the rule for {@code target}. */
    public static String ruleId(String tagKey, StorageClass target) {
        return tagKey + "-" + target.name();
    }

    /**
     * One rule: objects tagged {@code tagKey=TARGET} move to {@code target} {@code days} days after
     * creation (0: at the next lifecycle run).
     *
     * @throws IllegalArgumentException when {@code target} is STANDARD (no rule can move there) or {@code days} is negative
     */
    public static LifecycleRule rule(String tagKey, StorageClass target, int days) {
        checkTagKey(tagKey);
        if (target == StorageClass.STANDARD) {
            throw new IllegalArgumentException("no lifecycle rule can transition to STANDARD");
        }
        if (days < 0) {
            throw new IllegalArgumentException("days must be >= 0, was " + days);
        }
        return LifecycleRule.builder()
                .id(ruleId(tagKey, target))
                .status(ExpirationStatus.ENABLED)
                .filter(f -> f.tag(t -> t.key(tagKey).value(target.name())))
                .transitions(Transition.builder().days(days).storageClass(TransitionStorageClass.fromValue(target.name())).build())
                .build();
    }

    /**
     * The bucket's rules with ours for {@code targets} merged in: every existing rule kept in its
     * place, a rule of ours with the same id replaced, new ones appended.
     *
     * @param iaDays days for STANDARD_IA / ONEZONE_IA rules (0 since S3 dropped the 30-day minimum in
     *               2026-07; 30 for an endpoint that still enforces it); other classes use 0
     * @throws ArchiverException when the result would exceed S3's 1,000 rules
     */
    public static List<LifecycleRule> merge(List<LifecycleRule> existing, Set<StorageClass> targets, String tagKey, int iaDays) {
        Map<String, LifecycleRule> byId = new LinkedHashMap<>();
        List<LifecycleRule> anonymous = new ArrayList<>();
        for (LifecycleRule r : existing) {
            if (r.id() == null) {
                anonymous.add(r);
            } else {
                byId.put(r.id(), r);
            }
        }
        for (StorageClass c : targets) {
            boolean ia = c == StorageClass.STANDARD_IA || c == StorageClass.ONEZONE_IA;
            LifecycleRule ours = rule(tagKey, c, ia ? iaDays : 0);
            byId.put(ours.id(), ours);
        }
        List<LifecycleRule> merged = new ArrayList<>(anonymous);
        merged.addAll(byId.values());
        if (merged.size() > MAX_RULES) {
            throw new ArchiverException("lifecycle configuration would have " + merged.size() + " rules, over S3's " + MAX_RULES);
        }
        return merged;
    }

    /**
     * Reads the bucket's lifecycle configuration, merges ours in ({@link #merge}) and writes it back.
     *
     * @return the rules now on the bucket
     * @throws ArchiverException when S3 refuses, naming the bucket and S3's error code
     */
    public static List<LifecycleRule> install(S3Client s3, String bucket, Set<StorageClass> targets, String tagKey, int iaDays) {
        List<LifecycleRule> existing;
        try {
            existing = s3.getBucketLifecycleConfiguration(g -> g.bucket(bucket)).rules();
        } catch (AwsServiceException e) {
            if (!"NoSuchLifecycleConfiguration".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
                throw new ArchiverException("reading the lifecycle rules of " + bucket + " failed: " + S3Outcomes.describe(e), e);
            }
            existing = List.of();
        } catch (SdkException e) {
            throw new ArchiverException("reading the lifecycle rules of " + bucket + " failed: " + S3Outcomes.describe(e), e);
        }
        List<LifecycleRule> merged = merge(existing, targets, tagKey, iaDays);
        try {
            s3.putBucketLifecycleConfiguration(p -> p.bucket(bucket).lifecycleConfiguration(c -> c.rules(merged)));
        } catch (SdkException e) {
            throw new ArchiverException("writing the lifecycle rules of " + bucket + " failed: " + S3Outcomes.describe(e), e);
        }
        return merged;
    }

    static String checkTagKey(String key) {
        if (key == null || key.isBlank() || key.length() > 128 || key.startsWith("aws:")) {
            throw new IllegalArgumentException("tag key must be 1..128 characters and not start with 'aws:', was '" + key + "'");
        }
        return key;
    }
}
