package com.contactproperties.platform.idempotency;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.json.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code Idempotency-Key}: the first answer to a key is stored in the transaction that did the work,
 * and a retry with the same key and body gets it back without the work being done again. Requests
 * with one key are serialised by an advisory lock; the same key with another body is a 422.
 */
@ApplicationScoped
public class Idempotency {

  /** A stored answer: its status and JSON body. */
  public record Answer(int status, String body) {

    /** The HTTP answer. */
    public RestResponse<String> toResponse() {
      return RestResponse.ResponseBuilder.<String>create(status).entity(body).type(MediaType.APPLICATION_JSON).build();
    }
  }

  /** The fingerprint of a request body. */
  public static String hash(String canonicalBody) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalBody.getBytes(StandardCharsets.UTF_8)));
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

  /** Locks the key for this transaction and answers the stored answer, if the key was used. */
  public Uni<Optional<Answer>> begin(SqlClient transaction, String tenantId, String operation, String key, String hash) {
    if (key.isBlank() || key.length() > 255) {
      return Uni.createFrom().failure(new DomainException.BadRequest("Idempotency-Key", "must be 1 to 255 characters"));
    }
    return transaction.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
        .execute(Tuple.of("idempotency/" + tenantId + "/" + operation + "/" + key))
        .flatMap(ignored -> transaction.preparedQuery("select request_hash, status, response::text from idempotency_keys"
                + " where tenant_id = $1 and operation = $2 and key = $3")
            .execute(Tuple.of(tenantId, operation, key)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          var row = rows.iterator().next();
          if (!row.getString(0).equals(hash)) {
            throw new DomainException.Invalid("Idempotency-Key", "was already used with a different request body");
          }
          return Optional.of(new Answer(row.getInteger(1), row.getString(2)));
        });
  }

  /** Stores the answer to a key, in the transaction that did the work. */
  public Uni<Void> save(SqlClient transaction, String tenantId, String operation, String key, String hash, Answer answer) {
    return transaction.preparedQuery("insert into idempotency_keys (tenant_id, operation, key, request_hash, status, response,"
            + " created_at) values ($1, $2, $3, $4, $5, ($6::text)::jsonb, $7)")
        .execute(Tuple.wrap(java.util.Arrays.asList(tenantId, operation, key, hash, answer.status(), answer.body(),
            OffsetDateTime.now(ZoneOffset.UTC))))
        .replaceWithVoid();
  }
}
