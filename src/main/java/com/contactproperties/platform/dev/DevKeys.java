package com.contactproperties.platform.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The development and test RSA key pair, generated on first use into the git-ignored {@code .dev/}
 * folder so that no private key is ever committed. Never used by the production profile.
 */
public final class DevKeys {

    /** Issuer of development tokens; the dev and test profiles verify it. */
    public static final String ISSUER = "contact-properties-dev";
    /** Audience of development tokens; the dev and test profiles verify it. */
    public static final String AUDIENCE = "contact-properties";

    private static final Path DIR = Path.of(System.getProperty("contact-properties.dev-dir", ".dev"), "keys");
    private static final Path PUBLIC = DIR.resolve("public.pem");
    private static final Path PRIVATE = DIR.resolve("private.pem");

    private DevKeys() {}

    /** The public key file, creating the pair when it does not exist yet. */
    public static synchronized Path publicKeyFile() {
        if (!Files.exists(PUBLIC) || !Files.exists(PRIVATE)) {
            generate();
        }
        return PUBLIC.toAbsolutePath();
    }

    /** The private key that signs development tokens. */
    public static PrivateKey privateKey() {
        publicKeyFile();
        try {
            String pem = Files.readString(PRIVATE, StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable development key " + PRIVATE + "; delete .dev/keys", e);
        }
    }

    private static void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(DIR);
            // Private first, public last: the public file's presence means the pair is complete.
            write(PRIVATE, "PRIVATE KEY", pair.getPrivate().getEncoded());
            write(PUBLIC, "PUBLIC KEY", pair.getPublic().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private static void write(Path target, String label, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        String pem = "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
        Path temp = Files.createTempFile(DIR, label.replace(' ', '-'), ".tmp");
        Files.writeString(temp, pem, StandardCharsets.US_ASCII);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
