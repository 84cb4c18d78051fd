package com.shopfront.clients;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Connects like InventoryClient: the same exception from other code is another bug. */
public class PaymentGateway {
    private final int port;

    public PaymentGateway(int port) {
        this.port = port;
    }

    public void open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } finally {
            socket.close();
        }
    }
}
