package dev.archiver.aws.s3;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.StorageClass;
import dev.archiver.testkit.MotoServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleRulesTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    private S3Client s3;

    @BeforeEach
    void setUp() {
        s3 = MotoS3.client(MOTO.endpoint());
        s3.createBucket(b -> b.bucket("lc-bucket"));
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    @Test
    void install_keepsEveryExistingRule_andAddsOnePerTarget() {
        LifecycleRule expireTmp = LifecycleRule.builder().id("expire-tmp").status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix("tmp/")).expiration(e -> e.days(7)).build();
        LifecycleRule logsToIa = LifecycleRule.builder().id("logs-ia").status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix("logs/")).transitions(t -> t.days(30).storageClass("STANDARD_IA")).build();
        s3.putBucketLifecycleConfiguration(p -> p.bucket("lc-bucket").lifecycleConfiguration(c -> c.rules(expireTmp, logsToIa)));

        LifecycleRules.install(s3, "lc-bucket", EnumSet.of(StorageClass.STANDARD_IA, StorageClass.GLACIER_IR), LifecycleRules.DEFAULT_TAG_KEY, 0);

        List<LifecycleRule> now = s3.getBucketLifecycleConfiguration(g -> g.bucket("lc-bucket")).rules();
        assertEquals(List.of("expire-tmp", "logs-ia", "archiver-class-STANDARD_IA", "archiver-class-GLACIER_IR"),
                now.stream().map(LifecycleRule::id).collect(Collectors.toList()));
        assertEquals(7, now.get(0).expiration().days());
        assertEquals("tmp/", now.get(0).filter().prefix());
        LifecycleRule glacierIr = now.get(3);
        assertEquals("archiver-class", glacierIr.filter().tag().key());
        assertEquals("GLACIER_IR", glacierIr.filter().tag().value());
        assertEquals("GLACIER_IR", glacierIr.transitions().get(0).storageClassAsString());
        assertEquals(0, glacierIr.transitions().get(0).days());
    }

    @Test
    void install_isIdempotent_andStartsFromNoConfiguration() {
        LifecycleRules.install(s3, "lc-bucket", EnumSet.of(StorageClass.GLACIER_IR), LifecycleRules.DEFAULT_TAG_KEY, 0);
        LifecycleRules.install(s3, "lc-bucket", EnumSet.of(StorageClass.GLACIER_IR), LifecycleRules.DEFAULT_TAG_KEY, 0);

        assertEquals(1, s3.getBucketLifecycleConfiguration(g -> g.bucket("lc-bucket")).rules().size());
    }

    @Test
    void merge_neverDropsOurOwnRuleForAClassNoLongerTargeted() {
        List<LifecycleRule> first = LifecycleRules.merge(List.of(), EnumSet.of(StorageClass.STANDARD_IA), "archiver-class", 30);

        List<LifecycleRule> second = LifecycleRules.merge(first, EnumSet.of(StorageClass.GLACIER_IR), "archiver-class", 30);

        assertEquals(List.of("archiver-class-STANDARD_IA", "archiver-class-GLACIER_IR"),
                second.stream().map(LifecycleRule::id).collect(Collectors.toList()));
        assertEquals(30, second.get(0).transitions().get(0).days());
    }

    @Test
    void merge_refusesMoreThanAThousandRules() {
        List<LifecycleRule> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(LifecycleRule.builder().id("r" + i).status(ExpirationStatus.ENABLED).filter(f -> f.prefix("p")).build());
        }
        ArchiverException e = assertThrows(ArchiverException.class,
                () -> LifecycleRules.merge(many, EnumSet.of(StorageClass.GLACIER_IR), "archiver-class", 0));
        assertTrue(e.getMessage().contains("1001"), e.getMessage());
    }

    @Test
    void rule_refusesStandardTarget() {
        assertThrows(IllegalArgumentException.class, () -> LifecycleRules.rule("archiver-class", StorageClass.STANDARD, 0));
    }
}
