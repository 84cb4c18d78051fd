package com.shopfront.clients;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

public class InventoryClient {
    private final int port;

    public InventoryClient(int port) {
        this.port = port;
    }

    public void ping() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        }
    }
}
