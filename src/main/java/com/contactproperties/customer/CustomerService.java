package com.contactproperties.customer;

import com.contactproperties.contact.ContactBatchRepository;
import com.contactproperties.customer.CustomerCommands.Property;
import com.contactproperties.customer.CustomerCommands.Result;
import com.contactproperties.customer.CustomerCommands.Subscriber;
import com.contactproperties.event.EventLog;
import com.contactproperties.event.EventOrigin;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.platform.idempotency.Idempotency;
import com.contactproperties.platform.ids.Ids;
import com.contactproperties.platform.json.Json;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.property.ContactPoints;
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
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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

/**
 * Creates or updates customers by email with their properties and tags (seed 002), synchronously:
 * missing properties are created from their labels first, then the valid subscribers are looked up
 * by email, merged or inserted, and tagged, a few statements whatever the request's size.
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

    /** Applies the subscribers and answers their results, in request order. */
    public Uni<List<Result>> upsert(
            Caller caller,
            List<Subscriber> subscribers,
            boolean mayCreateProperties,
            Optional<String> key,
            String hash) {
        return upsert(
                        caller,
                        subscribers,
                        mayCreateProperties,
                        OPERATION,
                        key,
                        hash,
                        Applied.class,
                        (tx, results) -> Uni.createFrom().item(new Applied(results)))
                .map(Applied::results);
    }

    /** The results of an upsert as its idempotency key keeps them. */
    @RegisterForReflection(registerFullHierarchy = true)
    record Applied(List<Result> results) {}

    /**
     * Applies the subscribers exactly as {@code POST /api/v2/customers} does, then runs {@code then} with
     * their results in the same transaction (the survey endpoint records its requests there), under the
     * idempotency of {@code operation}: a retry answers {@code then}'s first result, read back as {@code type}.
     */
    public <T> Uni<T> upsert(
            Caller caller,
            List<Subscriber> subscribers,
            boolean mayCreateProperties,
            String operation,
            Optional<String> key,
            String hash,
            Class<T> type,
            BiFunction<SqlClient, List<Result>, Uni<T>> then) {
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
                type,
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
        return definitions.index(tx, caller.tenantId(), EntityType.CONTACT).flatMap(index -> {
            Map<String, PropertyType> missing = new LinkedHashMap<>();
            Set<String> wholeNumbers = new java.util.HashSet<>();
            SYSTEM_PROPERTIES.stream()
                    .filter(title -> index.find(title).isEmpty())
                    .forEach(title -> missing.put(title, PropertyType.TEXT));
            if (mayCreate) {
                missingLabels(subscribers, index).forEach(p -> addMissing(p, missing, wholeNumbers));
            }
            return missing.isEmpty()
                    ? Uni.createFrom().item(index)
                    : missingProperties.create(tx, caller, EntityType.CONTACT, missing, wholeNumbers);
        });
    }

    /** The subscribers' properties whose labels name no definition, of a type the seed knows. */
    private static List<Property> missingLabels(List<Subscriber> subscribers, DefinitionIndex index) {
        return subscribers.stream()
                .filter(s -> s != null && s.properties() != null)
                .flatMap(s -> s.properties().stream())
                .filter(p -> p != null && p.label() != null && !p.label().isBlank())
                .filter(p -> index.find(p.label()).isEmpty()
                        && index.find(Keys.fromTitle(p.label())).isEmpty())
                .filter(p -> p.type() == null || TYPES.containsKey(p.type().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** Notes a property to create, the first of its label winning; an integer property stays a whole number. */
    private static void addMissing(Property p, Map<String, PropertyType> missing, Set<String> wholeNumbers) {
        String type = p.type() == null ? "string" : p.type().toLowerCase(Locale.ROOT);
        if (missing.putIfAbsent(p.label().strip(), TYPES.get(type)) == null && type.equals("integer")) {
            wholeNumbers.add(p.label().strip());
        }
    }

    /**
     * Writes every valid subscriber: those whose email a live contact has are merged into it (a
     * null value clears that property, an empty name keeps the contact's), the others are inserted.
     * Answers email to (contact id, created). A contact created meanwhile by another request fails
     * the insert on the unique email, which the caller sees as a conflict.
     */
    private static Uni<Map<String, Written>> write(SqlClient tx, String tenantId, List<Prepared> valid) {
        List<String> emails = valid.stream().map(p -> p.email).toList();
        return ContactBatchRepository.live(tx, tenantId, List.of(), emails, List.of())
                .flatMap(found -> {
                    Map<String, Written> written = new HashMap<>();
                    found.forEach(row -> written.put(row.getString(1), new Written(row.getString(0), false)));
                    valid.forEach(p -> written.computeIfAbsent(p.email, e -> new Written(Ids.next("con"), true)));
                    Instant now = Instant.now();
                    return merge(tx, tenantId, valid, written, now)
                            .call(() -> insert(tx, tenantId, valid, written, now))
                            .replaceWith(written);
                });
    }

    private static Uni<Void> merge(
            SqlClient tx, String tenantId, List<Prepared> valid, Map<String, Written> written, Instant now) {
        List<ContactBatchRepository.Change> changes = valid.stream()
                .filter(p -> !written.get(p.email).created())
                .map(p -> ContactBatchRepository.Change.of(
                        written.get(p.email).id(),
                        p.setValues(),
                        p.clearedKeys(),
                        p.name == null || p.name.isEmpty() ? Map.of() : Map.of("name", p.name),
                        (String) null))
                .toList();
        return changes.isEmpty()
                ? Uni.createFrom().voidItem()
                : ContactBatchRepository.apply(tx, tenantId, changes, now).replaceWithVoid();
    }

    private static Uni<Void> insert(
            SqlClient tx, String tenantId, List<Prepared> valid, Map<String, Written> written, Instant now) {
        List<ContactBatchRepository.NewContact> contacts = valid.stream()
                .filter(p -> written.get(p.email).created())
                .map(p -> new ContactBatchRepository.NewContact(
                        written.get(p.email).id(),
                        Json.write(Map.of("name", p.name == null ? "" : p.name, "email", p.email)),
                        p.setValues().toString(),
                        null))
                .toList();
        return ContactBatchRepository.insert(tx, tenantId, contacts, now);
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

        /** The values to store: every field but those marked to clear. */
        ObjectNode setValues() {
            ObjectNode set = JsonNodeFactory.instance.objectNode();
            fields.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    set.set(e.getKey(), e.getValue());
                }
            });
            return set;
        }

        /** The keys of the values to clear. */
        List<String> clearedKeys() {
            List<String> cleared = new ArrayList<>();
            fields.properties().forEach(e -> {
                if (e.getValue().isNull()) {
                    cleared.add(e.getKey());
                }
            });
            return cleared;
        }

        private Prepared(String email, String name) {
            this.email = email;
            this.name = name;
        }

        static Prepared of(int index, Subscriber s, DefinitionIndex definitions, boolean mayCreate) {
            String at = "subscribers[" + index + "].";
            String rawEmail = s == null || s.email() == null ? "" : s.email().strip();
            List<FieldError> emailErrors = new ArrayList<>();
            String email = email(definitions, rawEmail, at, emailErrors);
            String first =
                    s == null || s.firstName() == null ? "" : s.firstName().strip();
            String last = s == null || s.lastName() == null ? "" : s.lastName().strip();
            Prepared p = new Prepared(
                    ContactPoints.emailKey(email == null ? rawEmail : email),
                    String.join(" ", first, last).strip());
            p.errors.addAll(emailErrors);
            if (s != null) {
                p.putAll(definitions, s, at, mayCreate);
            }
            return p;
        }

        /** The subscriber's names, company, tags and properties. */
        private void putAll(DefinitionIndex definitions, Subscriber s, String at, boolean mayCreate) {
            put(definitions, "first_name", text(s.firstName()), at + "first_name", null);
            put(definitions, "last_name", text(s.lastName()), at + "last_name", null);
            put(
                    definitions,
                    "company",
                    s.company() == null ? null : TextNode.valueOf(s.company()),
                    at + "company",
                    null);
            if (s.tags() != null) {
                s.tags().stream()
                        .filter(t -> t != null && !t.isBlank())
                        .map(String::strip)
                        .forEach(tags::add);
            }
            List<Property> properties = s.properties() == null ? List.of() : s.properties();
            for (int i = 0; i < properties.size(); i++) {
                property(definitions, properties.get(i), at + "properties[" + i + "]", mayCreate);
            }
        }

        /** A name as a value, trimmed; null (untouched) when absent. */
        private static JsonNode text(String name) {
            return name == null ? null : TextNode.valueOf(name.strip());
        }

        /** The subscriber's email in stored form, or null with the reason in {@code errors}. */
        private static String email(DefinitionIndex definitions, String rawEmail, String at, List<FieldError> errors) {
            String email = null;
            try {
                email = TypeSystem.normalise(
                                definitions.find("email").orElseThrow(),
                                TextNode.valueOf(rawEmail),
                                ValueContext.DEFAULT)
                        .map(JsonNode::textValue)
                        .orElse(null);
            } catch (ValueException e) {
                errors.add(new FieldError(at + "email", e.getMessage()));
            }
            if (email == null && errors.isEmpty()) {
                errors.add(new FieldError(at + "email", "is required: it identifies the customer"));
            }
            return email;
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
            if ("integer".equals(type) && !wholeNumber(value)) {
                valueErrors.add(new FieldError(
                        field + ".value",
                        "Value '" + value.asText() + "' of property '"
                                + definition.get().title() + "' is not a whole number"));
                return;
            }
            put(definitions, definition.get().key(), value, field + ".value", definition.get());
        }

        /** Whether a value sent as {@code integer} is a whole number (or empty, which clears). */
        private static boolean wholeNumber(JsonNode value) {
            if (value.isNumber()) {
                return value.canConvertToExactIntegral();
            }
            return !value.isTextual()
                    || value.textValue().isBlank()
                    || value.textValue().strip().matches("-?\\d+");
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
