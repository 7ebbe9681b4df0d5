package com.contactproperties.property;

import com.contactproperties.event.EventLog;
import com.contactproperties.event.EventOrigin;
import com.contactproperties.platform.AppConfig;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.task.TaskService;
import com.contactproperties.task.TaskType;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

    private static final int DRY_RUN_PAGE = 1_000;
    private static final int DRY_RUN_SAMPLES = 20;

    private final EventLog events;
    private final Pool pool;
    private final DefinitionRepository definitions;
    private final AppConfig config;
    private final TaskService tasks;
    /** By tenant; weighed in definitions and choices, so that a few tenants with long choice lists cannot fill the heap. */
    private final Cache<String, DefinitionSnapshot> remembered = Caffeine.newBuilder()
            .maximumWeight(50_000)
            .<String, DefinitionSnapshot>weigher((tenant, snapshot) -> snapshot.index().all().stream()
                    .mapToInt(d -> 1 + d.choices().size())
                    .sum())
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    DefinitionService(
            Pool pool, DefinitionRepository definitions, AppConfig config, TaskService tasks, EventLog events) {
        this.pool = pool;
        this.events = events;
        this.definitions = definitions;
        this.config = config;
        this.tasks = tasks;
    }

    /** The tenant's live definitions, predefined first, then in creation order. */
    public Uni<List<PropertyDefinition>> list(Caller caller, EntityType entityType) {
        return inTransaction(caller, entityType, false, c -> definitions.list(c, caller.tenantId(), entityType));
    }

    /** Every live definition of the tenant, indexed for lookups by any name. */
    public Uni<DefinitionIndex> index(String tenantId, EntityType entityType) {
        // One query on the hot path; the predefined fields are added only the first time a tenant is seen.
        return pool.withConnection(c -> definitions
                        .list(c, tenantId, entityType)
                        .flatMap(all -> entityType != EntityType.CONTACT
                                        || all.stream().anyMatch(PropertyDefinition::predefined)
                                ? Uni.createFrom().item(all)
                                : definitions
                                        .ensurePredefined(c, tenantId, entityType)
                                        .flatMap(ignored -> definitions.list(c, tenantId, entityType))))
                .map(DefinitionIndex::of);
    }

    /**
     * The tenant's contact definitions as this instance last read them, without a round trip to the
     * database; read now if it has not read them yet. See {@link DefinitionSnapshot#remembered()}.
     */
    public Uni<DefinitionSnapshot> rememberedContactDefinitions(String tenantId) {
        DefinitionSnapshot known = remembered.getIfPresent(tenantId);
        return known != null ? Uni.createFrom().item(known) : currentContactDefinitions(tenantId);
    }

    /** The tenant's contact definitions read now, and remembered for {@link #rememberedContactDefinitions(String)}. */
    public Uni<DefinitionSnapshot> currentContactDefinitions(String tenantId) {
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
        return inTransaction(
                caller,
                entityType,
                true,
                c -> definitions
                        .countLive(c, caller.tenantId(), entityType)
                        .flatMap(count -> count >= config.maxDefinitions()
                                ? Uni.createFrom()
                                        .failure(new DomainException.Conflict(
                                                "title",
                                                "The tenant already has the maximum of " + config.maxDefinitions() + " "
                                                        + entityType.wire() + " properties; delete one first"))
                                : uniqueTitle(c, caller, entityType, title, ""))
                        .flatMap(ignored -> definitions.keys(c, caller.tenantId(), entityType))
                        .flatMap(keys -> {
                            Instant now = now();
                            PropertyDefinition created = new PropertyDefinition(
                                    entityType,
                                    Keys.unique(Keys.fromTitle(title), keys),
                                    title,
                                    type,
                                    choices,
                                    description,
                                    Boolean.TRUE.equals(command.agentActive()),
                                    false,
                                    now,
                                    caller.userId(),
                                    now);
                            return definitions
                                    .insert(c, caller.tenantId(), created)
                                    .replaceWith(created);
                        }));
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
                                .flatMap(current -> changed(current, command)
                                        .flatMap(next -> checkChange(c, caller, current, next, renames)
                                                .flatMap(valueChange -> {
                                                    if (command.dryRun()) {
                                                        return dryRun(c, caller, current, next, renames)
                                                                .map(d -> new DefinitionCommands.ChangeResult(
                                                                        current, null, d));
                                                    }
                                                    Uni<String> retype = !valueChange
                                                            ? Uni.createFrom().nullItem()
                                                            : definitions
                                                                    .countHolders(
                                                                            c,
                                                                            caller.tenantId(),
                                                                            entityType,
                                                                            current.key())
                                                                    .flatMap(holders -> holders == 0
                                                                            ? Uni.createFrom()
                                                                                    .nullItem()
                                                                            : tasks.create(
                                                                                    c,
                                                                                    caller.tenantId(),
                                                                                    caller.userId(),
                                                                                    TaskType.PROPERTY_RETYPE,
                                                                                    holders.intValue(),
                                                                                    PropertyRetypeHandler.params(
                                                                                            next, renames),
                                                                                    List.of()));
                                                    return definitions
                                                            .update(c, caller.tenantId(), next)
                                                            .flatMap(ignored -> retype)
                                                            .map(taskId -> new DefinitionCommands.ChangeResult(
                                                                    next, taskId, null));
                                                }))))
                .invoke(result -> {
                    if (result.retypeTaskId() != null) {
                        tasks.wake();
                    }
                });
    }

    /** What {@link #delete} would remove, refusing what it would refuse; changes nothing. */
    public Uni<DefinitionCommands.DeletionPreview> previewDelete(
            Caller caller, EntityType entityType, String name, int samples) {
        return inTransaction(
                caller,
                entityType,
                false,
                c -> require(c, caller, entityType, name)
                        .flatMap(current -> current.predefined()
                                ? Uni.createFrom().failure(predefined(current))
                                : definitions
                                        .countHolders(c, caller.tenantId(), entityType, current.key())
                                        .flatMap(holders -> (entityType == EntityType.CONTACT
                                                        ? definitions.sampleHolders(
                                                                c, caller.tenantId(), current.key(), samples)
                                                        : Uni.createFrom().item(List.<DefinitionCommands.Sample>of()))
                                                .map(found -> new DefinitionCommands.DeletionPreview(
                                                        current, holders, found)))));
    }

    private static DomainException predefined(PropertyDefinition definition) {
        return new DomainException.Conflict(
                "id", "'" + definition.title() + "' is a predefined field and cannot be deleted");
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
                        c -> require(c, caller, entityType, name).flatMap(current -> {
                            if (current.predefined()) {
                                return Uni.createFrom().failure(predefined(current));
                            }
                            return definitions
                                    .softDelete(c, caller.tenantId(), entityType, current.key())
                                    .flatMap(ignored ->
                                            definitions.countHolders(c, caller.tenantId(), entityType, current.key()))
                                    .flatMap(holders -> tasks.create(
                                            c,
                                            caller.tenantId(),
                                            caller.userId(),
                                            TaskType.PROPERTY_PURGE,
                                            holders.intValue(),
                                            new JsonObject()
                                                    .put("entity_type", entityType.wire())
                                                    .put("key", current.key()),
                                            List.of()))
                                    .replaceWithVoid();
                        }))
                .invoke(tasks::wake);
    }

    private Uni<PropertyDefinition> changed(PropertyDefinition current, DefinitionCommands.Change command) {
        String title = command.title() == null ? current.title() : DefinitionRules.title(command.title());
        PropertyType type = command.type() == null ? current.type() : DefinitionRules.type(command.type());
        List<String> requestedChoices =
                command.choices() == null && type == current.type() ? current.choices() : command.choices();
        List<String> choices = DefinitionRules.choices(type, requestedChoices);
        String description = command.description() == null
                ? current.description()
                : DefinitionRules.description(command.description().orElse(null));
        boolean agentActive = command.agentActive() == null ? current.agentActive() : command.agentActive();
        // A whole-number property stays one while it is a number; retyped, it loses the restriction.
        return Uni.createFrom()
                .item(new PropertyDefinition(
                        current.entityType(),
                        current.key(),
                        title,
                        type,
                        choices,
                        description,
                        agentActive,
                        current.predefined(),
                        current.createdAt(),
                        current.createdBy(),
                        now(),
                        current.wholeNumber() && type == PropertyType.NUMBER));
    }

    /** Checks a change; answers whether stored values must be converted (type, or choices dropped or renamed). */
    private Uni<Boolean> checkChange(
            SqlConnection c,
            Caller caller,
            PropertyDefinition current,
            PropertyDefinition next,
            Map<String, String> renames) {
        boolean retyped = next.type() != current.type();
        if (current.predefined() && retyped) {
            return Uni.createFrom()
                    .failure(new DomainException.Conflict(
                            "type", "'" + current.title() + "' is a predefined field and its type cannot change"));
        }
        List<FieldError> errors = new ArrayList<>();
        renames.forEach((from, to) -> {
            if (!next.type().hasChoices() || next.choices().stream().noneMatch(choice -> choice.equals(to))) {
                errors.add(new FieldError(
                        "choiceRenames." + from, "renames to '" + to + "', which is not one of the new choices"));
            }
        });
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new DomainException.Invalid(errors));
        }
        boolean valuesChange = retyped || !next.choices().containsAll(current.choices()) || !renames.isEmpty();
        return uniqueTitle(c, caller, current.entityType(), next.title(), current.key())
                .replaceWith(valuesChange);
    }

    /** Reads every stored value of the property, a page at a time, and counts what a retype would do. */
    private Uni<DefinitionCommands.DryRun> dryRun(
            SqlConnection c,
            Caller caller,
            PropertyDefinition current,
            PropertyDefinition next,
            Map<String, String> renames) {
        return dryRunPage(
                c,
                caller.tenantId(),
                current.key(),
                next,
                renames,
                "",
                new DefinitionCommands.DryRun(0, 0, new ArrayList<>(), new ArrayList<>()));
    }

    private Uni<DefinitionCommands.DryRun> dryRunPage(
            SqlConnection c,
            String tenantId,
            String key,
            PropertyDefinition next,
            Map<String, String> renames,
            String after,
            DefinitionCommands.DryRun sofar) {
        return definitions.values(c, tenantId, key, after, DRY_RUN_PAGE).flatMap(values -> {
            int convert = sofar.wouldConvert();
            int clear = sofar.wouldClear();
            for (Map.Entry<String, JsonNode> value : values.entrySet()) {
                try {
                    JsonNode to =
                            Retype.convert(value.getValue(), next, renames).orElse(null);
                    convert++;
                    addSample(
                            sofar.convertSamples(),
                            new DefinitionCommands.Sample(value.getKey(), value.getValue(), to, null));
                } catch (ValueException e) {
                    clear++;
                    addSample(
                            sofar.clearSamples(),
                            new DefinitionCommands.Sample(value.getKey(), value.getValue(), null, e.getMessage()));
                }
            }
            DefinitionCommands.DryRun next2 =
                    new DefinitionCommands.DryRun(convert, clear, sofar.convertSamples(), sofar.clearSamples());
            return values.size() < DRY_RUN_PAGE
                    ? Uni.createFrom().item(next2)
                    : dryRunPage(
                            c,
                            tenantId,
                            key,
                            next,
                            renames,
                            values.keySet().stream().reduce((a, b) -> b).orElse(after),
                            next2);
        });
    }

    private static void addSample(List<DefinitionCommands.Sample> samples, DefinitionCommands.Sample sample) {
        if (samples.size() < DRY_RUN_SAMPLES) {
            samples.add(sample);
        }
    }

    private Uni<Void> uniqueTitle(
            SqlConnection c, Caller caller, EntityType entityType, String title, String exceptKey) {
        return definitions
                .titleTaken(c, caller.tenantId(), entityType, title, exceptKey)
                .flatMap(taken -> taken
                        ? Uni.createFrom()
                                .failure(new DomainException.Conflict(
                                        "title",
                                        "A " + entityType.wire() + " property titled '" + title + "' already exists"))
                        : Uni.createFrom().voidItem());
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
