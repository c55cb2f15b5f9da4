package dev.archiver.examples;

import dev.archiver.core.Archiver;
import dev.archiver.core.plan.ApplyReport;
import dev.archiver.core.plan.Plan;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.testkit.Content;
import dev.archiver.testkit.InMemoryObjectStore;
import dev.archiver.testkit.MutableClock;

import java.time.Duration;
import java.time.Instant;

/** The README's 30-second sample, compiled and run by {@code QuickstartTest}. */
public final class Quickstart {
    private Quickstart() {
    }

    public static ApplyReport run() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        InMemoryObjectStore bucket = new InMemoryObjectStore(clock);        // or the S3 adapter
        bucket.put("my-bucket", "backups/2026-01-01.dump", Content.synthetic(1, 5L << 30));
        bucket.put("my-bucket", "thumbs/cat_128.jpg", Content.of(new byte[20_000]));
        clock.advance(Duration.ofDays(120));

        Archiver archiver = Archiver.builder()
                .predictor(AccessPredictor.ageRule(30))   // or LogisticModel.load(Path.of("model.json"))
                .transitioner(bucket)
                .clock(clock)
                .build();
        Plan plan = archiver.plan(bucket.source("my-bucket"));   // decides; changes nothing
        plan.decisions().forEach(d -> System.out.println(d.object().key() + ": " + d.explanation()));
        return archiver.apply(plan);                              // conditional copies, journaled
    }

    public static void main(String[] args) {
        System.out.println(run());
    }
}
