package dev.archiver.core.plan;

import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ApplyJournal#inMemory()}. */
class InMemoryApplyJournal implements ApplyJournal {
    private final ConcurrentHashMap<String, TransitionResult> settled = new ConcurrentHashMap<>();

    static String keyOf(TransitionRequest r) {
        return r.bucket() + '\u0000' + r.key() + '\u0000' + r.versionId() + '\u0000' + r.expectedETag() + '\u0000' + r.to();
    }

    @Override
    public Optional<TransitionResult> settled(TransitionRequest request) {
        return Optional.ofNullable(settled.get(keyOf(request)));
    }

    @Override
    public void record(TransitionResult result) {
        String k = keyOf(result.request());
        if (result.status().settled()) {
            settled.put(k, result);
        } else {
            settled.remove(k);
        }
    }

    @Override
    public void close() {
    }
}
