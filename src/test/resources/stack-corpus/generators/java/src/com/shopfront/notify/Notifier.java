package com.shopfront.notify;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

public class Notifier {
    private final Map<String, String> emails = Map.of("c-1", "a@example.org");
    private final Executor executor;

    //B static Runnable addedInBuildB() { return () -> System.out.println("shifts the lambda numbering"); }

    public Notifier(Executor executor) {
        this.executor = executor;
    }

    public CompletableFuture<String> sendAsync(String customerId) {
        return CompletableFuture.supplyAsync(() -> {
            String email = emails.get(customerId);
            return "sent to " + email.toLowerCase();
        }, executor);
    }
}
