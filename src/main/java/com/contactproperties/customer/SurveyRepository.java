package com.contactproperties.customer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Survey request rows: recorded with a survey call, listed for the delivering system, marked sent or failed. */
@ApplicationScoped
class SurveyRepository {

    private static final String COLUMNS =
            "id, contact_id, email, campaign, send_after, status, reason, created_at, updated_at";

    /** Records one queued request per (contact id, email) pair, in one statement. */
    Uni<Void> insert(
            SqlClient tx,
            String tenantId,
            List<String> ids,
            List<String> contactIds,
            List<String> emails,
            String campaign,
            Instant sendAfter,
            Instant now) {
        return tx.preparedQuery(
                        "insert into survey_requests (tenant_id, id, contact_id, email, campaign, send_after, created_at,"
                                + " updated_at) select $1, u.id, u.contact_id, u.email, $5, $6, $7, $7"
                                + " from unnest($2::text[], $3::text[], $4::text[]) with ordinality as u(id, contact_id, email, o) order by u.o")
                .execute(Tuple.wrap(Arrays.asList(
                        tenantId,
                        ids.toArray(String[]::new),
                        contactIds.toArray(String[]::new),
                        emails.toArray(String[]::new),
                        campaign,
                        utc(sendAfter),
                        utc(now))))
                .replaceWithVoid();
    }

    /** Oldest first after the keyset position (created_at, id), optionally of one status and campaign. */
    Uni<List<SurveyRequest>> page(
            SqlClient sql, String tenantId, String status, String campaign, List<String> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        StringBuilder where = new StringBuilder(" where tenant_id = $1");
        if (status != null) {
            parameters.add(status);
            where.append(" and status = $").append(parameters.size());
        }
        if (campaign != null) {
            parameters.add(campaign);
            where.append(" and campaign = $").append(parameters.size());
        }
        if (after != null) {
            parameters.add(utc(Instant.parse(after.get(0))));
            parameters.add(after.get(1));
            where.append(" and (created_at, id) > ($")
                    .append(parameters.size() - 1)
                    .append(", $")
                    .append(parameters.size())
                    .append(")");
        }
        parameters.add(limit);
        return sql.preparedQuery("select " + COLUMNS + " from survey_requests" + where
                        + " order by created_at, id limit $" + parameters.size())
                .execute(Tuple.wrap(parameters))
                .map(rows -> {
                    List<SurveyRequest> requests = new ArrayList<>();
                    rows.forEach(row -> requests.add(request(row)));
                    return requests;
                });
    }

    /** Sets the status of a request that is not yet sent; empty when there is no such request or it was already sent. */
    Uni<Optional<SurveyRequest>> mark(SqlClient sql, String tenantId, String id, String status, String reason) {
        return sql.preparedQuery("update survey_requests set status = $3, reason = $4, updated_at = now()"
                        + " where tenant_id = $1 and id = $2 and status <> 'sent' returning " + COLUMNS)
                .execute(Tuple.of(tenantId, id, status, reason))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(request(rows.iterator().next())));
    }

    Uni<Optional<SurveyRequest>> find(SqlClient sql, String tenantId, String id) {
        return sql.preparedQuery("select " + COLUMNS + " from survey_requests where tenant_id = $1 and id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(request(rows.iterator().next())));
    }

    private static SurveyRequest request(Row row) {
        return new SurveyRequest(
                row.getString("id"),
                row.getString("contact_id"),
                row.getString("email"),
                row.getString("campaign"),
                row.getOffsetDateTime("send_after").toInstant(),
                row.getString("status"),
                row.getString("reason"),
                row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
