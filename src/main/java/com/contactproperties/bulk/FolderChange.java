package com.contactproperties.bulk;

import com.contactproperties.platform.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What one bulk entry does to a contact's folders: replace them all ({@code folder_ids}), or add and
 * remove some ({@code add_folder_ids}, {@code remove_folder_ids}), so that seed 001's "add them to
 * 'Hot Prospects'" keeps the folders a contact already has. Null lists change nothing.
 */
record FolderChange(List<Long> replace, List<Long> add, List<Long> remove) {

    static final FolderChange NONE = new FolderChange(null, null, null);

    boolean none() {
        return replace == null && add == null && remove == null;
    }

    /** This change followed by a later one for the same contact, as one change. */
    FolderChange then(FolderChange later) {
        if (later == null || later.none()) {
            return this;
        }
        if (later.replace != null || none()) {
            return later;
        }
        if (replace != null) {
            LinkedHashSet<Long> result = new LinkedHashSet<>(replace);
            result.removeAll(orEmpty(later.remove));
            result.addAll(orEmpty(later.add));
            return new FolderChange(List.copyOf(result), null, null);
        }
        LinkedHashSet<Long> added = new LinkedHashSet<>(orEmpty(add));
        added.removeAll(orEmpty(later.remove));
        added.addAll(orEmpty(later.add));
        LinkedHashSet<Long> removed = new LinkedHashSet<>(orEmpty(remove));
        removed.removeAll(orEmpty(later.add));
        removed.addAll(orEmpty(later.remove));
        return new FolderChange(null, List.copyOf(added), List.copyOf(removed));
    }

    /** The change as {@code ContactBatchRepository} reads it: an array replaces, an object adds and removes, null keeps. */
    String json() {
        if (none()) {
            return null;
        }
        return replace != null
                ? Json.write(replace)
                : Json.write(Map.of("add", orEmpty(add), "remove", orEmpty(remove)));
    }

    /** Every folder id the change names. */
    List<Long> named() {
        List<Long> all = new ArrayList<>(orEmpty(replace));
        all.addAll(orEmpty(add));
        all.addAll(orEmpty(remove));
        return all;
    }

    private static List<Long> orEmpty(List<Long> ids) {
        return ids == null ? List.of() : ids;
    }
}
