package dev.archiver.core.simulate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code oracle:ms} and {@code oracle}: on each PUT, solves the object's life with {@link OracleSchedule} (it
 * knows every future read and the deletion) and plays the schedule back through its own meter at the
 * midnights it names. The bound every other policy is measured against.
 */
final class OraclePolicy extends MeteredPolicy {
    private final boolean allClasses;
    private final OracleSchedule solver;
    private final MidnightQueue<Due> due = new MidnightQueue<>();
    private final Map<String, Integer> lifeOf = new HashMap<>();
    private int lives;
    double plannedCost;

    /** A move of the schedule of one life of {@code key}. */
    private record Due(String key, int life, OracleSchedule.Move move) {
    }

    OraclePolicy(boolean allClasses, PolicyContext c) {
        super(allClasses ? "oracle" : "oracle:ms", c);
        this.allClasses = allClasses;
        this.solver = new OracleSchedule(c.tariff(), allClasses);
    }

    @Override
    public boolean millisecondOnly() {
        return !allClasses;
    }

    @Override
    void afterPut(String key, long t) {
        int life = lives++;
        lifeOf.put(key, life);
        ReplayTrace tr = context.trace;
        List<OracleSchedule.Move> moves = solver.solve(tr.lifeSize[life], tr.lifeStart[life], tr.lifeEnd[life], tr.readsOf(life));
        plannedCost += solver.lastCost;
        for (OracleSchedule.Move m : moves) {
            due.add(m.at(), new Due(key, life, m));
        }
    }

    @Override
    void atMidnight(long t) {
        for (Due e : due.take(t)) {
            Integer current = lifeOf.get(e.key());
            if (current == null || current != e.life()) {
                continue;
            }
            OracleSchedule.Move m = e.move();
            move(e.key(), m.target(), m.method(), t, m.itArchive());
        }
    }
}
