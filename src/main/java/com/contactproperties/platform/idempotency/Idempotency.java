package com.contactproperties.platform.idempotency;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.json.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code Idempotency-Key}: a unit of work and its result are one transaction, and a retry with the
 * same key and body gets the stored result back without the work being done again. The result is
 * the domain's, stored as JSON; each surface renders it as it renders a first answer, so this class
 * knows nothing of HTTP. Requests with one key are serialised by a transaction-scoped advisory lock
 * taken before the first look for a stored result and held until the result is stored and committed,
 * so that of sixteen racers one does the work and fifteen replay it; the same key with another body
 * is a 422.
 */
@ApplicationScoped
public class Idempotency {

    /**
     * The status column of a row that holds a domain result. Rows written before results were the
     * domain's hold an HTTP status and a rendered body instead; such a key is refused, never replayed
     * wrongly nor run again.
     */
    private static final int DOMAIN_RESULT = 0;

    private final Pool pool;
    private final IdempotencyRepository answers;

    Idempotency(Pool pool, IdempotencyRepository answers) {
        this.pool = pool;
        this.answers = answers;
    }

    /** The fingerprint of a request body. */
    public static String hash(String canonicalBody) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(canonicalBody.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The fingerprint of a JSON request body sent with an {@code Idempotency-Key}; without a key
     * nothing is compared, so a large body is not serialised and hashed for nothing.
     */
    public static String bodyHash(String key, Object body) {
        return key == null ? "" : hash(Json.write(body));
    }

    /**
     * Runs {@code work} in a transaction and answers its result; with a key, answers the stored result
     * of the key instead when there is one, and otherwise stores the result in the same transaction.
     */
    public <T> Uni<T> once(
            String tenantId,
            String operation,
            Optional<String> key,
            String hash,
            Class<T> type,
            Function<SqlConnection, Uni<T>> work) {
        if (key.isEmpty()) {
            return pool.withTransaction(work);
        }
        return pool.withTransaction(tx -> begin(tx, tenantId, operation, key.get(), hash)
                .flatMap(stored -> stored.isPresent()
                        ? Uni.createFrom().item(Json.read(stored.get(), type))
                        : work.apply(tx).call(result -> save(tx, tenantId, operation, key.get(), hash, result))));
    }

    /** Locks the key for this transaction and answers the stored result as JSON, if the key was used. */
    private Uni<Optional<String>> begin(
            SqlClient transaction, String tenantId, String operation, String key, String hash) {
        if (key.isBlank() || key.length() > 255) {
            return Uni.createFrom()
                    .failure(new DomainException.BadRequest("Idempotency-Key", "must be 1 to 255 characters"));
        }
        return answers.lock(transaction, tenantId, operation, key)
                .flatMap(ignored -> answers.find(transaction, tenantId, operation, key))
                .map(found -> found.map(stored -> {
                    if (!stored.requestHash().equals(hash)) {
                        throw new DomainException.Invalid(
                                "Idempotency-Key", "was already used with a different request body");
                    }
                    if (stored.status() != DOMAIN_RESULT) {
                        throw new DomainException.Invalid(
                                "Idempotency-Key", "was used before the service was upgraded: send a new key");
                    }
                    return stored.body();
                }));
    }

    /** Stores the result of a key, in the transaction that did the work. */
    private Uni<Void> save(
            SqlClient transaction, String tenantId, String operation, String key, String hash, Object result) {
        return answers.insert(
                transaction,
                tenantId,
                operation,
                key,
                new IdempotencyRepository.Stored(hash, DOMAIN_RESULT, Json.write(result)));
    }
}
