package com.contactproperties.platform.db;

import io.smallrye.mutiny.CompositeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Every throwable a failure carries: its causes, and the causes of each Mutiny composite on the way. */
final class Causes {

    private Causes() {}

    static List<Throwable> of(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable e = pending.poll();
            if (seen.put(e, true) != null) {
                continue;
            }
            all.add(e);
            if (e instanceof CompositeException composite) {
                pending.addAll(composite.getCauses());
            }
            if (e.getCause() != null) {
                pending.add(e.getCause());
            }
        }
        return all;
    }
}
