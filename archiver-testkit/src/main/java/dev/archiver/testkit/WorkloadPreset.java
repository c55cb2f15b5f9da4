package dev.archiver.testkit;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Named cohort mixes of the {@link WorkloadGenerator}, for measurements that compare policies across kinds of
 * bucket rather than on one mix.
 *
 * <pre>{@code
 * Workload w = WorkloadPreset.ARCHIVE_HEAVY.apply(WorkloadGenerator.builder()).objects(10_000).days(730).seed(9)
 *         .build().generate();
 * WorkloadPreset p = WorkloadPreset.parse("logs-heavy");
 * }</pre>
 */
public enum WorkloadPreset {
    /** The generator's default mix (logs 30%, analytics 20%, thumbnails 20%, media 15%, datasets 10%, backups 5%). */
    MIXED("mixed", Map.of()),
    /** A log bucket: logs 70%, analytics 30%. */
    LOGS_HEAVY("logs-heavy", Map.of(Cohort.LOGS, 0.7, Cohort.ANALYTICS, 0.3)),
    /** A media site: media 50%, thumbnails 50%. */
    MEDIA_HEAVY("media-heavy", Map.of(Cohort.MEDIA, 0.5, Cohort.THUMBNAILS, 0.5)),
    /** Cold data: backups 50%, datasets 50%. */
    ARCHIVE_HEAVY("archive-heavy", Map.of(Cohort.BACKUPS, 0.5, Cohort.DATASETS, 0.5));

    private final String id;
    private final Map<Cohort, Double> weights;

    WorkloadPreset(String id, Map<Cohort, Double> weights) {
        this.id = id;
        this.weights = weights;
    }

    /** The preset's name as {@code archiver generate-trace --preset} spells it. */
    public String id() {
        return id;
    }

    /** Sets the preset's cohort weights on {@code builder} (MIXED leaves the defaults) and returns it. */
    public WorkloadGenerator.Builder apply(WorkloadGenerator.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        if (!weights.isEmpty()) {
            builder.weights(new EnumMap<>(weights));
        }
        return builder;
    }

    /** @throws IllegalArgumentException naming the value when it is not a preset's id */
    public static WorkloadPreset parse(String id) {
        for (WorkloadPreset p : values()) {
            if (p.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + id + "' (expected mixed, logs-heavy, media-heavy or archive-heavy)");
    }
}
