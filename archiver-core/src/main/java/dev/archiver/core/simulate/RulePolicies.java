package dev.archiver.core.simulate;

import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.object.StorageClass;

import java.util.List;
import java.util.Map;

/** The rule-based peers: never move, lifecycle waterfalls (Intelligent-Tiering is one), the original age rule. */
final class RulePolicies {
    private RulePolicies() {
    }

    /** {@code standard}: every object stays where it arrived. */
    static final class Standard extends MeteredPolicy {
        Standard(PolicyContext c) {
            super("standard", c);
        }

        @Override
        public boolean millisecondOnly() {
            return true;
        }
    }

    /** A key scheduled for a midnight, with the time (creation or LastModified) it was scheduled for. */
    record Scheduled(String key, long at) {
    }

    /** One rule of a lifecycle configuration: {@code days} after creation, to {@code target}. */
    record Rule(int days, StorageClass target) {
    }

    /**
     * An S3 Lifecycle configuration: each rule applies at the first midnight UTC at or after creation + days
     * (one action per object per midnight; objects under 128 KiB are never transitioned, S3's default).
     */
    static class Lifecycle extends MeteredPolicy {
        private final List<Rule> rules;
        private final boolean itArchive;
        // keys with a rule due at a midnight, with the creation time they were scheduled for
        private final MidnightQueue<Scheduled> due = new MidnightQueue<>();
        private final Map<String, Integer> nextRule = new java.util.HashMap<>();

        Lifecycle(String name, List<Rule> rules, boolean itArchive, PolicyContext c) {
            super(name, c);
            this.rules = List.copyOf(rules);
            this.itArchive = itArchive;
        }

        @Override
        public boolean millisecondOnly() {
            return rules.stream().allMatch(r -> r.target().millisecondAccess()) && !itArchive;
        }

        @Override
        void afterPut(String key, long t) {
            if (meter.size(key) < Tariff.LIFECYCLE_MIN_SIZE) {
                nextRule.remove(key);
                return;
            }
            nextRule.put(key, 0);
            schedule(key, t, t + rules.get(0).days() * Tariff.DAY);
        }

        private void schedule(String key, long created, long at) {
            long m = Math.max(Tariff.midnightAtOrAfter(at), Tariff.midnightAtOrBefore(now) + Tariff.DAY);
            due.add(m, new Scheduled(key, created));
        }

        @Override
        void atMidnight(long t) {
            for (Scheduled e : due.take(t)) {
                String key = e.key();
                long created = e.at();
                if (!meter.exists(key) || createdAt(key) != created) {
                    continue;
                }
                int i = nextRule.getOrDefault(key, rules.size());
                if (i >= rules.size()) {
                    continue;
                }
                StorageClass target = rules.get(i).target();
                if (meter.storageClass(key).canLifecycleTransitionTo(target)) {
                    move(key, target, TransitionMethod.LIFECYCLE, t, itArchive);
                }
                nextRule.put(key, i + 1);
                if (i + 1 < rules.size()) {
                    schedule(key, created, created + rules.get(i + 1).days() * Tariff.DAY);
                }
            }
        }

        private final Map<String, Long> created = new java.util.HashMap<>();

        private long createdAt(String key) {
            return created.getOrDefault(key, Long.MIN_VALUE);
        }

        @Override
        public void record(TraceEvent e) {
            super.record(e);
            if (e.operation() == TraceEvent.Operation.PUT) {
                created.put(e.key(), e.timestamp().getEpochSecond());
            } else if (e.operation() == TraceEvent.Operation.DELETE) {
                created.remove(e.key());
            }
        }
    }

    /** {@code original-age-rule}: objects older than 30 days (by LastModified) are copied to GLACIER at midnight. */
    static final class OriginalAgeRule extends MeteredPolicy {
        static final int AGE_DAYS = 30;
        private final MidnightQueue<Scheduled> due = new MidnightQueue<>();

        OriginalAgeRule(PolicyContext c) {
            super("original-age-rule", c);
        }

        @Override
        public boolean millisecondOnly() {
            return false;
        }

        @Override
        void afterPut(String key, long t) {
            // older than 30 days: the first midnight strictly after LastModified + 30 days
            long m = Tariff.midnightAtOrBefore(t + AGE_DAYS * Tariff.DAY) + Tariff.DAY;
            due.add(m, new Scheduled(key, t));
        }

        @Override
        void atMidnight(long t) {
            for (Scheduled e : due.take(t)) {
                String key = e.key();
                if (meter.exists(key) && meter.lastModified(key) == e.at()
                        && meter.storageClass(key) == StorageClass.STANDARD) {
                    move(key, StorageClass.GLACIER, TransitionMethod.COPY, t, false);
                }
            }
        }
    }
}
