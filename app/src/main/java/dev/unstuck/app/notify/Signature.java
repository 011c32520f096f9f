package dev.unstuck.app.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The signature of a webhook message: {@code v1=} and the hex HMAC-SHA256, keyed with the target's
 * secret, of the timestamp (Unix seconds), a dot and the exact body bytes. The timestamp travels in
 * its own header and is signed with the body, so a captured message cannot be sent again later
 * (receivers refuse one older than {@link #TOLERANCE}) nor its body changed; the delivery id lets a
 * receiver drop a retry it already handled.
 */
public final class Signature {
    public static final String HEADER = "X-Unstuck-Signature";
    public static final String TIMESTAMP_HEADER = "X-Unstuck-Timestamp";
    public static final String DELIVERY_HEADER = "X-Unstuck-Delivery";
    /** How old a message a receiver should still accept. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] secret;

    public Signature(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header's value for this body sent at {@code at}. */
    public String sign(long epochSeconds, byte[] body) {
        return "v1=" + HexFormat.of().formatHex(mac(epochSeconds, body));
    }

    /** The receiver's side of the recipe: a fresh timestamp and a matching signature (compared in constant time). */
    public boolean verify(String header, long epochSeconds, byte[] body, Instant now) {
        if (header == null || !header.startsWith("v1=")
                || Duration.between(Instant.ofEpochSecond(epochSeconds), now).abs().compareTo(TOLERANCE) > 0) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(3));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(epochSeconds, body));
    }

    private byte[] mac(long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
