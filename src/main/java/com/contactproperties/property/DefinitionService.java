package com.contactproperties.property;

import com.contactproperties.event.EventLog;
import com.contactproperties.event.EventOrigin;
import com.contactproperties.platform.AppConfig;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.task.TaskService;
import com.contactproperties.task.TaskType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Property definitions of a tenant: list, read by any spelling, create with a generated key,
 * change and delete. Each operation is one transaction; changes to one tenant's definitions are
 * serialised so that key generation and the definition limit hold under concurrency.
 */
@ApplicationScoped
public class DefinitionService {

    private final EventLog events;
    private final Pool pool;
    private final DefinitionRepository definitions;
    private final PropertyValueRepository values;
    private final DefinitionCache cache;
    private final RetypeDryRun dryRuns;
    private final AppConfig config;
    private final TaskService tasks;

    DefinitionService(
            Pool pool,
            DefinitionRepository definitions,
            PropertyValueRepository values,
            DefinitionCache cache,
            RetypeDryRun dryRuns,
            AppConfig config,
            TaskService tasks,
            EventLog events) {
        this.pool = pool;
        this.events = events;
        this.definitions = definitions;
        this.values = values;
        this.cache = cache;
        this.dryRuns = dryRuns;
        this.config = config;
        this.tasks = tasks;
    }

    /** The tenant's live definitions, predefined first, then in creation order. */
    public Uni<List<PropertyDefinition>> list(Caller caller, EntityType entityType) {
        return inTransaction(caller, entityType, false, c -> definitions.list(c, caller.tenantId(), entityType));
    }

    /** Every live definition of the tenant, indexed for lookups by any name. */
    public Uni<DefinitionIndex> index(String tenantId, EntityType entityType) {
        return pool.withConnection(c -> index(c, tenantId, entityType));
    }

    /**
     * As {@link #index(String, EntityType)}, read in the caller's transaction: a transaction must not
     * wait for a second connection, or as many concurrent requests as the pool has connections would
     * each hold one and wait for another.
     */
    public Uni<DefinitionIndex> index(SqlConnection c, String tenantId, EntityType entityType) {
        // One query on the hot path; the predefined fields are added only the first time a tenant is seen.
        return definitions
                .list(c, tenantId, entityType)
                .flatMap(
                        all -> entityType != EntityType.CONTACT || all.stream().anyMatch(PropertyDefinition::predefined)
                                ? Uni.createFrom().item(all)
                                : definitions
                                        .ensurePredefined(c, tenantId, entityType)
                                        .flatMap(ignored -> definitions.list(c, tenantId, entityType)))
                .map(DefinitionIndex::of);
    }

    /** The tenant's contact definitions as this instance last read them; see {@link DefinitionCache}. */
    public Uni<DefinitionSnapshot> rememberedContactDefinitions(String tenantId) {
        return cache.remembered(tenantId);
    }

    /** The tenant's contact definitions read now, and remembered for {@link #rememberedContactDefinitions(String)}. */
    public Uni<DefinitionSnapshot> currentContactDefinitions(String tenantId) {
        return cache.current(tenantId);
    }

    /** The live definition a name designates (any spelling of its key, or its title). */
    public Uni<PropertyDefinition> get(Caller caller, EntityType entityType, String name) {
        return inTransaction(caller, entityType, false, c -> require(c, caller, entityType, name));
    }

    /** Creates a definition with a key generated from its title. */
    public Uni<PropertyDefinition> create(Caller caller, EntityType entityType, DefinitionCommands.Create command) {
        String title = DefinitionRules.title(command.title());
        PropertyType type = DefinitionRules.type(command.type());
        List<String> choices = DefinitionRules.choices(type, command.choices());
        String description = DefinitionRules.description(command.description());
        boolean agentActive = Boolean.TRUE.equals(command.agentActive());
        return inTransaction(
                caller,
                entityType,
                true,
                c -> belowLimit(c, caller, entityType)
                        .flatMap(ignored -> uniqueTitle(c, caller, entityType, title, ""))
                        .flatMap(ignored -> definitions.keys(c, caller.tenantId(), entityType))
                        .map(keys -> {
                            Instant now = now();
                            String key = Keys.unique(Keys.fromTitle(title), keys);
                            return new PropertyDefinition(
                                    entityType,
                                    key,
                                    title,
                                    type,
                                    choices,
                                    description,
                                    agentActive,
                                    false,
                                    now,
                                    caller.userId(),
                                    now);
                        })
                        .call(created -> definitions.insert(c, caller.tenantId(), created)));
    }

    /**
     * Changes the fields the command names; the key never changes. A type change, or choices that
     * drop or rename a stored choice, applies to the definition at once and queues a property_retype
     * task for the stored values; a dry run only reports what that task would do.
     */
    public Uni<DefinitionCommands.ChangeResult> change(
            Caller caller, EntityType entityType, String name, DefinitionCommands.Change command) {
        Map<String, String> renames = command.choiceRenames() == null ? Map.of() : command.choiceRenames();
        return inTransaction(
                        caller,
                        entityType,
                        true,
                        c -> require(c, caller, entityType, name)
                                .flatMap(current -> change(c, caller, current, command, renames)))
                .invoke(result -> {
                    if (result.retypeTaskId() != null) {
                        tasks.wake();
                    }
                });
    }

    private Uni<DefinitionCommands.ChangeResult> change(
            SqlConnection c,
            Caller caller,
            PropertyDefinition current,
            DefinitionCommands.Change command,
            Map<String, String> renames) {
        PropertyDefinition next = DefinitionRules.changed(current, command, now());
        boolean valuesChange = DefinitionRules.changesValues(current, next, renames);
        Uni<Void> checked = uniqueTitle(c, caller, current.entityType(), next.title(), current.key());
        if (command.dryRun()) {
            return checked.flatMap(ignored -> dryRuns.run(c, caller.tenantId(), current, next, renames))
                    .map(dryRun -> new DefinitionCommands.ChangeResult(current, null, dryRun));
        }
        return checked.flatMap(ignored -> definitions.update(c, caller.tenantId(), next))
                .flatMap(ignored -> valuesChange
                        ? retype(c, caller, next, renames)
                        : Uni.createFrom().<String>nullItem())
                .map(taskId -> new DefinitionCommands.ChangeResult(next, taskId, null));
    }

    /** Queues the task that converts the stored values of a changed definition; none when no contact holds one. */
    private Uni<String> retype(SqlConnection c, Caller caller, PropertyDefinition next, Map<String, String> renames) {
        return values.countHolders(c, caller.tenantId(), next.entityType(), next.key())
                .flatMap(holders -> holders == 0
                        ? Uni.createFrom().<String>nullItem()
                        : tasks.create(
                                c,
                                caller.tenantId(),
                                caller.userId(),
                                TaskType.PROPERTY_RETYPE,
                                holders.intValue(),
                                PropertyRetypeHandler.params(next, renames),
                                List.of()));
    }

    /** What {@link #delete} would remove, refusing what it would refuse; changes nothing. */
    public Uni<DefinitionCommands.DeletionPreview> previewDelete(
            Caller caller, EntityType entityType, String name, int samples) {
        return inTransaction(
                caller,
                entityType,
                false,
                c -> require(c, caller, entityType, name)
                        .invoke(DefinitionService::requireDeletable)
                        .flatMap(current -> preview(c, caller, current, samples)));
    }

    private Uni<DefinitionCommands.DeletionPreview> preview(
            SqlConnection c, Caller caller, PropertyDefinition current, int samples) {
        Uni<List<DefinitionCommands.Sample>> found = current.entityType() == EntityType.CONTACT
                ? values.sampleHolders(c, caller.tenantId(), current.key(), samples)
                : Uni.createFrom().item(List.of());
        return values.countHolders(c, caller.tenantId(), current.entityType(), current.key())
                .flatMap(holders ->
                        found.map(sampled -> new DefinitionCommands.DeletionPreview(current, holders, sampled)));
    }

    /**
     * Deletes a definition: its values are hidden at once, a property_purge task removes them in the
     * background, and its key stays reserved until that task completes.
     */
    public Uni<Void> delete(Caller caller, EntityType entityType, String name) {
        return inTransaction(
                        caller,
                        entityType,
                        true,
                        c -> require(c, caller, entityType, name)
                                .invoke(DefinitionService::requireDeletable)
                                .flatMap(current -> purge(c, caller, current)))
                .invoke(tasks::wake);
    }

    private Uni<Void> purge(SqlConnection c, Caller caller, PropertyDefinition current) {
        JsonObject params =
                new JsonObject().put("entity_type", current.entityType().wire()).put("key", current.key());
        return definitions
                .softDelete(c, caller.tenantId(), current.entityType(), current.key())
                .flatMap(ignored -> values.countHolders(c, caller.tenantId(), current.entityType(), current.key()))
                .flatMap(holders -> tasks.create(
                        c,
                        caller.tenantId(),
                        caller.userId(),
                        TaskType.PROPERTY_PURGE,
                        holders.intValue(),
                        params,
                        List.of()))
                .replaceWithVoid();
    }

    private static void requireDeletable(PropertyDefinition definition) {
        if (definition.predefined()) {
            throw new DomainException.Conflict(
                    "id", "'" + definition.title() + "' is a predefined field and cannot be deleted");
        }
    }

    private Uni<Void> belowLimit(SqlConnection c, Caller caller, EntityType entityType) {
        return definitions
                .countLive(c, caller.tenantId(), entityType)
                .invoke(count -> {
                    if (count >= config.maxDefinitions()) {
                        throw new DomainException.Conflict(
                                "title",
                                "The tenant already has the maximum of " + config.maxDefinitions() + " "
                                        + entityType.wire() + " properties; delete one first");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> uniqueTitle(
            SqlConnection c, Caller caller, EntityType entityType, String title, String exceptKey) {
        return definitions
                .titleTaken(c, caller.tenantId(), entityType, title, exceptKey)
                .invoke(taken -> {
                    if (taken) {
                        throw new DomainException.Conflict(
                                "title", "A " + entityType.wire() + " property titled '" + title + "' already exists");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<PropertyDefinition> require(SqlConnection c, Caller caller, EntityType entityType, String name) {
        return definitions
                .list(c, caller.tenantId(), entityType)
                .map(all -> DefinitionIndex.of(all)
                        .find(name)
                        .orElseThrow(() -> new DomainException.NotFound("Property", name)));
    }

    private <T> Uni<T> inTransaction(
            Caller caller, EntityType entityType, boolean writes, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(c -> (writes
                        ? definitions
                                .lock(c, caller.tenantId(), entityType)
                                .call(() -> events.declare(c, EventOrigin.of(caller)))
                        : Uni.createFrom().voidItem())
                .flatMap(ignored -> definitions.ensurePredefined(c, caller.tenantId(), entityType))
                .flatMap(ignored -> work.apply(c)));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
