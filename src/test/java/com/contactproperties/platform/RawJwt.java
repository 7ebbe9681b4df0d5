package com.contactproperties.platform;

import com.contactproperties.platform.dev.DevKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/** Hand-made tokens for the cases a JWT library refuses to build (no expiry, no algorithm). */
final class RawJwt {

    private RawJwt() {}

    static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String validPayload(String tenant) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + DevKeys.ISSUER + "\",\"aud\":\"" + DevKeys.AUDIENCE + "\",\"sub\":\"usr\",\"tid\":\""
                + tenant + "\",\"groups\":[\"owner\"],\"scope\":\"tag:list\",\"iat\":" + now + ",\"exp\":" + (now + 600)
                + "}";
    }

    static String rs256(String header, String payload) {
        try {
            String input = base64(header) + "." + base64(payload);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(DevKeys.privateKey());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
