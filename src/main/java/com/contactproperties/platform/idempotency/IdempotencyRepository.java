package com.contactproperties.platform.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/** Stored answers to idempotency keys, one tenant and operation at a time, in the caller's transaction. */
@ApplicationScoped
class IdempotencyRepository {

    /** An answer as stored: the fingerprint of the request it answered, its status and JSON body. */
    record Stored(String requestHash, int status, String body) {}

    /** Serialises the requests of one key until the transaction ends. */
    Uni<Void> lock(SqlClient transaction, String tenantId, String operation, String key) {
        return transaction
                .preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("idempotency/" + tenantId + "/" + operation + "/" + key))
                .replaceWithVoid();
    }

    Uni<Optional<Stored>> find(SqlClient transaction, String tenantId, String operation, String key) {
        return transaction
                .preparedQuery("select request_hash, status, response::text from idempotency_keys"
                        + " where tenant_id = $1 and operation = $2 and key = $3")
                .execute(Tuple.of(tenantId, operation, key))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next())
                                .map(row -> new Stored(row.getString(0), row.getInteger(1), row.getString(2))));
    }

    Uni<Void> insert(SqlClient transaction, String tenantId, String operation, String key, Stored answer) {
        return transaction
                .preparedQuery(
                        "insert into idempotency_keys (tenant_id, operation, key, request_hash, status, response,"
                                + " created_at) values ($1, $2, $3, $4, $5, ($6::text)::jsonb, $7)")
                .execute(Tuple.wrap(Arrays.asList(
                        tenantId,
                        operation,
                        key,
                        answer.requestHash(),
                        answer.status(),
                        answer.body(),
                        OffsetDateTime.now(ZoneOffset.UTC))))
                .replaceWithVoid();
    }
}
