package com.contactproperties.webhook;

import com.contactproperties.event.EventTypes;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.platform.ids.Ids;
import com.contactproperties.platform.paging.Page;
import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.platform.paging.PageToken;
import com.contactproperties.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Webhook subscriptions of a tenant and their deliveries: the rules (a URL a webhook may reach,
 * known event types, a secret shown once) and the transactions.
 */
@ApplicationScoped
public class WebhookService {

    /** Event types a subscription names; {@code *} is every type, present and future. */
    public static final String ALL_TYPES = "*";

    private static final int MAX_DESCRIPTION = 500;
    private static final String LIST = "webhooks";
    private static final String DELIVERIES = "webhook-deliveries";

    private final Pool pool;
    private final WebhookRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final Destinations destinations;
    private final PageToken pageTokens;

    WebhookService(
            Pool pool,
            WebhookRepository subscriptions,
            DeliveryRepository deliveries,
            Destinations destinations,
            PageToken pageTokens) {
        this.pool = pool;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.destinations = destinations;
        this.pageTokens = pageTokens;
    }

    /** What a client sends to create a subscription; null event types is every type, null active is true. */
    public record Create(String url, List<String> eventTypes, String description, Boolean active) {}

    /** What a client sends to change a subscription; a null field stays as it is. */
    public record Change(
            String url, List<String> eventTypes, boolean descriptionGiven, String description, Boolean active) {}

    /**
     * Creates a subscription after checking its URL (resolved, never contacted); the answer holds the
     * signing secret, which is shown this once.
     */
    public Uni<Subscription.WithSecret> create(Caller caller, Create request) {
        List<String> types = eventTypes(request.eventTypes() == null ? List.of(ALL_TYPES) : request.eventTypes());
        String description = description(request.description());
        String secret = Signatures.newSecret();
        return destinations
                .resolve("url", request.url())
                .flatMap(checked -> pool.withTransaction(c -> subscriptions
                        .insert(
                                c,
                                caller.tenantId(),
                                Ids.next("whk"),
                                request.url().strip(),
                                types,
                                description,
                                request.active() == null || request.active(),
                                secret,
                                caller.userId())
                        .call(created -> subscriptions.ensureCursor(c, caller.tenantId()))
                        .map(created -> new Subscription.WithSecret(created, secret))));
    }

    public Uni<Subscription> get(Caller caller, String id) {
        return pool.withConnection(c -> subscriptions.find(c, caller.tenantId(), id))
                .map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /** The tenant's subscriptions, oldest first. */
    public Uni<Page<Subscription>> list(Caller caller, PageRequest page) {
        List<String> after = page.pageToken() == null ? null : pageTokens.decode(LIST, page.pageToken(), 2);
        return pool.withConnection(c -> subscriptions.page(
                        c,
                        caller.tenantId(),
                        after == null ? null : Instant.parse(after.get(0)),
                        after == null ? null : after.get(1),
                        page.pageSize() + 1))
                .map(rows -> {
                    if (rows.size() <= page.pageSize()) {
                        return new Page<>(rows, null);
                    }
                    Subscription last = rows.get(page.pageSize() - 1);
                    return new Page<>(
                            rows.subList(0, page.pageSize()),
                            pageTokens.encode(LIST, List.of(last.createdAt().toString(), last.id())));
                });
    }

    /** Changes a subscription; a new URL is checked like at creation, and switching it on clears why it was off. */
    public Uni<Subscription> update(Caller caller, String id, Change change) {
        List<String> types = change.eventTypes() == null ? null : eventTypes(change.eventTypes());
        String description = change.descriptionGiven() ? description(change.description()) : null;
        Uni<Optional<String>> url = change.url() == null
                ? Uni.createFrom().item(Optional.empty())
                : destinations
                        .resolve("url", change.url())
                        .map(checked -> Optional.of(change.url().strip()));
        return url.flatMap(checked -> pool.withTransaction(c -> subscriptions.update(
                        c,
                        caller.tenantId(),
                        id,
                        new WebhookRepository.Patch(
                                checked.orElse(null), types, change.descriptionGiven(), description, change.active()))))
                .map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /** Replaces the signing secret at once; the new one is answered this once. */
    public Uni<Subscription.WithSecret> rotateSecret(Caller caller, String id) {
        String secret = Signatures.newSecret();
        return pool.withTransaction(c -> subscriptions.rotateSecret(c, caller.tenantId(), id, secret))
                .map(found -> new Subscription.WithSecret(found.orElseThrow(() -> notFound(id)), secret));
    }

    /** Deletes a subscription with its deliveries; nothing more is sent to it. */
    public Uni<Void> delete(Caller caller, String id) {
        return pool.withTransaction(c -> subscriptions
                .delete(c, caller.tenantId(), id)
                .flatMap(deleted -> deleted
                        ? subscriptions.dropUnusedCursor(c, caller.tenantId())
                        : Uni.createFrom().failure(notFound(id))));
    }

    /** The subscription's deliveries, newest first, each with its attempts. */
    public Uni<Page<Delivery>> deliveries(Caller caller, String id, PageRequest page) {
        Long before = page.pageToken() == null
                ? null
                : Long.parseLong(pageTokens
                        .decode(DELIVERIES + ":" + id, page.pageToken(), 1)
                        .get(0));
        return get(caller, id)
                .flatMap(found -> pool.withConnection(
                        c -> deliveries.page(c, caller.tenantId(), id, before, page.pageSize() + 1)))
                .map(rows -> {
                    List<Delivery> items = new ArrayList<>();
                    rows.stream().limit(page.pageSize()).forEach(row -> items.add(row.delivery()));
                    String next = rows.size() <= page.pageSize()
                            ? null
                            : pageTokens.encode(
                                    DELIVERIES + ":" + id,
                                    List.of(String.valueOf(
                                            rows.get(page.pageSize() - 1).seq())));
                    return new Page<>(items, next);
                });
    }

    /**
     * Sends one delivery again as soon as a sender is free: a pending one at once, an ended one with
     * one more attempt. The subscription must be active (409 otherwise).
     */
    public Uni<Delivery> retry(Caller caller, String id, String deliveryId) {
        return get(caller, id).flatMap(subscription -> {
            if (!subscription.active()) {
                return Uni.createFrom()
                        .failure(new DomainException.Conflict(
                                "active", "The subscription is not active: set active to true to send deliveries"));
            }
            return pool.withTransaction(c -> deliveries.retry(c, caller.tenantId(), id, deliveryId))
                    .map(found -> found.orElseThrow(() -> new DomainException.NotFound("Delivery", deliveryId)));
        });
    }

    private static List<String> eventTypes(List<String> requested) {
        if (requested.isEmpty()) {
            throw new DomainException.Invalid("event_types", "must name at least one event type, or \"*\" for all");
        }
        List<FieldError> errors = new ArrayList<>();
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String type = requested.get(i) == null ? "" : requested.get(i).strip();
            if (!type.equals(ALL_TYPES) && !EventTypes.ALL.contains(type)) {
                errors.add(new FieldError(
                        "event_types[" + i + "]",
                        "'" + type + "' is not an event type; the types are \"*\" (all), "
                                + String.join(", ", EventTypes.ALL)));
            }
            types.add(type);
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return types.contains(ALL_TYPES) ? List.of(ALL_TYPES) : List.copyOf(types);
    }

    private static String description(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new DomainException.Invalid("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return description == null || description.isBlank() ? null : description.strip();
    }

    private static DomainException notFound(String id) {
        return new DomainException.NotFound("Webhook", id);
    }
}
