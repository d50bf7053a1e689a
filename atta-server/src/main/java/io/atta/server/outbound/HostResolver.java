package io.atta.server.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Every address a host name resolves to; {@link InetAddress#getAllByName} outside tests. */
@FunctionalInterface
public interface HostResolver {
    HostResolver system = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
