package dev.switchboard.gateway.privacy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** How much of a client's address the log records: all of it, its network, or nothing. */
public enum ClientAddress {
    FULL,
    /** IPv4 to its /24, IPv6 to its /48, written as a network ({@code 203.0.113.0/24}); anything else is dropped. */
    TRUNCATED,
    NONE;

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.]+)?");

    /**
     * @param address as the node saw it: a literal IPv4 or IPv6 address, or null when unknown
     * @return what the log may keep of it; null for nothing
     */
    public String recorded(String address) {
        if (address == null || this == NONE) {
            return null;
        }
        return this == FULL ? address : network(address);
    }

    private static String network(String address) {
        var ipv4 = IPV4.matcher(address);
        if (ipv4.matches()) {
            return ipv4.group(1) + "." + ipv4.group(2) + "." + ipv4.group(3) + ".0/24";
        }
        // only a literal that looks like IPv6 reaches the parser, which then never asks DNS for a name
        if (!address.contains(":") || !IPV6.matcher(address).matches()) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 4) { // an IPv4-mapped IPv6 address
                return network(InetAddress.getByAddress(bytes).getHostAddress());
            }
            for (int i = 6; i < bytes.length; i++) {
                bytes[i] = 0;
            }
            return InetAddress.getByAddress(bytes).getHostAddress() + "/48";
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
