package dev.archiver.aws.events;

import dev.archiver.aws.s3.MotoS3;
import dev.archiver.testkit.MotoServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The S3 dedupe store against moto, which honours If-None-Match and If-Match on PutObject. */
class S3DedupeStoreTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();

    private S3Client s3;

    @BeforeEach
    void setUp() {
        s3 = MotoS3.client(MOTO.endpoint());
        s3.createBucket(b -> b.bucket("state"));
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    @Test
    void claim_isSharedBetweenStores_flagsDuplicatesAndOlderEvents_andReleaseAllowsARetry() {
        DedupeStore a = DedupeStore.s3(s3, "state", "dedupe/", Clock.systemUTC());
        DedupeStore b = DedupeStore.s3(s3, "state", "dedupe/", Clock.systemUTC());
        assertEquals(DedupeStore.Claim.NEW, a.claim("photos", "red flower.jpg", "0055AED6DCD90281E5"));
        assertEquals(DedupeStore.Claim.DUPLICATE, b.claim("photos", "red flower.jpg", "0055AED6DCD90281E5"));
        assertEquals(DedupeStore.Claim.OUT_OF_ORDER, b.claim("photos", "red flower.jpg", "0055AED6DCD90281E4"));
        a.release("photos", "red flower.jpg", "0055AED6DCD90281E5");
        assertEquals(DedupeStore.Claim.NEW, b.claim("photos", "red flower.jpg", "0055AED6DCD90281E5"));
        assertEquals(DedupeStore.Claim.NEW, a.claim("photos", "red flower.jpg", "0055AED6DCD90281E6"));
        assertEquals(DedupeStore.Claim.NEW, a.claim("photos", "red+flower.jpg", "0055AED6DCD90281E5"));
    }

    @Test
    void claim_ofOneEventByEightConcurrentStores_isWonExactlyOnce() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<DedupeStore.Claim>> claims = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                DedupeStore store = DedupeStore.s3(s3, "state", "dedupe/", Clock.systemUTC());
                Callable<DedupeStore.Claim> c = () -> {
                    start.await();
                    return store.claim("photos", "k", "0A0B");
                };
                claims.add(pool.submit(c));
            }
            start.countDown();
            int won = 0;
            for (Future<DedupeStore.Claim> f : claims) {
                DedupeStore.Claim c = f.get();
                won += c == DedupeStore.Claim.NEW ? 1 : 0;
                if (c != DedupeStore.Claim.NEW) {
                    assertEquals(DedupeStore.Claim.DUPLICATE, c);
                }
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }
}
