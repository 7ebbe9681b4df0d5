package com.contactproperties.tag;

import com.contactproperties.contact.ContactBatchRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Tags named rather than identified (CSV imports, customer upserts): created when missing, then attached. */
public final class TagNames {

    private TagNames() {}

    /**
     * The ids of the tenant's tags with these names (matched ignoring case), keyed by the lower-cased
     * name, creating the missing ones first (a new tag keeps the first spelling given). The tags stay
     * locked against their deletion until the caller's transaction ends (see V11). Two statements,
     * whatever the number of names; new tags are inserted in the order of their names, so that two
     * transactions creating the same tags never wait for each other in a cycle.
     */
    public static Uni<Map<String, String>> ids(
            SqlClient tx, String tenantId, String createdBy, Collection<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<String, String> spelling = new TreeMap<>();
        names.forEach(n -> spelling.putIfAbsent(n.toLowerCase(Locale.ROOT), n));
        String[] distinct = spelling.values().toArray(String[]::new);
        return TagNameRepository.insertMissing(tx, tenantId, createdBy, distinct)
                .flatMap(ignored -> TagNameRepository.lockIds(tx, tenantId, distinct));
    }

    /** The names of the tenant's tags with these ids, in name order (ids of deleted tags are skipped). */
    public static Uni<List<String>> names(SqlClient sql, String tenantId, Collection<String> tagIds) {
        if (tagIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return TagNameRepository.names(sql, tenantId, tagIds);
    }

    /**
     * Attaches to each contact of {@code contactIds} the tag named at the same position of
     * {@code names}, creating the tenant's missing tags first. Three statements, whatever the number
     * of tags and contacts.
     */
    public static Uni<Void> attach(
            SqlClient tx, String tenantId, String createdBy, List<String> contactIds, List<String> names) {
        return ids(tx, tenantId, createdBy, names).flatMap(ids -> {
            Map<String, List<String>> named = new HashMap<>();
            for (int i = 0; i < contactIds.size(); i++) {
                named.computeIfAbsent(contactIds.get(i), c -> new ArrayList<>()).add(names.get(i));
            }
            Map<String, Set<String>> byContact = new HashMap<>();
            named.forEach((contactId, tagNames) -> byContact.put(contactId, idsOf(tagNames, ids)));
            return ContactBatchRepository.addTags(tx, tenantId, byContact);
        });
    }

    /** The ids, among {@code ids} (from {@link #ids}), of the tags named; a tag deleted since it was named is left out. */
    public static Set<String> idsOf(Collection<String> names, Map<String, String> ids) {
        Set<String> found = new HashSet<>();
        names.forEach(name -> {
            String id = ids.get(name.toLowerCase(Locale.ROOT));
            if (id != null) {
                found.add(id);
            }
        });
        return found;
    }
}
