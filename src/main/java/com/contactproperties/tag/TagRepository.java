package com.contactproperties.tag;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Tag rows of one tenant at a time: every query names the tenant. */
@ApplicationScoped
class TagRepository implements PanacheRepositoryBase<Tag, String> {

    /**
     * Up to {@code limit} tags after the keyset position (name, id) or from the start, ordered by
     * name. The database lower-cases both sides so that the order and the cursor always agree.
     */
    Uni<List<Tag>> page(String tenantId, List<String> after, int limit) {
        String order = " order by lower(name), id";
        if (after == null) {
            return find("tenantId = :tenant" + order, Parameters.with("tenant", tenantId))
                    .range(0, limit - 1)
                    .list();
        }
        return find(
                        "tenantId = :tenant and (lower(name) > lower(:name) or (lower(name) = lower(:name) and id > :id))"
                                + order,
                        Parameters.with("tenant", tenantId)
                                .and("name", after.get(0))
                                .and("id", after.get(1)))
                .range(0, limit - 1)
                .list();
    }

    /**
     * How many live contacts carry each of the tags (absent: none). The ids go as one comma-separated
     * text (a tag id holds no comma): written as a list parameter inside {@code array[...]}, every
     * count of a page of several tags read 0.
     */
    Uni<Map<String, Long>> labeledCounts(String tenantId, List<String> tagIds) {
        if (tagIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession()
                .flatMap(session -> session.createNativeQuery("""
            select t.id, count(*) from contacts c cross join unnest(c.tag_ids) t(id)
             where c.tenant_id = :tenant and c.deleted_at is null and c.tag_ids && string_to_array(:ids, ',')
               and t.id = any(string_to_array(:ids, ','))
             group by t.id""", Object[].class)
                        .setParameter("tenant", tenantId)
                        .setParameter("ids", String.join(",", tagIds))
                        .getResultList())
                .map(rows -> rows.stream()
                        .collect(Collectors.toMap(row -> (String) row[0], row -> ((Number) row[1]).longValue())));
    }

    Uni<Tag> findByName(String tenantId, String name) {
        return find("tenantId = ?1 and lower(name) = lower(?2)", tenantId, name).firstResult();
    }

    Uni<Boolean> deleteById(String tenantId, String id) {
        return delete("tenantId = ?1 and id = ?2", tenantId, id).map(count -> count > 0);
    }
}
