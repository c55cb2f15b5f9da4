package dev.archiver.aws.s3;

import dev.archiver.testkit.MotoServerExtension;
import dev.archiver.testkit.ObjectStoreCompatibilityKit;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 adapter ({@link S3ObjectSource} + {@link S3CopyTransitioner}, default settings) against
 * moto passes the same kit as {@code InMemoryObjectStore}.
 *
 * <p>moto ignores {@code x-amz-copy-source-if-match}; the kit's changed-object tests pass here
 * because the default transitioner checks the ETag with HeadObject first. That S3 receives the
 * condition on every copy is asserted separately, with an interceptor, in {@code S3CopyTransitionerTest}.
 */
class S3ObjectStoreCompatibilityTest extends ObjectStoreCompatibilityKit {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    @Override
    protected Fixture createFixture() {
        S3Client s3 = MotoS3.client(MOTO.endpoint());
        return new MotoFixture(s3, S3CopyTransitioner.builder(s3).build());
    }
}
