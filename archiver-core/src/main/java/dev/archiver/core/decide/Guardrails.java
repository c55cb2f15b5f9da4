package dev.archiver.core.decide;

import dev.archiver.core.object.StorageClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The limits every decision respects, whatever the cost model says.
 *
 * <pre>{@code
 * Guardrails g = Guardrails.builder()
 *         .allowedClasses(EnumSet.of(StorageClass.STANDARD, StorageClass.STANDARD_IA, StorageClass.GLACIER_IR))
 *         .minimumSizeBytes(128 * 1024)
 *         .minimumAge(Duration.ofDays(7))
 *         .excludePrefix("legal-hold/")
 *         .excludeTag("archiver", "skip")
 *         .build();
 * }</pre>
 *
 * Defaults: the classes with millisecond first-byte latency and multi-AZ resilience (STANDARD,
 * INTELLIGENT_TIERING, STANDARD_IA, GLACIER_IR — ONEZONE_IA stores one copy in one Availability
 * Zone, and GLACIER/DEEP_ARCHIVE need hours-long restores, so all three are opt-in); no minimum size
 * or age; nothing excluded; a move must save more than 10% of the cost of keeping.
 *
 * @param allowedClasses   classes a decision may move an object to
 * @param minimumSizeBytes objects smaller than this are kept
 * @param minimumAge       objects younger than this (by LastModified) are kept
 * @param excludedPrefixes objects whose key starts with one of these are kept
 * @param excludedTags     objects with one of these tags are kept; a value of {@code "*"} matches any value
 * @param marginFraction   hysteresis: a move must save more than this fraction of the cost of keeping
 * @param minimumSaving    hysteresis: a move must also save more than this amount (currency units, over the horizon)
 */
public record Guardrails(Set<StorageClass> allowedClasses, long minimumSizeBytes, Duration minimumAge,
                         List<String> excludedPrefixes, Map<String, String> excludedTags,
                         double marginFraction, double minimumSaving) {
    /** The value of an excluded tag that matches any value. */
    public static final String ANY_VALUE = "*";

    public Guardrails {
        allowedClasses = Set.copyOf(allowedClasses);
        excludedPrefixes = List.copyOf(excludedPrefixes);
        excludedTags = Map.copyOf(excludedTags);
        Objects.requireNonNull(minimumAge, "minimumAge");
    }

    /** The defaults described above. */
    public static Guardrails defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when {@code key} starts with an excluded prefix. */
    public boolean excludesKey(String key) {
        for (String p : excludedPrefixes) {
            if (key.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The first excluded tag among {@code tags}, as {@code key=value}, or {@code null}. */
    public String excludedTagIn(Map<String, String> tags) {
        if (excludedTags.isEmpty() || tags.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, String> e : excludedTags.entrySet()) {
            String v = tags.get(e.getKey());
            if (v != null && (ANY_VALUE.equals(e.getValue()) || e.getValue().equals(v))) {
                return e.getKey() + "=" + v;
            }
        }
        return null;
    }

    /** Builds {@link Guardrails}; every setter validates at once. */
    public static final class Builder {
        private Set<StorageClass> allowed = EnumSet.of(StorageClass.STANDARD, StorageClass.INTELLIGENT_TIERING,
                StorageClass.STANDARD_IA, StorageClass.GLACIER_IR);
        private long minimumSizeBytes;
        private Duration minimumAge = Duration.ZERO;
        private final List<String> prefixes = new ArrayList<>();
        private final Map<String, String> tags = new LinkedHashMap<>();
        private double marginFraction = 0.10;
        private double minimumSaving;

        private Builder() {
        }

        /** Classes a decision may move objects to. @throws IllegalArgumentException when empty */
        public Builder allowedClasses(Set<StorageClass> classes) {
            if (classes == null || classes.isEmpty()) {
                throw new IllegalArgumentException("allowedClasses must name at least one storage class");
            }
            this.allowed = EnumSet.copyOf(classes);
            return this;
        }

        /** Also allows GLACIER and DEEP_ARCHIVE, whose reads wait hours for a restore. */
        public Builder allowArchiveClasses() {
            EnumSet<StorageClass> s = EnumSet.copyOf(allowed);
            s.add(StorageClass.GLACIER);
            s.add(StorageClass.DEEP_ARCHIVE);
            this.allowed = s;
            return this;
        }

        /** @throws IllegalArgumentException when negative */
        public Builder minimumSizeBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("minimumSizeBytes must be >= 0, was " + bytes);
            }
            this.minimumSizeBytes = bytes;
            return this;
        }

        /** @throws IllegalArgumentException when negative */
        public Builder minimumAge(Duration age) {
            if (age == null || age.isNegative()) {
                throw new IllegalArgumentException("minimumAge must be >= 0, was " + age);
            }
            this.minimumAge = age;
            return this;
        }

        /** Keeps every object whose key starts with {@code prefix}. @throws IllegalArgumentException when empty */
        public Builder excludePrefix(String prefix) {
            if (prefix == null || prefix.isEmpty()) {
                throw new IllegalArgumentException("an excluded prefix must not be empty (it would exclude every object)");
            }
            prefixes.add(prefix);
            return this;
        }

        /** Keeps every object tagged {@code key=value}; {@code value} {@code "*"} matches any value. */
        public Builder excludeTag(String key, String value) {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("an excluded tag key must not be empty");
            }
            tags.put(key, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @throws IllegalArgumentException unless 0 <= fraction < 1 */
        public Builder marginFraction(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("marginFraction must be in [0, 1), was " + fraction);
            }
            this.marginFraction = fraction;
            return this;
        }

        /** @throws IllegalArgumentException when negative or not finite */
        public Builder minimumSaving(double amount) {
            if (!(amount >= 0) || Double.isInfinite(amount)) {
                throw new IllegalArgumentException("minimumSaving must be a finite amount >= 0, was " + amount);
            }
            this.minimumSaving = amount;
            return this;
        }

        public Guardrails build() {
            return new Guardrails(allowed, minimumSizeBytes, minimumAge, prefixes, tags, marginFraction, minimumSaving);
        }
    }
}
