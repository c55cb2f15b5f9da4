package dev.archiver.core.simulate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code oracle:ms} and {@code oracle}: on each PUT, solves the object's life with {@link OracleSchedule} (it
 * knows every future read and the deletion) and plays the schedule back through its own meter at the
 * midnights it names. The bound every other policy is measured against.
 */
final class OraclePolicy extends MeteredPolicy {
    private final boolean allClasses;
    private final OracleSchedule solver;
    private final TreeMap<Long, List<Object[]>> due = new TreeMap<>();
    private final Map<String, Integer> lifeOf = new HashMap<>();
    private int lives;
    double plannedCost;

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
            due.computeIfAbsent(m.at(), x -> new ArrayList<>()).add(new Object[]{key, life, m});
        }
    }

    @Override
    void atMidnight(long t) {
        List<Object[]> list = due.remove(t);
        if (list == null) {
            return;
        }
        for (Object[] e : list) {
            String key = (String) e[0];
            Integer current = lifeOf.get(key);
            if (current == null || current != (int) (Integer) e[1]) {
                continue;
            }
            OracleSchedule.Move m = (OracleSchedule.Move) e[2];
            move(key, m.target(), m.method(), t, m.itArchive());
        }
    }
}
