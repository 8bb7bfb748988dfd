package io.mcpush.source.snowflake;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.push.Secret;
import io.mcpush.source.SourceConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The private key of Snowflake key-pair authentication, read from a PKCS#8 PEM file
 * ({@code BEGIN PRIVATE KEY}, or {@code BEGIN ENCRYPTED PRIVATE KEY} with a passphrase), the
 * format Snowflake's documentation generates with {@code openssl pkcs8 -topk8}. The key is
 * decrypted here, so the passphrase never reaches the driver's properties. {@link #toString()}
 * names only the file; the key is handed to the driver as its {@code privateKey} property.
 * Immutable.
 */
final class PrivateKeyCredential {
    static final String OPTION = "private-key-file";
    static final String PASSPHRASE_OPTION = "private-key-passphrase-env";

    private final Path file;
    private final PrivateKey key;

    private PrivateKeyCredential(Path file, PrivateKey key) {
        this.file = file;
        this.key = key;
    }

    /**
     * Reads and, when encrypted, decrypts the key.
     *
     * @param passphrase null for an unencrypted key
     * @throws SourceConfigException naming {@code --private-key-file} or {@code --private-key-passphrase-env}
     */
    static PrivateKeyCredential load(Path file, Secret passphrase) {
        requireNonNull(file, "file is null");
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new SourceConfigException(OPTION, "private key file " + file + " does not exist");
        } catch (IOException e) {
            throw new SourceConfigException(OPTION, "cannot read private key file " + file + ": "
                    + e.getClass().getSimpleName());
        }
        boolean encrypted = pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        if (!encrypted && !pem.contains("-----BEGIN PRIVATE KEY-----")) {
            String hint = pem.contains("-----BEGIN RSA PRIVATE KEY-----")
                    ? " (it is a PKCS#1 key: convert it with openssl pkcs8 -topk8 -inform PEM -in KEY -out KEY.p8)"
                    : "";
            throw new SourceConfigException(OPTION, "private key file " + file
                    + " holds no PKCS#8 PEM key (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)" + hint);
        }
        if (encrypted && passphrase == null) {
            throw new SourceConfigException(PASSPHRASE_OPTION, "private key file " + file
                    + " is encrypted: name the environment variable holding its passphrase with --" + PASSPHRASE_OPTION);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body(pem));
        } catch (IllegalArgumentException e) {
            throw new SourceConfigException(OPTION, "private key file " + file + " is not valid PEM (bad base64)");
        }
        try {
            PKCS8EncodedKeySpec spec;
            if (encrypted) {
                spec = decrypt(der, passphrase, file);
            } else {
                spec = new PKCS8EncodedKeySpec(der);
            }
            return new PrivateKeyCredential(file, KeyFactory.getInstance("RSA").generatePrivate(spec));
        } catch (GeneralSecurityException | IOException e) {
            throw new SourceConfigException(OPTION, "private key file " + file + " is not a readable RSA key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static PKCS8EncodedKeySpec decrypt(byte[] der, Secret passphrase, Path file)
            throws GeneralSecurityException, IOException {
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
        // PBES2 keys name their real scheme in the parameters (e.g. PBEWithHmacSHA256AndAES_256)
        String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
        SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
        PBEKeySpec pbe = new PBEKeySpec(passphrase.reveal().toCharArray());
        try {
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(pbe), info.getAlgParameters());
            return info.getKeySpec(cipher);
        } catch (GeneralSecurityException e) {
            throw new SourceConfigException(PASSPHRASE_OPTION, "cannot decrypt private key file " + file
                    + ": wrong passphrase or unsupported encryption (" + algorithm + ")");
        } finally {
            pbe.clearPassword();
        }
    }

    private static String body(String pem) {
        StringBuilder sb = new StringBuilder();
        boolean in = false;
        for (String line : pem.split("\\R")) {
            if (line.startsWith("-----BEGIN ")) {
                in = true;
            } else if (line.startsWith("-----END ")) {
                break;
            } else if (in) {
                sb.append(line.strip());
            }
        }
        return sb.toString();
    }

    PrivateKey key() {
        return key;
    }

    Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "private key from " + file;
    }
}
