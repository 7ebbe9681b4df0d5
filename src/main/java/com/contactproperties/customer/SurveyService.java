package com.contactproperties.customer;

import com.contactproperties.customer.CustomerCommands.Result;
import com.contactproperties.customer.CustomerCommands.Subscriber;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.platform.ids.Ids;
import com.contactproperties.platform.paging.Page;
import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.platform.paging.PageToken;
import com.contactproperties.platform.security.Caller;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Transactional surveys of seed 002: the customers are applied exactly as the customer upsert applies
 * them, and one survey request per applied customer is recorded in the same transaction. Sending is
 * another system's job: it lists the requests and reports each one sent or failed.
 */
@ApplicationScoped
public class SurveyService {

    /** Longest delay, in days, a survey may wait. */
    public static final int MAX_DELAY_DAYS = 365;
    /** The statuses a delivering system may report. */
    public static final Set<String> REPORTED = Set.of("sent", "failed");

    private static final String OPERATION = "survey";
    private static final String LIST = "survey_requests";

    /** A survey call's outcome: each customer's result and its survey request id (null when the customer failed). */
    @RegisterForReflection(registerFullHierarchy = true)
    public record Outcome(List<Result> results, List<String> requestIds) {}

    private final Pool pool;
    private final CustomerService customers;
    private final SurveyRepository requests;
    private final PageToken pageTokens;

    SurveyService(Pool pool, CustomerService customers, SurveyRepository requests, PageToken pageTokens) {
        this.pool = pool;
        this.customers = customers;
        this.requests = requests;
        this.pageTokens = pageTokens;
    }

    /** Applies the customers, queues one survey per applied customer, and answers each customer's outcome. */
    public Uni<Outcome> send(
            Caller caller,
            List<Subscriber> subscribers,
            boolean mayCreateProperties,
            String campaign,
            Integer delayDays,
            Optional<String> key,
            String hash) {
        String name = campaign(campaign);
        Instant sendAfter = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(delay(delayDays)));
        // The customer upsert names its fields subscribers[i]; this body calls them customers[i].
        return Uni.createFrom()
                .deferred(() -> customers.upsert(
                        caller,
                        subscribers,
                        mayCreateProperties,
                        OPERATION,
                        key,
                        hash,
                        Outcome.class,
                        (tx, results) -> record(
                                tx,
                                caller.tenantId(),
                                results.stream().map(SurveyService::asCustomer).toList(),
                                name,
                                sendAfter)))
                .onFailure(DomainException.class)
                .transform(e -> ((DomainException) e).withFields(SurveyService::asCustomers));
    }

    private static Result asCustomer(Result r) {
        return new Result(
                r.email(),
                r.status(),
                r.contactId(),
                r.errors().stream()
                        .map(e -> new FieldError(asCustomers(e.field()), e.message()))
                        .toList(),
                r.warnings().stream().map(SurveyService::asCustomers).toList());
    }

    private static String asCustomers(String field) {
        return field == null ? null : field.replaceFirst("^subscribers", "customers");
    }

    private Uni<Outcome> record(
            SqlClient tx, String tenantId, List<Result> results, String campaign, Instant sendAfter) {
        List<String> ids = new ArrayList<>();
        List<String> queuedIds = new ArrayList<>();
        List<String> contactIds = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (Result result : results) {
            String id = result.contactId() == null ? null : Ids.next("srq");
            ids.add(id);
            if (id != null) {
                queuedIds.add(id);
                contactIds.add(result.contactId());
                emails.add(result.email());
            }
        }
        Outcome outcome = new Outcome(results, ids);
        return queuedIds.isEmpty()
                ? Uni.createFrom().item(outcome)
                : requests.insert(tx, tenantId, queuedIds, contactIds, emails, campaign, sendAfter, Instant.now())
                        .replaceWith(outcome);
    }

    /** The tenant's survey requests, oldest first, optionally of one status and campaign. */
    public Uni<Page<SurveyRequest>> list(Caller caller, String status, String campaign, PageRequest page) {
        List<String> after = page.pageToken() == null ? null : pageTokens.decode(LIST, page.pageToken(), 2);
        return requests.page(pool, caller.tenantId(), status, campaign, after, page.pageSize() + 1)
                .map(rows -> {
                    if (rows.size() <= page.pageSize()) {
                        return new Page<>(rows, null);
                    }
                    SurveyRequest last = rows.get(page.pageSize() - 1);
                    return new Page<>(
                            rows.subList(0, page.pageSize()),
                            pageTokens.encode(LIST, List.of(last.createdAt().toString(), last.id())));
                });
    }

    /** Records what the delivering system reports: {@code sent} is final (409 after it), {@code failed} may be retried. */
    public Uni<SurveyRequest> mark(Caller caller, String id, String status, String reason) {
        if (status == null || !REPORTED.contains(status)) {
            return Uni.createFrom().failure(new DomainException.Invalid("status", "must be sent or failed"));
        }
        return requests.mark(pool, caller.tenantId(), id, status, reason)
                .flatMap(marked -> marked.isPresent()
                        ? Uni.createFrom().item(marked.get())
                        : requests.find(pool, caller.tenantId(), id).map(found -> {
                            throw found.isPresent()
                                    ? new DomainException.Conflict(
                                            "status", "Survey request " + id + " was already sent")
                                    : new DomainException.NotFound("Survey request", id);
                        }));
    }

    private static String campaign(String campaign) {
        if (campaign == null || campaign.isBlank() || campaign.strip().length() > 200) {
            throw new DomainException.Invalid("campaign", "is required: the campaign's name, 1 to 200 characters");
        }
        return campaign.strip();
    }

    private static int delay(Integer days) {
        if (days != null && (days < 0 || days > MAX_DELAY_DAYS)) {
            throw new DomainException.Invalid("delay", "must be a whole number of days from 0 to " + MAX_DELAY_DAYS);
        }
        return days == null ? 0 : days;
    }
}
