package com.contactproperties.contact;

import com.contactproperties.event.EventLog;
import com.contactproperties.event.EventOrigin;
import com.contactproperties.platform.db.Constraints;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.platform.ids.Ids;
import com.contactproperties.platform.paging.Page;
import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.platform.paging.PageToken;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.DefinitionSnapshot;
import com.contactproperties.property.EntityType;
import com.contactproperties.property.ValueContext;
import com.contactproperties.property.ValuePatch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Contacts of a tenant: create, read, change, archive, delete, and their custom values and tags. */
@ApplicationScoped
public class ContactService {

    private final Pool pool;
    private final EventLog events;
    private final ContactRepository contacts;
    private final DefinitionService definitions;
    private final PageToken pageTokens;
    private final SearchStatistics searchStatistics;

    ContactService(
            Pool pool,
            ContactRepository contacts,
            DefinitionService definitions,
            PageToken pageTokens,
            SearchStatistics searchStatistics,
            EventLog events) {
        this.events = events;
        this.searchStatistics = searchStatistics;
        this.pool = pool;
        this.contacts = contacts;
        this.definitions = definitions;
        this.pageTokens = pageTokens;
    }

    /** The live contact with this id in the caller's tenant. */
    public Uni<ContactView> get(Caller caller, String id) {
        return require(pool, caller, id);
    }

    /** Creates a contact with its identities, tags and custom values, all or nothing. */
    public Uni<ContactView> create(Caller caller, ContactCommands.Create command) {
        return definitions
                .index(caller.tenantId(), EntityType.CONTACT)
                .flatMap(index -> {
                    Write write = Write.of(index, command);
                    String id = Ids.next("con");
                    return inTransaction(
                            caller,
                            c -> checkUnique(c, caller, id, write.columns())
                                    .flatMap(ignored -> contacts.insert(
                                            c, caller.tenantId(), id, write.columns(), write.values(), now()))
                                    .flatMap(ignored ->
                                            contacts.replaceIdentities(c, caller.tenantId(), id, write.identities()))
                                    .flatMap(ignored -> attachTags(c, caller, id, command.tagIds()))
                                    .flatMap(ignored -> require(c, caller, id)));
                })
                .onFailure(Constraints::isUniqueViolation)
                .transform(ContactService::duplicate);
    }

    /** Changes the fields the command names; custom values merge, identities are replaced when given. */
    public Uni<ContactView> change(Caller caller, String id, ContactCommands.Change command) {
        return definitions
                .index(caller.tenantId(), EntityType.CONTACT)
                .flatMap(index -> {
                    Write write = Write.of(index, command);
                    return inTransaction(
                            caller,
                            c -> update(c, caller, id, write)
                                    .flatMap(ignored -> command.identities() == null
                                            ? Uni.createFrom().voidItem()
                                            : contacts.replaceIdentities(c, caller.tenantId(), id, write.identities()))
                                    .flatMap(ignored -> require(c, caller, id)));
                })
                .onFailure(Constraints::isUniqueViolation)
                .transform(ContactService::duplicate);
    }

    /** Sets or, with null or "", clears one custom value, named by any spelling of its property. */
    public Uni<Void> setValue(Caller caller, String id, String field, JsonNode value) {
        return definitions
                .index(caller.tenantId(), EntityType.CONTACT)
                .flatMap(index -> {
                    if (index.find(field).isEmpty()) {
                        return Uni.createFrom().failure(new DomainException.NotFound("Custom field", field));
                    }
                    Write write = Write.ofValue(index, field, value);
                    return inTransaction(caller, c -> update(c, caller, id, write));
                })
                .onFailure(Constraints::isUniqueViolation)
                .transform(ContactService::duplicate);
    }

    /** Soft-deletes a contact: it is 404 everywhere from now on and frees its email and username. */
    public Uni<Void> delete(Caller caller, String id) {
        return inTransaction(caller, c -> contacts.mark(c, caller.tenantId(), id, "deleted_at", true, now()))
                .flatMap(done ->
                        done ? Uni.createFrom().voidItem() : Uni.createFrom().failure(notFound(id)));
    }

    /** Archives or unarchives; 409 when the contact is already in that state. */
    public Uni<Void> archive(Caller caller, String id, boolean archived) {
        return inTransaction(caller, c -> contacts.mark(c, caller.tenantId(), id, "archived_at", archived, now()))
                .flatMap(done -> done
                        ? Uni.createFrom().voidItem()
                        : contacts.exists(pool, caller.tenantId(), id)
                                .flatMap(exists -> Uni.createFrom()
                                        .failure(
                                                exists
                                                        ? new DomainException.Conflict(
                                                                "archivedAt",
                                                                "Contact '" + id + "' is "
                                                                        + (archived ? "already" : "not") + " archived")
                                                        : notFound(id))));
    }

    /** Attaches a tag (idempotent); an unknown contact or tag is 404. */
    public Uni<Void> tag(Caller caller, String id, String tagId) {
        return inTransaction(
                caller,
                c -> requireExists(c, caller, id)
                        .flatMap(ignored -> contacts.addTags(c, caller.tenantId(), id, List.of(tagId)))
                        .flatMap(unknown -> unknown.isEmpty()
                                ? touch(c, caller, id)
                                : Uni.createFrom().failure(new DomainException.NotFound("Tag", tagId))));
    }

    /** Detaches a tag (idempotent); an unknown contact or tag is 404. */
    public Uni<Void> untag(Caller caller, String id, String tagId) {
        return inTransaction(
                caller,
                c -> requireExists(c, caller, id)
                        .flatMap(ignored -> contacts.tagExists(c, caller.tenantId(), tagId))
                        .flatMap(exists -> !exists
                                ? Uni.createFrom().failure(new DomainException.NotFound("Tag", tagId))
                                : contacts.removeTag(c, caller.tenantId(), id, tagId)
                                        .flatMap(ignored -> touch(c, caller, id))));
    }

    /** One page of the contacts that match the filter, in the filter's order. */
    public Uni<Page<ContactView>> list(Caller caller, ContactFilter filter, PageRequest page) {
        String tokenList = ContactQuery.tokenList(filter);
        List<Object> after = null;
        if (page.pageToken() != null) {
            List<String> position = pageTokens.decode(tokenList, page.pageToken(), 2);
            after = List.of(ContactQuery.sortParameter(filter.orderBy(), position.get(0)), position.get(1));
        }
        List<Object> keyset = after;
        int limit = page.pageSize() + 1;
        Uni<List<ContactView>> found;
        if (filter.customFields() == null || filter.customFields().isEmpty()) {
            found = find(caller, filter, keyset, limit, DefinitionSnapshot.NONE);
        } else {
            // Built from the definitions this instance remembers, the statement checks that they are still
            // current and finds nothing if not (DefinitionSnapshot); a filter those definitions refuse or
            // an empty page is then answered from definitions read now, as every filter was before.
            found = definitions
                    .rememberedContactDefinitions(caller.tenantId())
                    .flatMap(known -> !known.remembered()
                            ? find(caller, filter, keyset, limit, known)
                            : find(caller, filter, keyset, limit, known)
                                    .onFailure(DomainException.BadRequest.class)
                                    .recoverWithItem(List.of())
                                    .flatMap(items -> !items.isEmpty()
                                            ? Uni.createFrom().item(items)
                                            : definitions
                                                    .currentContactDefinitions(caller.tenantId())
                                                    .flatMap(current -> find(caller, filter, keyset, limit, current))));
        }
        return found.map(items -> {
            if (items.size() <= page.pageSize()) {
                return new Page<>(items, null);
            }
            ContactView last = items.get(page.pageSize() - 1);
            return new Page<>(
                    items.subList(0, page.pageSize()),
                    pageTokens.encode(tokenList, List.of(ContactQuery.sortValue(filter.orderBy(), last), last.id())));
        });
    }

    private Uni<List<ContactView>> find(
            Caller caller, ContactFilter filter, List<Object> after, int limit, DefinitionSnapshot definitions) {
        // Built inside the Uni, so that a filter the definitions refuse is a failure of it.
        return Uni.createFrom()
                .item(() -> ContactQuery.list(
                        caller.tenantId(),
                        definitions,
                        filter,
                        after,
                        limit,
                        filter.search() == null
                                ? ContactQuery.Statistics.NONE
                                : searchStatistics.of(caller.tenantId())))
                .flatMap(query -> pool.preparedQuery(query.sql()).execute(Tuple.wrap(query.parameters())))
                .map(rows -> {
                    List<ContactView> items = new ArrayList<>(rows.size());
                    rows.forEach(row -> items.add(ContactRows.toView(row)));
                    return items;
                });
    }

    /**
     * How many contacts match the filter (its order aside), counting no further than {@code cap};
     * the definitions are read now, as a filter of unknown properties must be refused, not count 0.
     */
    public Uni<Long> count(Caller caller, ContactFilter filter, int cap) {
        return definitions
                .index(caller.tenantId(), EntityType.CONTACT)
                .map(index -> ContactQuery.count(caller.tenantId(), index, filter, cap))
                .flatMap(query -> pool.preparedQuery(query.sql()).execute(Tuple.wrap(query.parameters())))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The number of live contacts, archived or not. */
    public Uni<Long> count(Caller caller, boolean archived) {
        return contacts.count(pool, caller.tenantId(), archived);
    }

    /** A transaction whose contact changes are announced as the caller's (see {@link EventLog}). */
    private <T> Uni<T> inTransaction(Caller caller, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(
                c -> events.declare(c, EventOrigin.of(caller)).flatMap(x -> work.apply(c)));
    }

    private Uni<Void> update(SqlClient c, Caller caller, String id, Write write) {
        return checkUnique(c, caller, id, write.columns())
                .flatMap(ignored -> contacts.update(c, caller.tenantId(), id, write.columns(), write.values(), now()))
                .flatMap(found ->
                        found ? Uni.createFrom().voidItem() : Uni.createFrom().failure(notFound(id)));
    }

    private Uni<Void> touch(SqlClient c, Caller caller, String id) {
        return contacts.update(c, caller.tenantId(), id, Map.of(), ValuePatch.NONE, now())
                .replaceWithVoid();
    }

    private Uni<Void> attachTags(SqlClient c, Caller caller, String id, List<String> tagIds) {
        if (tagIds == null || tagIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return contacts.addTags(c, caller.tenantId(), id, tagIds)
                .flatMap(unknown -> unknown.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom()
                                .failure(new DomainException.Invalid(unknown.stream()
                                        .map(tag ->
                                                new FieldError("tagIds", "'" + tag + "' is not a tag of this tenant"))
                                        .toList())));
    }

    /** Email and username are unique among the tenant's live contacts, ignoring case. */
    private Uni<Void> checkUnique(SqlClient c, Caller caller, String id, Map<String, Object> columns) {
        Uni<Void> checks = Uni.createFrom().voidItem();
        for (String column : List.of("email", "username")) {
            if (columns.get(column) instanceof String value) {
                checks = checks.flatMap(ignored -> contacts.holderOf(c, caller.tenantId(), column, value, id)
                        .flatMap(holder -> holder.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : Uni.createFrom()
                                        .failure(new DomainException.Conflict(
                                                column,
                                                "The " + column + " '" + value + "' already belongs to contact "
                                                        + holder.get()))));
            }
        }
        return checks;
    }

    private Uni<Void> requireExists(SqlClient c, Caller caller, String id) {
        return contacts.exists(c, caller.tenantId(), id)
                .flatMap(exists ->
                        exists ? Uni.createFrom().voidItem() : Uni.createFrom().failure(notFound(id)));
    }

    private Uni<ContactView> require(SqlClient c, Caller caller, String id) {
        return contacts.find(c, caller.tenantId(), id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    private static DomainException notFound(String id) {
        return new DomainException.NotFound("Contact", id);
    }

    private static Throwable duplicate(Throwable e) {
        String field = Constraints.violatedUniqueKey(e).orElse("").contains("username") ? "username" : "email";
        return new DomainException.Conflict(field, "Another live contact already has this " + field);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A validated write: contact columns, custom values and identities. */
    private record Write(
            Map<String, Object> columns, ValuePatch values, List<ContactCommands.IdentityInput> identities) {

        /** A creation is a change of an empty contact in which every field sent is set. */
        static Write of(DefinitionIndex index, ContactCommands.Create command) {
            return of(
                    index,
                    new ContactCommands.Change(
                            sent(command.name()),
                            sent(command.email()),
                            sent(command.username()),
                            sent(command.phone()),
                            sent(command.language()),
                            sent(command.status()),
                            command.identities() == null ? List.of() : command.identities(),
                            command.customFields()));
        }

        private static Optional<String> sent(String value) {
            return value == null ? null : Optional.of(value);
        }

        static Write of(DefinitionIndex index, ContactCommands.Change command) {
            List<FieldError> errors = new ArrayList<>();
            ContactFields rules = new ContactFields(index, ValueContext.DEFAULT, errors);
            ValuePatch values = values(index, command.customFields(), errors);
            Map<String, Object> columns = new HashMap<>();
            values.predefined().forEach((key, value) -> columns.put(key, value.orElse(null)));
            put(columns, "name", command.name(), rules::name);
            put(columns, "email", command.email(), v -> rules.predefined("email", v));
            put(columns, "phone", command.phone(), v -> rules.predefined("phone", v));
            put(columns, "username", command.username(), rules::username);
            put(columns, "language", command.language(), rules::language);
            put(columns, "status_override", command.status(), rules::status);
            List<ContactCommands.IdentityInput> identities = rules.identities(command.identities());
            rules.throwIfInvalid();
            return new Write(columns, values, identities);
        }

        static Write ofValue(DefinitionIndex index, String field, JsonNode value) {
            ValuePatch values;
            try {
                values = ValuePatch.of(
                        index, Map.of(field, value == null ? NullNode.getInstance() : value), ValueContext.DEFAULT, "");
            } catch (DomainException e) {
                throw e.withFields(name -> "value");
            }
            Map<String, Object> columns = new HashMap<>();
            values.predefined().forEach((key, stored) -> columns.put(key, stored.orElse(null)));
            return new Write(columns, values, List.of());
        }

        private static ValuePatch values(DefinitionIndex index, Map<String, JsonNode> input, List<FieldError> errors) {
            try {
                return input == null
                        ? ValuePatch.NONE
                        : ValuePatch.of(index, input, ValueContext.DEFAULT, "customFields.");
            } catch (DomainException e) {
                errors.addAll(e.errors());
                return ValuePatch.NONE;
            }
        }

        private static void put(
                Map<String, Object> columns, String column, Optional<String> change, Function<String, String> rule) {
            if (change != null) {
                columns.put(column, rule.apply(change.orElse(null)));
            }
        }
    }
}
