package com.contactproperties.customer;

import com.contactproperties.contact.ContactBatchRepository;
import com.contactproperties.contact.ContactService;
import com.contactproperties.contact.ContactView;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.json.Json;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.property.ContactPoints;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.property.PropertyDefinition;
import com.contactproperties.tag.TagNames;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one customer back by email as {@code /api/v2} wrote it: properties by label with their seed 002 types, tags by name. */
@ApplicationScoped
public class CustomerReader {

    /** One property of a customer: its label (the key), its {@code /api/v2} type and the stored value. */
    public record Property(String label, String type, JsonNode value) {}

    /** A customer as {@code /api/v2} shows it. */
    public record Customer(
            String contactId,
            String email,
            String name,
            List<String> tags,
            List<Property> properties,
            Instant createdAt,
            Instant updatedAt) {}

    private final Pool pool;
    private final ContactService contacts;
    private final DefinitionService definitions;

    CustomerReader(Pool pool, ContactService contacts, DefinitionService definitions) {
        this.pool = pool;
        this.contacts = contacts;
        this.definitions = definitions;
    }

    /** The live customer with this email (ignoring case); a 404 when there is none. */
    public Uni<Customer> byEmail(Caller caller, String email) {
        if (email == null || email.isBlank()) {
            return Uni.createFrom()
                    .failure(new DomainException.BadRequest("email", "is required: the customer's email"));
        }
        String wanted = ContactPoints.emailKey(email);
        return ContactBatchRepository.live(pool, caller.tenantId(), List.of(), List.of(wanted), List.of())
                .flatMap(rows -> rows.size() == 0
                        ? Uni.createFrom().failure(new DomainException.NotFound("Customer", email.strip()))
                        : contacts.get(caller, rows.iterator().next().getString(0)))
                .flatMap(contact -> definitions
                        .index(caller.tenantId(), EntityType.CONTACT)
                        .flatMap(index -> TagNames.names(pool, caller.tenantId(), contact.tagIds())
                                .map(tags -> customer(contact, index, tags))));
    }

    private static Customer customer(ContactView contact, DefinitionIndex index, List<String> tags) {
        List<Property> properties = new ArrayList<>();
        Json.tree(contact.customFields()).fields().forEachRemaining(field -> {
            Optional<PropertyDefinition> definition = index.find(field.getKey());
            definition.ifPresent(d -> properties.add(new Property(d.key(), v2Type(d), field.getValue())));
        });
        return new Customer(
                contact.id(),
                contact.email(),
                contact.name(),
                tags,
                properties,
                contact.createdAt(),
                contact.updatedAt());
    }

    /** Seed 002's five types where a property has one; the product's type name for the others (email, phone, url, choices). */
    static String v2Type(PropertyDefinition d) {
        return switch (d.type()) {
            case TEXT -> "string";
            case NUMBER -> d.wholeNumber() ? "integer" : "number";
            case BOOLEAN -> "boolean";
            case LIST -> "collection";
            case DATE -> "date";
            default -> d.type().wire();
        };
    }
}
