package dev.switchboard.gateway.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The proxies whose {@code X-Forwarded-For} the node believes ({@code switchboard.trusted-proxies}). A request from any
 * other peer is the client itself, whatever it says it forwards: its own address is recorded and counted against the
 * per-address limits. No default, so a node believes nobody until told, and no range: a private network holds more
 * than the load balancer.
 *
 * @param trustedProxies {@code SWITCHBOARD_TRUSTED_PROXIES}: the proxies' IP addresses, comma-separated (IPv4 or IPv6,
 *     not host names: they would be looked up once, and a proxy's address can change); none by default
 */
@ConfigurationProperties("switchboard")
public record TrustedProxies(@DefaultValue List<String> trustedProxies) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public TrustedProxies {
        trustedProxies = trustedProxies.stream()
                .map(String::strip)
                .filter(address -> !address.isEmpty())
                .map(TrustedProxies::normalised)
                .toList();
    }

    boolean none() {
        return trustedProxies.isEmpty();
    }

    /**
     * The addresses as a pattern for Tomcat's {@code RemoteIpValve}, which compares it with the peer's address in the
     * form {@link InetAddress#getHostAddress()} gives (IPv6 in full: {@code 0:0:0:0:0:0:0:1}), exactly as these are.
     */
    String pattern() {
        return trustedProxies.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    private static String normalised(String address) {
        boolean ipv4 = IPV4.matcher(address).matches()
                && Arrays.stream(address.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        if (!ipv4 && !IPV6.matcher(address).matches()) {
            throw notAnAddress(address, null);
        }
        try {
            // a literal (IPv6 in brackets, so that a malformed one is refused rather than looked up): no lookup happens
            return InetAddress.getByName(ipv4 ? address : "[" + address + "]").getHostAddress();
        } catch (UnknownHostException e) {
            throw notAnAddress(address, e);
        }
    }

    private static IllegalArgumentException notAnAddress(String address, Exception cause) {
        return new IllegalArgumentException(
                "switchboard.trusted-proxies: '" + address + "' is not an IP address; name each proxy by its "
                        + "address, e.g. 172.28.0.10",
                cause);
    }
}
