package dev.archiver.aws.events;

/** The one rule both {@link DedupeStore}s follow. */
final class DedupeState {
    private DedupeState() {
    }

    /** The claim of {@code incoming} given the stored sequencer (null when none) and whether it was released. */
    static DedupeStore.Claim judge(String stored, boolean released, String incoming) {
        if (stored == null) {
            return DedupeStore.Claim.NEW;
        }
        int c = Sequencers.compare(incoming, stored);
        if (c > 0) {
            return DedupeStore.Claim.NEW;
        }
        if (c == 0) {
            return released ? DedupeStore.Claim.NEW : DedupeStore.Claim.DUPLICATE;
        }
        return DedupeStore.Claim.OUT_OF_ORDER;
    }
}
