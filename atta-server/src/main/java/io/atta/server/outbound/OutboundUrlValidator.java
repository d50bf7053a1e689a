package io.atta.server.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether Atta may call a URL a merchant gave it (a {@code webhook_url}, a gateway
 * {@code notify_url}): http or https, no user information, to a host that is a public address.
 * Without this, anyone who can register a URL makes the server call its own loopback, the private
 * network it sits in, or the cloud's metadata service (server-side request forgery).
 *
 * <p>Checked twice: at registration ({@link #refusal}: the URL's form, and its address when it is
 * written as one), and before each delivery ({@link #deliveryRefusal}: every address the host
 * resolves to now, since a name's DNS may change after registration). With
 * {@code --allow-private-webhooks} loopback, private and CGNAT addresses are allowed (tests,
 * on-premise receivers); link-local, multicast, unspecified, broadcast and reserved ones never.
 *
 * <p>A host whose last label is a number is an IPv4 address to the resolvers that will read it
 * ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1} are all 127.0.0.1), so
 * only the four-decimal-part form is taken: any other is refused rather than interpreted.
 */
public final class OutboundUrlValidator {
    /** Refuses every non-public address: the production setting. */
    public static final OutboundUrlValidator publicOnly = new OutboundUrlValidator(false, HostResolver.system);

    private static final Pattern numericLabel = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern dottedQuad = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private final boolean allowPrivate;
    private final HostResolver resolver;

    /**
     * @param allowPrivate whether loopback, private and CGNAT addresses are allowed
     * @param resolver     what a host name resolves to at delivery
     */
    public OutboundUrlValidator(boolean allowPrivate, HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /**
     * Why {@code url} may not be registered, completing the sentence "webhook_url …" (such as
     * "must be a public address: 127.0.0.1 is loopback (127.0.0.0/8)"), or null when it may.
     * Reads no DNS: a name is checked when it is called.
     */
    public String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute http or https URL such as \"https://shop.example/atta/notify\"";
        }
        return refusal(uri);
    }

    private String refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque()) {
            return "must be an absolute http or https URL such as \"https://shop.example/atta/notify\"";
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must use http or https, not " + scheme;
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return "must name a host, such as https://shop.example/";
        }
        if (authority.indexOf('@') >= 0) {
            return "must not carry user information (user@host): credentials go in no URL Atta calls";
        }
        String host = hostOf(authority);
        if (host.isEmpty()) {
            return "must name a host, such as https://shop.example/";
        }
        if (host.indexOf('%') >= 0) {
            return "must name its host plainly: no percent-encoding or IPv6 zone (%) in it";
        }
        String refused = host.startsWith("[") ? literalV6Refusal(host) : nameOrV4Refusal(host);
        if (refused != null) {
            return refused;
        }
        if (uri.getHost() == null) {
            return "must name a host of letters, digits, hyphens and dots, such as https://shop.example/";
        }
        return null;
    }

    /**
     * At delivery, before any connection: {@link #refusal} again (a URL kept from before these
     * checks is held to them too), then every address the host resolves to must be allowed.
     * Blocks on DNS: call it off the dispatcher's thread. Returns null when the call may be made.
     */
    public String deliveryRefusal(URI uri) {
        String refused = refusal(uri);
        if (refused != null) {
            return "the URL " + refused;
        }
        String host = uri.getHost();
        if (host.startsWith("[") || dottedQuad.matcher(host).matches()) {
            return null; // an address, checked above
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return "the host " + host + " does not resolve";
        }
        if (addresses.length == 0) {
            return "the host " + host + " does not resolve";
        }
        for (InetAddress a : addresses) {
            String why = addressRefusal(a);
            if (why != null) {
                return "the host " + host + " resolves to " + a.getHostAddress() + ", " + why;
            }
        }
        return null;
    }

    private String literalV6Refusal(String bracketed) {
        if (!bracketed.endsWith("]")) {
            return "must be an absolute http or https URL such as \"https://shop.example/atta/notify\"";
        }
        String literal = bracketed.substring(1, bracketed.length() - 1);
        InetAddress address;
        try {
            // A literal with ':' is parsed, never looked up.
            address = literal.indexOf(':') < 0 ? null : InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            address = null;
        }
        if (address == null) {
            return "must write an IPv6 address as such, e.g. [2001:4860:4860::8888]";
        }
        String why = addressRefusal(address);
        return why == null ? null : "must be a public address: " + literal + " is " + why;
    }

    private String nameOrV4Refusal(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        String lastLabel = name.substring(name.lastIndexOf('.', name.length() - 2) + 1);
        if (lastLabel.endsWith(".")) {
            lastLabel = lastLabel.substring(0, lastLabel.length() - 1);
        }
        if (numericLabel.matcher(lastLabel).matches()) {
            if (!dottedQuad.matcher(name).matches()) {
                return "must write an IPv4 address as four decimal parts such as 93.184.216.34, not " + host
                        + " (decimal, octal, hex and short forms are refused)";
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(name);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(name + " is a dotted-quad literal", e);
            }
            String why = addressRefusal(address);
            return why == null ? null : "must be a public address: " + host + " is " + why;
        }
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if ((bare.equals("localhost") || bare.endsWith(".localhost")) && !allowPrivate) {
            return "must be a public address: " + host + " names this machine (loopback)";
        }
        return null;
    }

    /** Why this validator refuses {@code address}, or null. */
    private String addressRefusal(InetAddress address) {
        NonPublicAddresses.Refusal r = NonPublicAddresses.refusal(address);
        if (r == null || allowPrivate && r.kind().allowedWhenPrivate) {
            return null;
        }
        return r.reason();
    }

    /** The host of a raw authority without user information: what precedes the port. */
    private static String hostOf(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }
}
