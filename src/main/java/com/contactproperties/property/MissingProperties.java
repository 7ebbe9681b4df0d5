package com.contactproperties.property;

import com.contactproperties.platform.AppConfig;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.platform.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Properties for names that no definition answers to (the unknown columns of a CSV import with
 * createMissingProperties, the new labels of a customer upsert), titled and keyed as
 * {@link DefinitionService#create} would. A dry run checks against them without storing anything; a
 * real run stores them in its own transaction, so that a request refused later stores none.
 */
@ApplicationScoped
public class MissingProperties {

    private final DefinitionRepository definitions;
    private final AppConfig config;

    MissingProperties(DefinitionRepository definitions, AppConfig config) {
        this.definitions = definitions;
        this.config = config;
    }

    /** The text definitions {@link #create} would add now, not stored. */
    public List<PropertyDefinition> unsaved(
            Caller caller, EntityType entityType, DefinitionIndex index, List<String> names) {
        List<PropertyDefinition> added = missing(entityType, index, index.keys(), text(names), caller.userId());
        checkRoom(index.all().size(), added.size(), entityType);
        return added;
    }

    /** Stores text properties for the names, as {@link #create(SqlConnection, Caller, EntityType, Map)} does. */
    public Uni<DefinitionIndex> create(SqlConnection tx, Caller caller, EntityType entityType, List<String> names) {
        return create(tx, caller, entityType, text(names));
    }

    private static Map<String, PropertyType> text(List<String> names) {
        Map<String, PropertyType> typed = new LinkedHashMap<>();
        names.forEach(name -> typed.put(name, PropertyType.TEXT));
        return typed;
    }

    /**
     * Stores a property of the given type for each name no live definition answers to, in the caller's
     * transaction, under the definitions lock that {@link DefinitionService} takes for every change,
     * and answers the live definitions after.
     */
    public Uni<DefinitionIndex> create(
            SqlConnection tx, Caller caller, EntityType entityType, Map<String, PropertyType> names) {
        return create(tx, caller, entityType, names, Set.of());
    }

    /** As {@link #create(SqlConnection, Caller, EntityType, Map)}, the names in {@code wholeNumbers} holding whole numbers only. */
    public Uni<DefinitionIndex> create(
            SqlConnection tx,
            Caller caller,
            EntityType entityType,
            Map<String, PropertyType> names,
            Set<String> wholeNumbers) {
        String tenantId = caller.tenantId();
        return definitions
                .lock(tx, tenantId, entityType)
                .flatMap(ignored -> definitions.ensurePredefined(tx, tenantId, entityType))
                .flatMap(ignored -> definitions.list(tx, tenantId, entityType))
                // Keying up to 500 titles derives every spelling of every key: CPU work, kept off the event loop.
                .flatMap(live -> definitions
                        .keys(tx, tenantId, entityType)
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .flatMap(keys -> {
                            List<PropertyDefinition> added = missing(
                                    entityType, DefinitionIndex.of(live), keys, names, wholeNumbers, caller.userId());
                            checkRoom(live.size(), added.size(), entityType);
                            return Multi.createFrom()
                                    .iterable(added)
                                    .onItem()
                                    .transformToUniAndConcatenate(d -> definitions.insert(tx, tenantId, d))
                                    .collect()
                                    .last()
                                    .replaceWith(DefinitionIndex.of(Stream.concat(live.stream(), added.stream())
                                            .toList()));
                        }));
    }

    /**
     * A definition for each name that neither {@code index} nor an earlier name designates (so
     * "Shoe size" and "shoe-size" add one); a name that cannot be a title fails, naming itself.
     */
    private static List<PropertyDefinition> missing(
            EntityType entityType,
            DefinitionIndex index,
            Collection<String> takenKeys,
            Map<String, PropertyType> names,
            String createdBy) {
        return missing(entityType, index, takenKeys, names, Set.of(), createdBy);
    }

    /** As {@link #missing(EntityType, DefinitionIndex, Collection, Map, String)}; numbers named in {@code wholeNumbers} hold whole numbers only. */
    private static List<PropertyDefinition> missing(
            EntityType entityType,
            DefinitionIndex index,
            Collection<String> takenKeys,
            Map<String, PropertyType> names,
            Set<String> wholeNumbers,
            String createdBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<PropertyDefinition> added = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Set<String> keys = new HashSet<>(takenKeys);
        for (Map.Entry<String, PropertyType> named : names.entrySet()) {
            String name = named.getKey();
            if (DefinitionIndex.of(
                            Stream.concat(index.all().stream(), added.stream()).toList())
                    .find(name)
                    .isPresent()) {
                continue;
            }
            try {
                boolean whole = named.getValue() == PropertyType.NUMBER && wholeNumbers.contains(name);
                added.add(textual(entityType, name, named.getValue(), whole, keys, createdBy, now));
            } catch (DomainException.Invalid e) {
                e.errors()
                        .forEach(error -> errors.add(
                                new FieldError(name, "cannot be the title of a new property: it " + error.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return added;
    }

    /** A new definition titled {@code name}, with a key none of {@code keys} has (added to them). */
    private static PropertyDefinition textual(
            EntityType entityType,
            String name,
            PropertyType type,
            boolean wholeNumber,
            Set<String> keys,
            String createdBy,
            Instant now) {
        String title = DefinitionRules.title(name);
        String key = Keys.unique(Keys.fromTitle(title), keys);
        keys.add(key);
        return new PropertyDefinition(
                entityType, key, title, type, List.of(), null, false, false, now, createdBy, now, wholeNumber);
    }

    private void checkRoom(int live, int adding, EntityType entityType) {
        if (adding > 0 && live + adding > config.maxDefinitions()) {
            throw new DomainException.Conflict(
                    "title",
                    "Creating " + adding + " " + entityType.wire() + " properties would pass the"
                            + " tenant's maximum of " + config.maxDefinitions() + " (it has " + live
                            + "); delete some first");
        }
    }
}
