package com.contactproperties.customer;

import com.contactproperties.customer.CustomerCommands.Property;
import com.contactproperties.customer.CustomerCommands.Result;
import com.contactproperties.customer.CustomerCommands.Subscriber;
import com.contactproperties.event.EventLog;
import com.contactproperties.event.EventOrigin;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.platform.idempotency.Idempotency;
import com.contactproperties.platform.ids.Ids;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.property.Keys;
import com.contactproperties.property.MissingProperties;
import com.contactproperties.property.PropertyDefinition;
import com.contactproperties.property.PropertyType;
import com.contactproperties.property.TypeSystem;
import com.contactproperties.property.ValueContext;
import com.contactproperties.property.ValueException;
import com.contactproperties.tag.TagNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Creates or updates customers by email with their properties and tags (seed 002), synchronously:
 * missing properties are created from their labels first, then every valid subscriber is written
 * by one INSERT ... ON CONFLICT and the tags by two more statements, whatever the request's size.
 */
@ApplicationScoped
public class CustomerService {

    /** The seed's types and the property types they become. */
    static final Map<String, PropertyType> TYPES = Map.of(
            "string",
            PropertyType.TEXT,
            "integer",
            PropertyType.NUMBER,
            "boolean",
            PropertyType.BOOLEAN,
            "collection",
            PropertyType.LIST,
            "date",
            PropertyType.DATE);

    private static final List<String> SYSTEM_PROPERTIES = List.of("First name", "Last name", "Company");
    private static final String OPERATION = "customers";
    private static final String UPSERT = """
      insert into contacts (tenant_id, id, name, email, custom_fields, created_at, updated_at)
      select $1, u.id, u.name, u.email, jsonb_strip_nulls((u.fields)::jsonb), $2, $2
        from unnest($3::text[], $4::text[], $5::text[], $6::text[]) as u(id, name, email, fields)
      on conflict (tenant_id, lower(email)) where deleted_at is null and email is not null
      do update set name = coalesce(nullif(excluded.name, ''), contacts.name),
                    custom_fields = jsonb_strip_nulls(contacts.custom_fields || (
                      select (u.fields)::jsonb from unnest($3::text[], $6::text[]) as u(id, fields) where u.id = excluded.id)),
                    updated_at = $2
      returning id, lower(email), (xmax = 0) as inserted""";

    private final DefinitionService definitions;
    private final MissingProperties missingProperties;
    private final Idempotency idempotency;
    private final EventLog events;

    CustomerService(
            DefinitionService definitions,
            MissingProperties missingProperties,
            Idempotency idempotency,
            EventLog events) {
        this.events = events;
        this.missingProperties = missingProperties;
        this.definitions = definitions;
        this.idempotency = idempotency;
    }

    /** Applies the subscribers and answers what {@code render} makes of the results, in request order. */
    public Uni<Idempotency.Answer> upsert(
            Caller caller,
            List<Subscriber> subscribers,
            boolean mayCreateProperties,
            Optional<String> key,
            String hash,
            Function<List<Result>, Idempotency.Answer> render) {
        return upsert(
                caller,
                subscribers,
                mayCreateProperties,
                OPERATION,
                key,
                hash,
                (tx, results) -> Uni.createFrom().item(render.apply(results)));
    }

    /**
     * Applies the subscribers exactly as {@code POST /api/v2/customers} does, then runs {@code then} with
     * their results in the same transaction (the survey endpoint records its requests there), under the
     * idempotency of {@code operation}.
     */
    public Uni<Idempotency.Answer> upsert(
            Caller caller,
            List<Subscriber> subscribers,
            boolean mayCreateProperties,
            String operation,
            Optional<String> key,
            String hash,
            BiFunction<SqlClient, List<Result>, Uni<Idempotency.Answer>> then) {
        if (subscribers == null || subscribers.isEmpty()) {
            throw new DomainException.Invalid(
                    "subscribers", "must list 1 to " + CustomerCommands.MAX_SUBSCRIBERS + " subscribers");
        }
        if (subscribers.size() > CustomerCommands.MAX_SUBSCRIBERS) {
            throw new DomainException.TooLarge(
                    "subscribers",
                    "At most " + CustomerCommands.MAX_SUBSCRIBERS + " subscribers per request, got "
                            + subscribers.size());
        }
        return idempotency.once(
                caller.tenantId(),
                operation,
                key,
                hash,
                tx -> events.declare(tx, EventOrigin.of(caller, operation))
                        .flatMap(x -> ensureProperties(tx, caller, subscribers, mayCreateProperties))
                        .map(index -> prepare(subscribers, index, mayCreateProperties))
                        .flatMap(prepared -> apply(tx, caller.tenantId(), prepared))
                        .flatMap(results -> then.apply(tx, results)));
    }

    /** Each subscriber validated; of two with one email the later is applied and the earlier reported. */
    private static List<Prepared> prepare(List<Subscriber> subscribers, DefinitionIndex index, boolean mayCreate) {
        List<Prepared> prepared = new ArrayList<>();
        Map<String, Integer> lastByEmail = new HashMap<>();
        for (int i = 0; i < subscribers.size(); i++) {
            Prepared p = Prepared.of(i, subscribers.get(i), index, mayCreate);
            prepared.add(p);
            if (p.errors.isEmpty()) {
                Integer earlier = lastByEmail.put(p.email, i);
                if (earlier != null) {
                    prepared.get(earlier)
                            .errors
                            .add(new FieldError(
                                    "email",
                                    "is repeated later in this request (subscribers[" + i
                                            + "]), which was applied instead"));
                }
            }
        }
        return prepared;
    }

    /** Upserts the valid subscribers and their tags in the transaction; answers every subscriber's result. */
    private static Uni<List<Result>> apply(SqlClient tx, String tenantId, List<Prepared> prepared) {
        List<Prepared> valid = prepared.stream().filter(p -> p.errors.isEmpty()).toList();
        if (valid.isEmpty()) {
            return Uni.createFrom().item(results(prepared, Map.of()));
        }
        return write(tx, tenantId, valid)
                .flatMap(written -> tag(tx, tenantId, valid, written).replaceWith(written))
                .map(written -> results(prepared, written));
    }

    /**
     * The tenant's definitions, after creating, in the upsert's transaction, the system properties and
     * the missing labels the caller may create.
     */
    private Uni<DefinitionIndex> ensureProperties(
            SqlConnection tx, Caller caller, List<Subscriber> subscribers, boolean mayCreate) {
        return definitions.index(caller.tenantId(), EntityType.CONTACT).flatMap(index -> {
            Map<String, PropertyType> missing = new LinkedHashMap<>();
            Set<String> wholeNumbers = new java.util.HashSet<>();
            SYSTEM_PROPERTIES.forEach(title -> {
                if (index.find(title).isEmpty()) {
                    missing.put(title, PropertyType.TEXT);
                }
            });
            if (mayCreate) {
                subscribers.stream()
                        .filter(s -> s != null && s.properties() != null)
                        .flatMap(s -> s.properties().stream())
                        .filter(p ->
                                p != null && p.label() != null && !p.label().isBlank())
                        .filter(p -> index.find(p.label()).isEmpty()
                                && index.find(Keys.fromTitle(p.label())).isEmpty())
                        .filter(p ->
                                p.type() == null || TYPES.containsKey(p.type().toLowerCase(Locale.ROOT)))
                        .forEach(p -> {
                            String type = p.type() == null ? "string" : p.type().toLowerCase(Locale.ROOT);
                            if (missing.putIfAbsent(p.label().strip(), TYPES.get(type)) == null
                                    && type.equals("integer")) {
                                wholeNumbers.add(p.label().strip());
                            }
                        });
            }
            return missing.isEmpty()
                    ? Uni.createFrom().item(index)
                    : missingProperties.create(tx, caller, EntityType.CONTACT, missing, wholeNumbers);
        });
    }

    /** Upserts every valid subscriber in one statement; answers email to (contact id, created). */
    private static Uni<Map<String, Written>> write(SqlClient tx, String tenantId, List<Prepared> valid) {
        return tx.preparedQuery(UPSERT)
                .execute(Tuple.of(
                        tenantId,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        valid.stream().map(p -> Ids.next("con")).toArray(String[]::new),
                        valid.stream().map(p -> p.name).toArray(String[]::new),
                        valid.stream().map(p -> p.email).toArray(String[]::new),
                        valid.stream().map(p -> p.fields.toString()).toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Written> written = new HashMap<>();
                    rows.forEach(
                            row -> written.put(row.getString(1), new Written(row.getString(0), row.getBoolean(2))));
                    return written;
                });
    }

    /** Creates the tags named and not yet existing, then attaches every named tag (tags are never removed here). */
    private static Uni<Void> tag(SqlClient tx, String tenantId, List<Prepared> valid, Map<String, Written> written) {
        List<String> contacts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        valid.forEach(p -> p.tags.forEach(tag -> {
            contacts.add(written.get(p.email).id());
            names.add(tag);
        }));
        return TagNames.attach(tx, tenantId, "customers", contacts, names);
    }

    private static List<Result> results(List<Prepared> prepared, Map<String, Written> written) {
        return prepared.stream()
                .map(p -> {
                    if (!p.errors.isEmpty()) {
                        List<FieldError> all = new ArrayList<>(p.errors);
                        all.addAll(p.valueErrors);
                        return new Result(p.email, "failed", null, all, p.warnings);
                    }
                    Written w = written.get(p.email);
                    return new Result(
                            p.email,
                            w.created() ? "created" : "updated",
                            w.id(),
                            List.copyOf(p.valueErrors),
                            p.warnings);
                })
                .toList();
    }

    private record Written(String id, boolean created) {}

    /**
     * One subscriber validated: its stored-form values (null marks a value to clear), or its errors.
     * Seed 002 says a value it cannot read "will not be stored", not that the customer fails: such a
     * value goes to {@code valueErrors} and the rest is applied; {@code errors} (the email) fail it whole.
     */
    private static final class Prepared {
        final String email;
        final String name;
        final ObjectNode fields = JsonNodeFactory.instance.objectNode();
        final Set<String> tags = new LinkedHashSet<>();
        final List<FieldError> errors = new ArrayList<>();
        final List<FieldError> valueErrors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        private Prepared(String email, String name) {
            this.email = email;
            this.name = name;
        }

        static Prepared of(int index, Subscriber s, DefinitionIndex definitions, boolean mayCreate) {
            String at = "subscribers[" + index + "].";
            String rawEmail = s == null || s.email() == null ? "" : s.email().strip();
            String email = null;
            List<FieldError> emailErrors = new ArrayList<>();
            try {
                email = TypeSystem.normalise(
                                definitions.find("email").orElseThrow(),
                                TextNode.valueOf(rawEmail),
                                ValueContext.DEFAULT)
                        .map(JsonNode::textValue)
                        .orElse(null);
            } catch (ValueException e) {
                emailErrors.add(new FieldError(at + "email", e.getMessage()));
            }
            if (email == null && emailErrors.isEmpty()) {
                emailErrors.add(new FieldError(at + "email", "is required: it identifies the customer"));
            }
            String first =
                    s == null || s.firstName() == null ? "" : s.firstName().strip();
            String last = s == null || s.lastName() == null ? "" : s.lastName().strip();
            Prepared p = new Prepared(
                    email == null ? rawEmail.toLowerCase(Locale.ROOT) : email.toLowerCase(Locale.ROOT),
                    String.join(" ", first, last).strip());
            p.errors.addAll(emailErrors);
            if (s == null) {
                return p;
            }
            p.put(
                    definitions,
                    "first_name",
                    s.firstName() == null ? null : TextNode.valueOf(first),
                    at + "first_name",
                    null);
            p.put(
                    definitions,
                    "last_name",
                    s.lastName() == null ? null : TextNode.valueOf(last),
                    at + "last_name",
                    null);
            p.put(
                    definitions,
                    "company",
                    s.company() == null ? null : TextNode.valueOf(s.company()),
                    at + "company",
                    null);
            if (s.tags() != null) {
                s.tags().stream()
                        .filter(t -> t != null && !t.isBlank())
                        .map(String::strip)
                        .forEach(p.tags::add);
            }
            List<Property> properties = s.properties() == null ? List.of() : s.properties();
            for (int i = 0; i < properties.size(); i++) {
                p.property(definitions, properties.get(i), at + "properties[" + i + "]", mayCreate);
            }
            return p;
        }

        private void property(DefinitionIndex definitions, Property property, String field, boolean mayCreate) {
            if (property == null || property.label() == null || property.label().isBlank()) {
                valueErrors.add(new FieldError(field + ".label", "is required"));
                return;
            }
            String type = property.type() == null ? null : property.type().toLowerCase(Locale.ROOT);
            if (type != null && !TYPES.containsKey(type)) {
                valueErrors.add(
                        new FieldError(field + ".type", "must be one of string, integer, boolean, collection or date"));
                return;
            }
            Optional<PropertyDefinition> definition =
                    definitions.find(property.label()).or(() -> definitions.find(Keys.fromTitle(property.label())));
            if (definition.isEmpty()) {
                valueErrors.add(
                        new FieldError(
                                field + ".label",
                                mayCreate
                                        ? "'" + property.label() + "' could not be created"
                                        : "'" + property.label()
                                                + "' is not a property yet, and creating one needs the custom_field:create scope"));
                return;
            }
            if (type != null && TYPES.get(type) != definition.get().type()) {
                warnings.add(field + ": '" + property.label() + "' is a "
                        + definition.get().type().wire() + " property; the value was read as "
                        + definition.get().type().wire() + ", not " + type);
            }
            JsonNode value = property.value() == null ? NullNode.getInstance() : property.value();
            if ("integer".equals(type) && value.isNumber() && !value.canConvertToExactIntegral()
                    || "integer".equals(type)
                            && value.isTextual()
                            && !value.textValue().isBlank()
                            && !value.textValue().strip().matches("-?\\d+")) {
                valueErrors.add(new FieldError(
                        field + ".value",
                        "Value '" + value.asText() + "' of property '"
                                + definition.get().title() + "' is not a whole number"));
                return;
            }
            put(definitions, definition.get().key(), value, field + ".value", definition.get());
        }

        /** Sets (or, for null or "", marks to clear) one value; {@code input} null leaves it untouched. */
        private void put(
                DefinitionIndex definitions, String key, JsonNode input, String field, PropertyDefinition known) {
            if (input == null) {
                return;
            }
            PropertyDefinition definition =
                    known != null ? known : definitions.find(key).orElse(null);
            if (definition == null) {
                return;
            }
            try {
                fields.set(
                        definition.key(),
                        TypeSystem.normalise(definition, input, ValueContext.DEFAULT)
                                .orElse(NullNode.getInstance()));
            } catch (ValueException e) {
                valueErrors.add(new FieldError(field, e.getMessage()));
            }
        }
    }
}
