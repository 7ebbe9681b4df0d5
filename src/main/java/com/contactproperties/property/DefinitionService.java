package com.contactproperties.property;

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
import java.util.function.Function;

/**
 * Property definitions of a tenant: list, read by any spelling, create with a generated key,
 * change and delete. Each operation is one transaction; changes to one tenant's definitions are
 * serialised so that key generation and the definition limit hold under concurrency.
 */
@ApplicationScoped
public class DefinitionService {

  private final Pool pool;
  private final DefinitionRepository definitions;
  private final AppConfig config;
  private final TaskService tasks;

  DefinitionService(Pool pool, DefinitionRepository definitions, AppConfig config, TaskService tasks) {
    this.pool = pool;
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
    return pool.withConnection(c -> definitions.list(c, tenantId, entityType).flatMap(all ->
        entityType != EntityType.CONTACT || all.stream().anyMatch(PropertyDefinition::predefined)
            ? Uni.createFrom().item(all)
            : definitions.ensurePredefined(c, tenantId, entityType).flatMap(ignored -> definitions.list(c, tenantId, entityType))))
        .map(DefinitionIndex::of);
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
    return inTransaction(caller, entityType, true, c -> definitions.countLive(c, caller.tenantId(), entityType)
        .flatMap(count -> count >= config.maxDefinitions()
            ? Uni.createFrom().failure(new DomainException.Conflict("title", "The tenant already has the maximum of "
                + config.maxDefinitions() + " " + entityType.wire() + " properties; delete one first"))
            : uniqueTitle(c, caller, entityType, title, ""))
        .flatMap(ignored -> definitions.keys(c, caller.tenantId(), entityType))
        .flatMap(keys -> {
          Instant now = now();
          PropertyDefinition created = new PropertyDefinition(entityType, Keys.unique(Keys.fromTitle(title), keys), title,
              type, choices, description, Boolean.TRUE.equals(command.agentActive()), false, now, caller.userId(), now);
          return definitions.insert(c, caller.tenantId(), created).replaceWith(created);
        }));
  }

  /** Changes the fields the command names; the key never changes. */
  public Uni<PropertyDefinition> change(Caller caller, EntityType entityType, String name, DefinitionCommands.Change command) {
    return inTransaction(caller, entityType, true, c -> require(c, caller, entityType, name)
        .flatMap(current -> changed(current, command).flatMap(next -> checkChange(c, caller, current, next)
            .flatMap(ignored -> definitions.update(c, caller.tenantId(), next)).replaceWith(next))));
  }

  /**
   * Deletes a definition: its values are hidden at once, a property_purge task removes them in the
   * background, and its key stays reserved until that task completes.
   */
  public Uni<Void> delete(Caller caller, EntityType entityType, String name) {
    return inTransaction(caller, entityType, true, c -> require(c, caller, entityType, name).flatMap(current -> {
      if (current.predefined()) {
        return Uni.createFrom().failure(new DomainException.Conflict("id",
            "'" + current.title() + "' is a predefined field and cannot be deleted"));
      }
      return definitions.softDelete(c, caller.tenantId(), entityType, current.key())
          .flatMap(ignored -> definitions.countHolders(c, caller.tenantId(), entityType, current.key()))
          .flatMap(holders -> tasks.create(c, caller.tenantId(), caller.userId(), TaskType.PROPERTY_PURGE, holders.intValue(),
              new JsonObject().put("entity_type", entityType.wire()).put("key", current.key()), List.of()))
          .replaceWithVoid();
    })).invoke(tasks::wake);
  }

  private Uni<PropertyDefinition> changed(PropertyDefinition current, DefinitionCommands.Change command) {
    String title = command.title() == null ? current.title() : DefinitionRules.title(command.title());
    PropertyType type = command.type() == null ? current.type() : DefinitionRules.type(command.type());
    List<String> requestedChoices = command.choices() == null && type == current.type() ? current.choices() : command.choices();
    List<String> choices = DefinitionRules.choices(type, requestedChoices);
    String description = command.description() == null
        ? current.description() : DefinitionRules.description(command.description().orElse(null));
    boolean agentActive = command.agentActive() == null ? current.agentActive() : command.agentActive();
    return Uni.createFrom().item(new PropertyDefinition(current.entityType(), current.key(), title, type, choices,
        description, agentActive, current.predefined(), current.createdAt(), current.createdBy(), now()));
  }

  private Uni<Void> checkChange(SqlConnection c, Caller caller, PropertyDefinition current, PropertyDefinition next) {
    boolean retyped = next.type() != current.type();
    boolean choiceLost = !next.choices().containsAll(current.choices());
    if (current.predefined() && retyped) {
      return Uni.createFrom().failure(new DomainException.Conflict("type",
          "'" + current.title() + "' is a predefined field and its type cannot change"));
    }
    Uni<Void> titleCheck = uniqueTitle(c, caller, current.entityType(), next.title(), current.key());
    if (!retyped && !choiceLost) {
      return titleCheck;
    }
    return titleCheck.flatMap(ignored -> definitions.countHolders(c, caller.tenantId(), current.entityType(), current.key()))
        .flatMap(holders -> holders == 0 ? Uni.createFrom().voidItem() : Uni.createFrom().failure(
            new DomainException.Conflict(retyped ? "type" : "choices", holders + " contacts hold values of '"
                + current.title() + "'; changing its " + (retyped ? "type" : "choices")
                + " would leave them invalid. Clear those values first")));
  }

  private Uni<Void> uniqueTitle(SqlConnection c, Caller caller, EntityType entityType, String title, String exceptKey) {
    return definitions.titleTaken(c, caller.tenantId(), entityType, title, exceptKey)
        .flatMap(taken -> taken ? Uni.createFrom().failure(new DomainException.Conflict("title",
            "A " + entityType.wire() + " property titled '" + title + "' already exists")) : Uni.createFrom().voidItem());
  }

  private Uni<PropertyDefinition> require(SqlConnection c, Caller caller, EntityType entityType, String name) {
    return definitions.list(c, caller.tenantId(), entityType)
        .map(all -> DefinitionIndex.of(all).find(name).orElseThrow(() -> new DomainException.NotFound("Property", name)));
  }

  private <T> Uni<T> inTransaction(Caller caller, EntityType entityType, boolean writes, Function<SqlConnection, Uni<T>> work) {
    return pool.withTransaction(c -> (writes ? definitions.lock(c, caller.tenantId(), entityType) : Uni.createFrom().voidItem())
        .flatMap(ignored -> definitions.ensurePredefined(c, caller.tenantId(), entityType))
        .flatMap(ignored -> work.apply(c)));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
