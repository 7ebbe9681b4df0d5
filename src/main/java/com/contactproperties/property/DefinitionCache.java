package com.contactproperties.property;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The contact definitions of each tenant as this instance last read them, with their version (V12),
 * so that a list filtered by custom fields needs no round trip to read them; a statement built from
 * them checks the version and is built again when they are out of date (see {@link DefinitionSnapshot}).
 */
@ApplicationScoped
class DefinitionCache {

    private final Pool pool;
    private final DefinitionRepository definitions;
    /** By tenant; weighed in definitions and choices, so that a few tenants with long choice lists cannot fill the heap. */
    private final Cache<String, DefinitionSnapshot> remembered = Caffeine.newBuilder()
            .maximumWeight(50_000)
            .<String, DefinitionSnapshot>weigher((tenant, snapshot) -> snapshot.index().all().stream()
                    .mapToInt(d -> 1 + d.choices().size())
                    .sum())
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    DefinitionCache(Pool pool, DefinitionRepository definitions) {
        this.pool = pool;
        this.definitions = definitions;
    }

    /** The tenant's contact definitions as last read, or read now if this instance has not read them yet. */
    Uni<DefinitionSnapshot> remembered(String tenantId) {
        DefinitionSnapshot known = remembered.getIfPresent(tenantId);
        return known != null ? Uni.createFrom().item(known) : current(tenantId);
    }

    /** The tenant's contact definitions read now, and remembered for {@link #remembered(String)}. */
    Uni<DefinitionSnapshot> current(String tenantId) {
        return pool.withConnection(c -> snapshot(c, tenantId, true))
                .invoke(read -> remembered.put(tenantId, new DefinitionSnapshot(read.index(), read.version(), true)));
    }

    private Uni<DefinitionSnapshot> snapshot(SqlConnection c, String tenantId, boolean addPredefined) {
        // The version first: a change committed between the two reads leaves a version older than the
        // definitions, which a check fails, rather than the other way round. Adding the predefined
        // fields is such a change, so both are read again after it.
        return definitions
                .version(c, tenantId, EntityType.CONTACT)
                .flatMap(version -> definitions
                        .list(c, tenantId, EntityType.CONTACT)
                        .flatMap(all -> !addPredefined || all.stream().anyMatch(PropertyDefinition::predefined)
                                ? Uni.createFrom().item(new DefinitionSnapshot(DefinitionIndex.of(all), version, false))
                                : definitions
                                        .ensurePredefined(c, tenantId, EntityType.CONTACT)
                                        .flatMap(ignored -> snapshot(c, tenantId, false))));
    }
}
