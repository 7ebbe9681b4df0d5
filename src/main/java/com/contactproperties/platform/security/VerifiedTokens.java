package com.contactproperties.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers bearer tokens that passed verification, so that a client sending the same token on
 * every request pays for the RSA signature check and the claims parsing once rather than on each
 * request (they were over a third of the service's CPU on a point read).
 *
 * <p>The key is the whole token, signature included, so only the exact bytes that were verified
 * are recognised. An entry is used only while the token is unexpired and for at most a minute
 * after its verification, so a rotated verification key takes effect within that minute. Failed
 * verifications, and tokens whose claims break {@link ClaimRules} (a 401), are never remembered.
 * Everything other than {@link #parse(String)} is delegated.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private static final Duration REMEMBERED_FOR = Duration.ofMinutes(1);

    private final DefaultJWTParser delegate;
    private final long leewaySeconds;
    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(REMEMBERED_FOR)
            .build();

    VerifiedTokens(DefaultJWTParser delegate, JWTAuthContextInfo context) {
        this.delegate = delegate;
        // mp.jwt.verify.clock.skew (60 s unless configured), the leeway SmallRye JWT gives exp as well.
        this.leewaySeconds = context.getClockSkew();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && known.getExpirationTime() > System.currentTimeMillis() / 1000) {
            return known;
        }
        JsonWebToken parsed = delegate.parse(token);
        Optional<String> violation = ClaimRules.violation(parsed, System.currentTimeMillis() / 1000, leewaySeconds);
        if (violation.isPresent()) {
            throw new ParseException("Refused token: " + violation.get());
        }
        verified.put(token, parsed);
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
