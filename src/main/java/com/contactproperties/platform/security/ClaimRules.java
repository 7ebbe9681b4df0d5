package com.contactproperties.platform.security;

import jakarta.json.JsonString;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a signed token's claims must look like before the service takes them as a caller. The
 * signature only says who issued a token, not that its {@code tid} can key every row of a tenant:
 * a number, an array or blanks would be turned into text and shared by unrelated issuers' tokens
 * ({@code 123} and {@code "123"} would meet), and a {@code null} broke requests further in.
 */
final class ClaimRules {

    /** A tenant id: letters, digits, underscore, dot and hyphen, 1 to 64 of them. */
    static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /**
     * A user id: the tenant's alphabet plus {@code @ : | +}, so that the subjects identity providers
     * issue ({@code auth0|5f1c...}, {@code google-oauth2|1043...}, an e-mail address) fit.
     */
    static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9_.@:|+-]{1,64}");

    private ClaimRules() {}

    /** Why the verified token cannot be trusted as a caller, or empty when it can. */
    static Optional<String> violation(JsonWebToken token, long nowSeconds, long leewaySeconds) {
        if (!matches(token.getClaim(Caller.TENANT_CLAIM), TENANT)) {
            return Optional.of("the tid claim is not a string of 1 to 64 characters from [A-Za-z0-9_.-]");
        }
        if (!matches(token.getClaim(Claims.sub.name()), SUBJECT)) {
            return Optional.of("the sub claim is not a string of 1 to 64 characters from [A-Za-z0-9_.@:|+-]");
        }
        if (token.getIssuedAtTime() > nowSeconds + leewaySeconds) {
            return Optional.of("the token is issued in the future");
        }
        return Optional.empty();
    }

    // SmallRye JWT hands a custom claim over as a JSON value and a standard one as a Java value (null
    // when of the wrong type): only a string, of either kind, is text.
    private static boolean matches(Object claim, Pattern pattern) {
        String text = claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : null;
        return text != null && pattern.matcher(text).matches();
    }
}
